package com.facegate.local.aws.lambda;

import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;

/** Builds the event notification JSON exactly in the shape Amazon S3 delivers to Lambda (eventVersion 2.1). */
public final class S3EventJson {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper mapper = MessageCodec.mapper();
    private final String region;
    private final String principalId;
    private final String ownerId;
    private final Clock clock;

    /**
     * @param principalId who made the request as S3 names it, e.g. {@code AWS:<access key id>}
     * @param ownerId the bucket owner's canonical id stand-in
     */
    public S3EventJson(String region, String principalId, String ownerId, Clock clock) {
        this.region = region;
        this.principalId = principalId;
        this.ownerId = ownerId;
        this.clock = clock;
    }

    public String event(ObjectCreated o, String configurationId) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode r = root.putArray("Records").addObject();
        r.put("eventVersion", "2.1");
        r.put("eventSource", "aws:s3");
        r.put("awsRegion", region);
        r.put("eventTime", TIME.format(clock.instant()));
        r.put("eventName", o.eventName());
        r.putObject("userIdentity").put("principalId", principalId);
        r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode resp = r.putObject("responseElements");
        resp.put("x-amz-request-id", HexFormat.of().withUpperCase().formatHex(bytes(8)));
        resp.put("x-amz-id-2", Base64.getEncoder().encodeToString(bytes(48)));
        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", o.bucket());
        bucket.putObject("ownerIdentity").put("principalId", ownerId);
        bucket.put("arn", "arn:aws:s3:::" + o.bucket());
        ObjectNode obj = s3.putObject("object");
        obj.put("key", S3KeyEncoding.encode(o.key()));
        obj.put("size", o.size());
        obj.put("eTag", unquote(o.eTag()));
        obj.put("sequencer", o.sequencer());
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unquote(String eTag) {
        if (eTag == null) {
            return "";
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1) : eTag;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
