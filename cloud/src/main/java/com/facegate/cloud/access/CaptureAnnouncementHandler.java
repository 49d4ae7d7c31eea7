package com.facegate.cloud.access;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.protocol.CaptureAnnouncement;
import com.facegate.protocol.DoorIds;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Sanitize;
import com.facegate.protocol.Validity;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The fast path: a door's capture announcement from the IoT rule
 * {@code SELECT *, topic(3) AS topicDoorId FROM 'facegate/doors/+/captures'} (the local stack calls it the same way)
 * is decided at once by the same code as the S3 event ({@link AccessDecisionHandler#handle}), instead of waiting
 * seconds for S3's notification. The announcement is only a hint: it is decided only when it is well formed, its
 * door is the topic's (the thing policy lets a door publish only on its own), it is still valid, and the object
 * exists at that door's capture key with the ETag announced. Anything else is logged with the reason and not
 * decided; the S3 event, which still arrives, decides it then. The decision ledger makes the two paths decide a
 * capture once: whichever claims it first decides, the other skips it (the announcement does not wait for an S3
 * delivery that holds the claim: that one finishes or is retried).
 */
public final class CaptureAnnouncementHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureAnnouncementHandler.class);
    /** Room for a maximal door message plus the rule's added field. */
    static final int MAX_INPUT = MessageCodec.MAX_BYTES + 1024;
    /** The door's default clock-skew allowance (as {@link CaptureDeadline#CLOCK_SKEW}). */
    static final Duration SKEW = CaptureDeadline.CLOCK_SKEW;
    private static final ObjectReader STRICT = MessageCodec.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /**
     * What became of one announcement: decided (a decision published), left to the other path ({@code DUPLICATE},
     * no problem), or refused with the reason code and the problem.
     */
    public record Outcome(boolean decided, String reason, String problem) {
        static final Outcome DECIDED = new Outcome(true, null, null);
        static final Outcome OTHER_PATH = new Outcome(false, Reasons.DUPLICATE, null);

        static Outcome refused(String reason, String problem) {
            return new Outcome(false, reason, problem);
        }
    }

    private final CaptureDecisions decisions;
    private final S3Client s3;
    private final String bucket;
    private final Clock clock;

    /** Lambda entry point: configuration from the environment, clients once per container. */
    public CaptureAnnouncementHandler() {
        this(CloudConfig.fromEnv(), CloudClients.fromEnv(), Clock.systemUTC());
    }

    public CaptureAnnouncementHandler(CloudConfig config, CloudClients clients, Clock clock) {
        this(new AccessDecisionHandler(config, clients, clock), clients.s3(), config.bucket(), clock);
    }

    /** Shares the access handler (and so its ledger, decider and publisher) with the S3 path. */
    public CaptureAnnouncementHandler(AccessDecisionHandler access, S3Client s3, String bucket, Clock clock) {
        this(access.decisions(), s3, bucket, clock);
    }

    /** Ends in {@code decisions}: the S3 path's own (a deployment's one wrap covers both entry points). */
    public CaptureAnnouncementHandler(CaptureDecisions decisions, S3Client s3, String bucket, Clock clock) {
        this.decisions = decisions;
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Outcome o = accept(input.readNBytes(MAX_INPUT + 1));
        output.write(("{\"decided\":" + o.decided() + "}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks and decides one announcement. Throws only for a transient failure (S3 unreachable, a decision that
     * could not be recorded), so that the platform retries; refusals are returned and logged.
     */
    public Outcome accept(byte[] raw) {
        Outcome o = check(raw);
        if (o.problem() != null) {
            LOG.warn("capture announcement not decided ({}): {}", o.reason(), o.problem());
        }
        return o;
    }

    private Outcome check(byte[] raw) {
        if (raw == null || raw.length == 0 || raw.length > MAX_INPUT) {
            return Outcome.refused(Reasons.MALFORMED, raw == null || raw.length == 0 ? "empty message"
                    : "message larger than " + MAX_INPUT + " bytes");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(raw);
        } catch (IOException | RuntimeException e) {
            return Outcome.refused(Reasons.MALFORMED, "not JSON, or a key given twice");
        }
        if (!(tree instanceof ObjectNode obj)) {
            return Outcome.refused(Reasons.MALFORMED, "not a JSON object");
        }
        JsonNode topicNode = obj.remove("topicDoorId");
        String topicDoorId = topicNode == null || !topicNode.isTextual() ? null : topicNode.asText();
        if (!DoorIds.isValid(topicDoorId)) {
            return Outcome.refused(Reasons.MALFORMED, "topicDoorId missing or invalid");
        }
        CaptureAnnouncement a;
        try {
            a = MessageCodec.decode(MessageCodec.mapper().writeValueAsBytes(obj), CaptureAnnouncement.class);
        } catch (InvalidMessageException e) {
            return Outcome.refused(Reasons.MALFORMED, "from door " + topicDoorId + ": "
                    + String.join("; ", e.problems()));
        } catch (IOException e) {
            return Outcome.refused(Reasons.MALFORMED, "cannot re-encode");
        }
        if (!topicDoorId.equals(a.doorId())) {
            return Outcome.refused(Reasons.WRONG_DOOR, "door " + topicDoorId + " announced a capture of door "
                    + Sanitize.forLog(a.doorId()));
        }
        Optional<Validity.Refusal> late = Validity.at(clock.instant(), a.issuedAt(), a.expiresAt(), SKEW,
                Validity.MAX);
        if (late.isPresent()) {
            return Outcome.refused(late.get().reason(), "capture " + a.captureId() + ": " + late.get().problem());
        }
        Outcome stored = matchesStoredObject(a);
        if (stored != null) {
            return stored;
        }
        try {
            return decisions.decide(a.capture()).isPresent() ? Outcome.DECIDED : Outcome.OTHER_PATH;
        } catch (CaptureBusyException e) {
            LOG.info("capture {} at door {} is being decided by its S3 event; announcement skipped", a.captureId(),
                    a.doorId());
            return Outcome.OTHER_PATH;
        }
    }

    /** Null when the object at the announced key exists with the announced ETag (and version, if given). */
    private Outcome matchesStoredObject(CaptureAnnouncement a) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(a.key()).versionId(a.versionId()));
        } catch (NoSuchKeyException e) {
            return missing(a);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return missing(a);
            }
            throw e;
        }
        if (!unquoted(a.eTag()).equals(unquoted(head.eTag()))) {
            return Outcome.refused(Reasons.ETAG_MISMATCH, "capture " + a.captureId() + " at door " + a.doorId()
                    + ": the stored object's ETag is not the one announced");
        }
        return null;
    }

    private static Outcome missing(CaptureAnnouncement a) {
        return Outcome.refused(Reasons.UNKNOWN_CAPTURE, "capture " + a.captureId() + " at door " + a.doorId()
                + ": no such object");
    }

    private static String unquoted(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "").trim();
    }
}
