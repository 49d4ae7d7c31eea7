package com.facegate.cloud;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** S3 events deserialized exactly as the Lambda Java runtime does (aws-lambda-java-serialization). */
public final class S3Events {
    private static final PojoSerializer<S3Event> SERIALIZER =
            LambdaEventSerializers.serializerFor(S3Event.class, S3Events.class.getClassLoader());

    private S3Events() {}

    public static S3Event parse(InputStream json) {
        return SERIALIZER.fromJson(json);
    }

    public static S3Event load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An ObjectCreated:Put event for these (decoded) keys, encoded the way S3 sends them. */
    public static S3Event created(String bucket, String... keys) {
        String records = List.of(keys).stream().map(k -> """
                {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1",
                 "eventTime":"2026-11-28T08:00:00.123Z","eventName":"ObjectCreated:Put",
                 "userIdentity":{"principalId":"AWS:TEST"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},
                 "responseElements":{"x-amz-request-id":"R","x-amz-id-2":"I"},
                 "s3":{"s3SchemaVersion":"1.0","configurationId":"test",
                   "bucket":{"name":"%s","ownerIdentity":{"principalId":"O"},"arn":"arn:aws:s3:::%s"},
                   "object":{"key":"%s","size":1,"eTag":"e","sequencer":"1"}}}
                """.formatted(bucket, bucket, encode(k))).collect(Collectors.joining(","));
        return parse(new ByteArrayInputStream(("{\"Records\":[" + records + "]}").getBytes(StandardCharsets.UTF_8)));
    }

    /** S3's key encoding in notifications: form encoding, but '/' kept. */
    public static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
