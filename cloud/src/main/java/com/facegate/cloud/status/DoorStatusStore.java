package com.facegate.cloud.status;

import com.facegate.protocol.DoorIds;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Each door's latest status message as {@code status/{doorId}.json}. In AWS the {@code DoorStatusTopicRule} of
 * {@code cloud/template.yaml} writes it (S3 action, key from {@code topic(3)}); the local stack's rule calls
 * {@link #store}. The key's door id is the publishing thing's own (the thing policy allows only its own status
 * topic), and {@link #latest} refuses a body naming another door, so no door can show as another.
 */
public final class DoorStatusStore {
    public static final String PREFIX = "status/";
    private static final Logger LOG = LoggerFactory.getLogger(DoorStatusStore.class);

    private final S3Client s3;
    private final String bucket;

    public DoorStatusStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public static String key(String doorId) {
        return PREFIX + DoorIds.require(doorId) + ".json";
    }

    /**
     * What the rule does: the message as published, under the topic's door id. The body is not checked here (the
     * rule does not either); {@link #latest} checks it when it is read.
     */
    public void store(String topicDoorId, byte[] payload) {
        if (!DoorIds.isValid(topicDoorId)) {
            throw new IllegalArgumentException("status topic names no valid door id");
        }
        s3.putObject(b -> b.bucket(bucket).key(key(topicDoorId)).contentType("application/json"),
                RequestBody.fromBytes(payload));
    }

    /** The door's last stored status; empty when none is stored or the stored one is malformed (logged). */
    public Optional<DoorStatus> latest(String doorId) {
        byte[] body;
        try {
            body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(doorId))).asByteArray();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            DoorStatus s = MessageCodec.decode(body, DoorStatus.class);
            if (!doorId.equals(s.doorId())) {
                LOG.warn("stored status of door {} names door {}: ignored", doorId, s.doorId());
                return Optional.empty();
            }
            return Optional.of(s);
        } catch (InvalidMessageException e) {
            LOG.warn("stored status of door {} is malformed: {}", doorId, e.getMessage());
            return Optional.empty();
        }
    }
}
