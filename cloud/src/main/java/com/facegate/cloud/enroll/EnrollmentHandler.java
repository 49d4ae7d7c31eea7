package com.facegate.cloud.enroll;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.access.AccessDecisionHandler;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 ObjectCreated (Put or CompleteMultipartUpload) on {@code enroll/{badgeId}/{photo}}: enrolls the photo for the
 * badge (see {@link PhotoEnroller}). Keys are URL-decoded (non-ASCII names arrive %-encoded, spaces as '+'). Every
 * record is attempted; if any failed transiently the invocation throws afterwards so the platform retries, and
 * photos already enrolled are skipped then.
 */
public final class EnrollmentHandler implements RequestHandler<S3Event, Void> {
    public static final String PREFIX = "enroll/";
    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentHandler.class);

    private final CloudConfig config;
    private final PhotoEnroller enroller;

    /** Lambda entry point: configuration from the environment (see {@link CloudConfig}). */
    public EnrollmentHandler() {
        this(CloudConfig.fromEnv(), CloudClients.fromEnv(), Clock.systemUTC());
    }

    public EnrollmentHandler(CloudConfig config, CloudClients clients, Clock clock) {
        this.config = config;
        Registry registry = new Registry(clients.s3(), config.bucket(), clock, config.registryFreshFor());
        this.enroller = new PhotoEnroller(config, clients.rekognition(), clients.s3(), registry,
                new AuditWriter(clients.s3(), config.bucket(), clock, AwsRetries.standard()),
                new PhotoQualityGate(PhotoQualityGate.Limits.defaults()), clock);
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        if (event == null || event.getRecords() == null) {
            return null;
        }
        RuntimeException failure = null;
        for (S3EventNotificationRecord r : event.getRecords()) {
            try {
                handle(r);
            } catch (EnrollmentBusyException e) {
                LOG.info("enrollment record busy in a concurrent delivery, will be retried");
                failure = failure == null ? e : failure;
            } catch (RuntimeException e) {
                LOG.error("enrollment record failed, will be retried: {}", e.getClass().getSimpleName());
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    public Optional<PhotoEnrollment> handle(S3EventNotificationRecord record) {
        if (record == null || record.getS3() == null || record.getS3().getObject() == null) {
            return Optional.empty();
        }
        if (record.getEventName() != null && !record.getEventName().startsWith("ObjectCreated")) {
            LOG.warn("S3 {} event ignored: only ObjectCreated is handled", record.getEventName());
            return Optional.empty();
        }
        String key = AccessDecisionHandler.decodeKey(record.getS3().getObject().getKey());
        Optional<String> badgeId = badgeOf(key);
        if (badgeId.isEmpty()) {
            LOG.warn("not an enrollment photo key, skipped: {}", key);
            return Optional.empty();
        }
        String bucket = record.getS3().getBucket() == null ? config.bucket() : record.getS3().getBucket().getName();
        if (!config.bucket().equals(bucket)) {
            LOG.warn("enrollment photo in unexpected bucket {} skipped", bucket);
            return Optional.empty();
        }
        return Optional.ofNullable(enroller.enroll(bucket, badgeId.get(), key));
    }

    /** {@code enroll/{badgeId}/{name}.jpg|.jpeg|.png} → badge id; empty for anything else. */
    public static Optional<String> badgeOf(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".png"))) {
            return Optional.empty();
        }
        String badge = rest.substring(0, slash);
        return BadgeIds.isValid(badge) ? Optional.of(badge) : Optional.empty();
    }
}
