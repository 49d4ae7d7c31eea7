package com.facegate.local.deploy;

import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.access.AccessDecisionHandler;
import com.facegate.cloud.access.CaptureAnnouncementHandler;
import com.facegate.cloud.access.CaptureDecisions;
import com.facegate.cloud.audit.AuditSinkHandler;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentHandler;
import com.facegate.cloud.status.DoorStatusStore;
import com.facegate.gallery.GalleryPublisher;
import com.facegate.local.doors.GalleryKeys;
import com.facegate.local.stack.LocalRole;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.CreateCollectionRequest;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;

/**
 * The cloud side deployed onto a running {@link LocalStack}, as {@code cloud/template.yaml} deploys it to AWS:
 * the access handler on {@code captures/*.jpg}, the enrollment handler on {@code enroll/}, the audit sink on
 * {@code facegate/doors/+/audit} (the IoT rule's {@code topic(3) AS topicDoorId} added here the same way), the
 * doors' status messages stored as {@code status/{doorId}.json} (the status rule), the collection created, a
 * {@link BadgeAdmin} for the admin tools, and the doors' offline galleries published. The handlers get the same SDK
 * v2 clients they build in Lambda, pointed at the local endpoints, each signing with its own role's key (as each
 * function runs under its own IAM role); the admin tools keep the admin's key.
 */
public final class CloudDeployment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudDeployment.class);
    /** How often doors' offline galleries are rebuilt: revocations and schedule edges reach them this fast. */
    static final java.time.Duration GALLERY_PERIOD = java.time.Duration.ofSeconds(60);

    private final LocalStack stack;
    private final CloudConfig config;
    private final CloudClients clients;
    private final LocalEndpoints endpoints;
    private final ExecutionInterceptor[] interceptors;
    private final Clock clock;
    // Containers start on Lambda worker threads (cold starts), each building its own role's clients.
    private final List<CloudClients> roleClients = new CopyOnWriteArrayList<>();
    private volatile AccessDecisionHandler access;
    private final AuditSinkHandler auditSink;
    private final BadgeAdmin admin;
    private final GalleryPublisher galleries;
    private final DoorStatusStore statusRule;
    private final List<BiConsumer<String, AuditSinkHandler.Outcome>> stored = new CopyOnWriteArrayList<>();

    private CloudDeployment(LocalStack stack, CloudConfig config, Clock clock, ExecutionInterceptor... interceptors) {
        this.stack = stack;
        this.config = config;
        if (!config.collectionId().equals(stack.collectionId())) {
            throw new IllegalArgumentException("the handlers' collection " + config.collectionId()
                    + " is not the one the stack's role policies name (" + stack.collectionId() + ")");
        }
        this.endpoints = LocalEndpoints.of(stack);
        this.interceptors = interceptors.clone();
        this.clock = clock;
        endpoints.write();
        this.clients = endpoints.clients(interceptors);
        ensureCollection(clients.rekognition(), config.collectionId());
        this.auditSink = new AuditSinkHandler(config, role(endpoints, LocalRole.AUDIT_SINK, interceptors), clock);
        this.admin = new BadgeAdmin(config, clients, clock);
        this.statusRule = new DoorStatusStore(role(endpoints, LocalRole.DOOR_STATUS_RULE, interceptors).s3(),
                config.bucket());
        CloudClients gallery = role(endpoints, LocalRole.GALLERY, interceptors);
        this.galleries = stack.faceEngine()
                .map(engine -> new GalleryPublisher(gallery.s3(), config.bucket(), engine, stack.galleryKeys(), clock))
                .orElse(null);
    }

    /** Deploys with the local defaults: our engine's liveness score is available, so it is enforced (floor 10). */
    public static CloudDeployment deploy(LocalStack stack) {
        return deploy(stack, c -> c);
    }

    /** Deploys with settings adjusted from the local defaults (tests tighten or loosen one policy at a time). */
    public static CloudDeployment deploy(LocalStack stack, UnaryOperator<CloudConfig> adjust) {
        return deploy(stack, adjust, h -> h);
    }

    /**
     * Deploys with the capture decision wrapped (once, for both entry points: the S3 event and the door's
     * announcement) and interceptors on every SDK client the handlers use: the end-to-end benchmark's stage clock,
     * a test's "cloud down". The handlers themselves are unchanged.
     */
    public static CloudDeployment deploy(LocalStack stack, UnaryOperator<CloudConfig> adjust,
            UnaryOperator<CaptureDecisions> wrapAccess, ExecutionInterceptor... interceptors) {
        return deploy(stack, adjust, true, wrapAccess, interceptors);
    }

    /**
     * As above; {@code fastPath} false leaves the capture rule unrouted (the fast path down): door announcements
     * reach no handler and every capture waits for its S3 event.
     */
    public static CloudDeployment deploy(LocalStack stack, UnaryOperator<CloudConfig> adjust, boolean fastPath,
            UnaryOperator<CaptureDecisions> wrapAccess, ExecutionInterceptor... interceptors) {
        // The local endpoint scores with FaceGate's engine, so a false-accept target can be turned into thresholds.
        CloudConfig base = CloudConfig.builder(stack.bucket()).livenessMode("local").similarity("engine")
                .pinKey(stack.pinKeys().privateKeyFile().toString()).build();
        CloudDeployment cloud = new CloudDeployment(stack, adjust.apply(base), Clock.systemUTC(), interceptors);
        cloud.register(wrapAccess, fastPath);
        return cloud;
    }

    /**
     * Each function is deployed by its initialisation, which the stack runs once (cold starts off) or in every new
     * container (on): its role's clients, then the handler, with the capture decision wrapped for both paths.
     */
    private void register(UnaryOperator<CaptureDecisions> wrapAccess, boolean fastPath) {
        stack.registerS3Function("facegate-captures", "captures/", ".jpg", () -> {
            AccessDecisionHandler real = new AccessDecisionHandler(config, accessRole(), clock);
            if (access == null) {
                access = real;
            }
            return real.wrapped(wrapAccess);
        });
        if (fastPath) {
            // The capture rule: SELECT *, topic(3) AS topicDoorId FROM 'facegate/doors/+/captures'. Its function
            // runs under the access decision role, as in cloud/template.yaml.
            stack.onCaptureAnnouncement(() -> {
                CloudClients role = accessRole();
                CaptureAnnouncementHandler announcements = new CaptureAnnouncementHandler(
                        new AccessDecisionHandler(config, role, clock).wrapped(wrapAccess).decisions(), role.s3(),
                        config.bucket(), clock);
                return (topic, payload) -> announcements.accept(withTopicDoorId(topic, payload));
            });
        }
        stack.registerS3Function("facegate-enroll", "enroll/", "",
                () -> new EnrollmentHandler(config, role(endpoints, LocalRole.ENROLLMENT, interceptors), clock));
        stack.onAudit(this::sinkAudit);
        // The presence rule: SELECT * FROM '$aws/events/presence/+/+' to the same sink (no topicDoorId added).
        stack.onPresence((topic, payload) -> auditSink.accept(payload));
        // The status rule: SELECT * FROM 'facegate/doors/+/status', S3 action to status/${topic(3)}.json.
        stack.onStatus((topic, payload) -> statusRule.store(Topics.parse(topic).map(Topics.DoorTopic::doorId)
                .orElse(null), payload));
        if (galleries != null) {
            galleries.every(GALLERY_PERIOD);
        }
        LOG.info("cloud handlers deployed on the local stack (collection {}, threshold {})", config.collectionId(),
                config.matchThreshold());
    }

    /** Does what the IoT rule {@code SELECT *, topic(3) AS topicDoorId} does before invoking the sink. */
    private void sinkAudit(String topic, byte[] payload) {
        String topicDoorId = Topics.parse(topic).map(Topics.DoorTopic::doorId).orElse(null);
        byte[] event = withTopicDoorId(topic, payload);
        // A failure propagates: the stack retries the invocation and dead-letters it, as Lambda would.
        AuditSinkHandler.Outcome outcome = auditSink.accept(event);
        for (var listener : stored) {
            try {
                listener.accept(topicDoorId, outcome);
            } catch (RuntimeException e) {
                LOG.warn("audit listener failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** The rules' {@code SELECT *, topic(3) AS topicDoorId}; anything not a JSON object is handed over unchanged. */
    private static byte[] withTopicDoorId(String topic, byte[] payload) {
        String topicDoorId = Topics.parse(topic).map(Topics.DoorTopic::doorId).orElse(null);
        try {
            JsonNode tree = MessageCodec.mapper().readTree(payload);
            if (tree instanceof ObjectNode obj && topicDoorId != null) {
                obj.put("topicDoorId", topicDoorId);
                return MessageCodec.mapper().writeValueAsBytes(obj);
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: the handler records it as rejected (audit) or refuses it (captures), never loses it silently.
        }
        return payload;
    }

    /**
     * Each door audit message once the sink has stored it, with the topic's door id and what was stored (the
     * event, or the reason it was kept as REJECTED): what a console shows, rather than what a door claimed.
     */
    public void onAuditStored(BiConsumer<String, AuditSinkHandler.Outcome> listener) {
        stored.add(listener);
    }

    private CloudClients accessRole() {
        return role(endpoints, LocalRole.ACCESS_DECISION, interceptors);
    }

    private CloudClients role(LocalEndpoints endpoints, LocalRole role, ExecutionInterceptor... interceptors) {
        CloudClients c = endpoints.clients(stack.roleCredentials(role), interceptors);
        roleClients.add(c);
        return c;
    }

    private static void ensureCollection(RekognitionClient rekognition, String collectionId) {
        try {
            rekognition.createCollection(CreateCollectionRequest.builder().collectionId(collectionId).build());
        } catch (ResourceAlreadyExistsException e) {
            // Already there from an earlier run: the collection is persistent.
        }
    }

    public CloudConfig config() {
        return config;
    }

    /** The admin's clients (what the admin tools use); each handler has its own role's. */
    public CloudClients clients() {
        return clients;
    }

    /** The S3 path's first access handler (unwrapped); each container has its own when cold starts are on. */
    public AccessDecisionHandler accessHandler() {
        return access;
    }

    public BadgeAdmin admin() {
        return admin;
    }

    /** Doors' offline-gallery keys (each door's config carries its own). */
    public GalleryKeys galleryKeys() {
        return stack.galleryKeys(); // the same keys provisioning writes into door bundles
    }

    /** The offline-gallery publisher; empty when the stack runs without a face engine. */
    public java.util.Optional<GalleryPublisher> galleries() {
        return java.util.Optional.ofNullable(galleries);
    }

    @Override
    public void close() {
        if (galleries != null) {
            galleries.close();
        }
        roleClients.add(clients);
        for (CloudClients c : roleClients) {
            c.s3().close();
            c.rekognition().close();
            c.iot().close();
        }
    }
}
