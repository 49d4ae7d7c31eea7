package com.facegate.local.stack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.facegate.engine.FaceEngine;
import com.facegate.local.aws.auth.SigV4Verifier;
import com.facegate.local.aws.iotcredentials.IotCredentialsEndpoint;
import com.facegate.local.aws.iotdata.IotDataEndpoint;
import com.facegate.local.aws.lambda.AsyncLambdaInvoker;
import com.facegate.local.aws.lambda.LambdaContainers;
import com.facegate.local.aws.lambda.LambdaTarget;
import com.facegate.local.aws.lambda.NotificationRule;
import com.facegate.local.aws.lambda.S3EventJson;
import com.facegate.local.aws.lambda.S3EventNotifier;
import com.facegate.local.aws.mqtt.DoorMessageListener;
import com.facegate.local.aws.mqtt.LocalBroker;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.SecureFiles;
import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.local.aws.rekognition.RekognitionServer;
import com.facegate.local.aws.s3.S3Server;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.local.doors.DoorSettings;
import com.facegate.local.doors.GalleryKeys;
import com.facegate.local.doors.PinKeys;
import com.facegate.protocol.Topics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole local stack in one process, all state under one data folder: S3 endpoint with event notifications
 * to in-process handlers, the Rekognition-compatible endpoint, the IoT data-plane endpoint, the mTLS MQTT broker
 * and door provisioning. Binds to loopback unless told otherwise.
 *
 * <p>It is the emulated AWS account FaceGate runs in: the services of {@code com.facegate.local.aws}, set up with
 * the keys, roles and policies {@code cloud/template.yaml} gives the account. No FaceGate handler runs in it until
 * {@code deploy.CloudDeployment} deploys them, and the site module's {@code LocalSite}
 * adds a door daemon to both.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().dataDir(dir).faceEngine(engine).s3Port(0).rekognitionPort(0)
 *         .iotDataPort(0).mqttPort(0).build().start()) {
 *     stack.registerS3Handler("captures", "captures/", ".jpg", accessDecisionHandler);
 *     stack.onAudit((topic, payload) -> ...);
 *     DoorBundle door = stack.provisionDoor("front-door-01");
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    public static final int DEFAULT_S3_PORT = 9440;
    public static final int DEFAULT_REKOGNITION_PORT = 9441;
    public static final int DEFAULT_IOT_DATA_PORT = 9442;
    public static final int DEFAULT_MQTT_PORT = 8883;
    public static final int DEFAULT_CREDENTIALS_PORT = 9443;
    /** The role alias doors name at the credentials endpoint (in AWS: {@code facegate-door-upload-<stack>}). */
    public static final String DOOR_ROLE_ALIAS = "facegate-door-upload-local";
    /** Lifetime of the S3 credentials the credentials endpoint hands out (the role alias' default in AWS). */
    public static final Duration DEFAULT_CREDENTIALS_DURATION = Duration.ofHours(1);
    public static final String DEFAULT_REGION = "eu-west-1";
    public static final String DEFAULT_BUCKET = "facegate-local";
    /** The PIN key pair in the data folder ({@link PinKeys}); provision-door reads the same file. */
    public static final String PIN_KEY_FILE = "pin-key.pem";

    private final LocalStackBuilder cfg;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private LocalCredentials credentials;
    private Map<LocalRole, LocalCredentials> roleCredentials;
    private LocalIdentities identities;
    private LocalCa ca;
    private DoorProvisioner provisioner;
    private final GalleryKeys galleryKeys;
    private PinKeys pinKeys;
    private S3EventNotifier notifier;
    private AsyncLambdaInvoker invoker;
    private S3Server s3;
    private LocalBroker broker;
    private IotDataEndpoint iotData;
    private IotCredentialsEndpoint iotCredentials;
    private RekognitionServer rekognition;
    private final Set<String> resumed = ConcurrentHashMap.newKeySet();
    private final List<LambdaContainers> containers = new CopyOnWriteArrayList<>();

    LocalStack(LocalStackBuilder b) {
        this.cfg = b;
        this.galleryKeys = new GalleryKeys(b.dataDir.resolve("doors"));
    }

    public static LocalStackBuilder builder() {
        return new LocalStackBuilder();
    }

    /** Starts every part; on failure stops what already started and rethrows. */
    public synchronized LocalStack start() {
        if (!running.isEmpty()) {
            return this;
        }
        try {
            Path data = SecureFiles.privateDirectory(cfg.dataDir);
            credentials = LocalCredentials.loadOrCreate(data.resolve("credentials.properties"));
            roleCredentials = LocalCredentials.loadOrCreateRoles(data.resolve("role-credentials.properties"));
            identities = new LocalIdentities(credentials, roleCredentials,
                    new LocalPolicies(cfg.bucket, cfg.region, cfg.collectionId), cfg.clock);
            ca = LocalCa.openOrCreate(data.resolve("pki"));
            Set<String> names = new LinkedHashSet<>(cfg.serverNames);
            names.add(cfg.host);
            names.add(advertisedHost());
            LocalCa.ServerCredentials server = ca.serverCredentials(names);
            SSLContext tls = cfg.tls ? TlsContexts.serverContext(server) : null;

            invoker = new AsyncLambdaInvoker(data.resolve("dead-letter"), data.resolve("events-pending"), cfg.region,
                    cfg.lambdaWorkers, 10_000, cfg.retryBackoff, cfg.lambdaTimeout, Clock.systemUTC())
                    .resumeDelay(cfg.resumeDelay);
            running.push(invoker);
            notifier = new S3EventNotifier(new S3EventJson(cfg.region, "AWS:" + credentials.accessKeyId(),
                    "FACEGATELOCAL", Clock.systemUTC()), invoker, cfg.notificationDelay);
            s3 = S3Server.builder().baseDir(data.resolve("s3")).host(cfg.host).port(cfg.s3Port).bucket(cfg.bucket)
                    .credentials(credentials.accessKeyId(), credentials.secretAccessKey()).principals(identities)
                    .clock(cfg.clock).sslContext(tls).notifier(notifier).build().start();
            running.push(s3);

            broker = LocalBroker.builder().dataDir(data.resolve("mqtt")).host(cfg.host).port(cfg.mqttPort).ca(ca)
                    .serverCredentials(server).persistent(cfg.mqttPersistent).build().start();
            running.push(broker);

            SigV4Verifier iotVerifier = SigV4Verifier.forService("iotdata", cfg.region, identities)
                    .withClock(cfg.clock);
            iotData = new IotDataEndpoint(cfg.host, cfg.iotDataPort, tls, iotVerifier, broker::publish).start();
            running.push(iotData);

            // Always mutual TLS, whatever cfg.tls says: the door's certificate is the credential.
            iotCredentials = new IotCredentialsEndpoint(cfg.host, cfg.credentialsPort,
                    TlsContexts.mutualServerContext(server, ca.certificatePath()), Set.of(DOOR_ROLE_ALIAS),
                    identities::issueDoor, cfg.credentialsDuration, ca.revocations()::isRevoked).start();
            running.push(iotCredentials);

            if (cfg.engine != null) {
                S3Client imageReader = LocalClients.s3(s3.endpoint(), cfg.region, credentials.accessKeyId(),
                        credentials.secretAccessKey(), tls != null ? ca.certificatePath() : null);
                running.push(imageReader);
                rekognition = RekognitionServer.builder().engine(cfg.engine).dataDirectory(data.resolve("rekognition"))
                        .principals(identities).clock(cfg.clock).region(cfg.region).sslContext(tls)
                        .s3Client(imageReader)
                        // One site's handlers queue for the engine rather than being throttled at the first burst
                        // (an enrollment batch while doors are busy); a decision is still bounded by its deadline.
                        .throttleWait(Duration.ofSeconds(10))
                        .tpsQuota(cfg.rekognitionTps)
                        .host(cfg.host).port(cfg.rekognitionPort).start();
                running.push(rekognition);
            } else {
                LOG.warn("no face engine given: the Rekognition endpoint is not started");
            }
            pinKeys = PinKeys.openOrCreate(data.resolve(PIN_KEY_FILE));
            provisioner = new DoorProvisioner(ca, data.resolve("doors"), this::doorSettings, galleryKeys::keyBase64,
                    pinKeys.publicKeyBase64());
            provisioner.refreshPorts(); // a restart on free ports must not strand the doors on the last run's
            LOG.info("local stack up: S3 {} (bucket {}), Rekognition {}, IoT data {}, IoT credentials {}, MQTT {}:{},"
                    + " data {}", s3.endpoint(), cfg.bucket, rekognition != null ? rekognition.endpoint() : "-",
                    iotData.endpoint(), iotCredentials.endpoint(), cfg.host, broker.port(), data);
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw new IllegalStateException("local stack did not start: " + e.getMessage(), e);
        }
    }

    private String advertisedHost() {
        if (cfg.advertisedHost != null) {
            return cfg.advertisedHost;
        }
        return "0.0.0.0".equals(cfg.host) || "::".equals(cfg.host) ? "localhost" : cfg.host;
    }

    private DoorSettings doorSettings() {
        return new DoorSettings(advertisedHost(), broker.port(), advertised(s3.endpoint()).toString(), cfg.bucket,
                cfg.region, advertised(iotCredentials.endpoint()).toString(), DOOR_ROLE_ALIAS);
    }

    private URI advertised(URI endpoint) {
        String h = advertisedHost();
        h = h.contains(":") ? "[" + h + "]" : h;
        return URI.create(endpoint.getScheme() + "://" + h + ":" + endpoint.getPort());
    }

    // --- endpoints and identity -------------------------------------------------------------------------------

    public URI s3Endpoint() {
        return advertised(running().s3.endpoint());
    }

    public URI rekognitionEndpoint() {
        if (running().rekognition == null) {
            throw new IllegalStateException("the Rekognition endpoint runs only when a face engine is given");
        }
        return advertised(rekognition.endpoint());
    }

    public URI iotDataEndpoint() {
        return advertised(running().iotData.endpoint());
    }

    /** The AWS IoT credentials provider's local twin (mutual TLS with door certificates). */
    public URI iotCredentialsEndpoint() {
        return advertised(running().iotCredentials.endpoint());
    }

    public String doorRoleAlias() {
        return DOOR_ROLE_ALIAS;
    }

    public String mqttHost() {
        return advertisedHost();
    }

    public int mqttPort() {
        return running().broker.port();
    }

    public String region() {
        return cfg.region;
    }

    public String bucket() {
        return cfg.bucket;
    }

    /** The PIN key pair (made on first start); null before {@link #start()}. */
    public PinKeys pinKeys() {
        return pinKeys;
    }

    /** The doors' offline-gallery keys (one per door, in the door's bundle folder); provisioning hands them out. */
    public GalleryKeys galleryKeys() {
        return galleryKeys;
    }

    public Path dataDir() {
        return cfg.dataDir;
    }

    /** The face engine behind the Rekognition endpoint, when one was given. */
    public java.util.Optional<FaceEngine> faceEngine() {
        return java.util.Optional.ofNullable(cfg.engine);
    }

    /** The admin's key (the site owner: every action); admin tools use it. */
    public LocalCredentials credentials() {
        return running().credentials;
    }

    /** A cloud handler's own key, allowed what its role in {@code cloud/template.yaml} is. */
    public LocalCredentials roleCredentials(LocalRole role) {
        return running().roleCredentials.get(role);
    }

    /** The face collection the handler roles' policies name. */
    public String collectionId() {
        return cfg.collectionId;
    }

    /** The CA every local endpoint's certificate chains to; doors and SDK clients trust it. */
    public Path caCertificate() {
        return running().ca.certificatePath();
    }

    public boolean tls() {
        return cfg.tls;
    }

    // --- doors, handlers, messages ----------------------------------------------------------------------------

    public DoorBundle provisionDoor(String doorId) {
        return running().provisioner.provision(doorId, false);
    }

    /** The door's bundle when it was provisioned before (from this data folder), else empty. */
    public java.util.Optional<DoorBundle> existingDoor(String doorId) {
        return running().provisioner.existing(doorId);
    }

    /** With {@code rotate}, the old certificate is revoked and its live MQTT session ended at once. */
    public DoorBundle provisionDoor(String doorId, boolean rotate) {
        LocalStack s = running();
        DoorBundle bundle = s.provisioner.provision(doorId, rotate);
        if (rotate) {
            s.broker.disconnectRevoked();
        }
        return bundle;
    }

    /** Like an S3 bucket notification to a Lambda function: ObjectCreated under prefix/suffix → handler. */
    public void registerS3Handler(String configurationId, String prefix, String suffix,
            RequestHandler<S3Event, ?> handler) {
        running().notifier.addRule(new NotificationRule(configurationId, prefix, suffix,
                LambdaTarget.of(functionName(handler, configurationId), handler)));
    }

    /**
     * As {@link #registerS3Handler}, for a function given by its initialisation (clients, configuration, handler):
     * with cold starts off it runs once now and its handler serves every invocation; with them on
     * ({@link LocalStackBuilder#coldStarts}) each new container runs it again on its first invocation.
     */
    public void registerS3Function(String configurationId, String prefix, String suffix,
            Supplier<? extends RequestHandler<S3Event, ?>> init) {
        if (!cfg.coldStarts.on()) {
            registerS3Handler(configurationId, prefix, suffix, init.get());
            return;
        }
        running().notifier.addRule(new NotificationRule(configurationId, prefix, suffix, LambdaTarget.inContainers(
                containers(configurationId, () -> LambdaTarget.of(configurationId, init.get())))));
    }

    private LambdaContainers containers(String functionName, Supplier<LambdaTarget> init) {
        LambdaContainers pool = new LambdaContainers(functionName, cfg.coldStarts, init);
        containers.add(pool);
        return pool;
    }

    /** Containers started so far by the functions deployed with a factory: each one paid a cold start. */
    public int coldStarts() {
        return containers.stream().mapToInt(LambdaContainers::coldStarts).sum();
    }

    public void registerS3StreamHandler(String configurationId, String prefix, String suffix,
            RequestStreamHandler handler) {
        running().notifier.addRule(new NotificationRule(configurationId, prefix, suffix,
                LambdaTarget.ofStream(functionName(handler, configurationId), handler)));
    }

    /** The handler's class name, as a deployed function would be named; the configuration id for lambdas. */
    private static String functionName(Object handler, String configurationId) {
        Class<?> c = handler.getClass();
        String n = c.getSimpleName();
        return c.isSynthetic() || n.isEmpty() || n.contains("$") ? configurationId : n;
    }

    /**
     * Doors' audit messages ({@code facegate/doors/+/audit}), delivered like an IoT rule's Lambda action:
     * asynchronously, retried twice when the listener throws, then kept under {@code <data>/dead-letter/iot-audit}.
     */
    public void onAudit(DoorMessageListener listener) {
        subscribe("iot-audit", listener, EnumSet.of(Topics.Kind.AUDIT));
    }

    /**
     * Doors' capture announcements ({@code facegate/doors/+/captures}, the fast path), delivered like the capture
     * rule's Lambda action (dead letters under {@code iot-captures}). Not called: the rule is not routed and the
     * broker drops them, as AWS IoT does a topic no rule selects; the S3 events still decide every capture.
     */
    public void onCaptureAnnouncement(DoorMessageListener listener) {
        subscribe("iot-captures", listener, EnumSet.of(Topics.Kind.CAPTURES));
    }

    /** As above, for a function given by its initialisation (see {@link #registerS3Function} for cold starts). */
    public void onCaptureAnnouncement(Supplier<? extends DoorMessageListener> init) {
        if (!cfg.coldStarts.on()) {
            onCaptureAnnouncement(init.get());
            return;
        }
        String id = "iot-captures";
        subscribe(id, LambdaTarget.inContainers(containers(id, () -> DoorMessageSink.target(id, init.get()))),
                EnumSet.of(Topics.Kind.CAPTURES));
    }

    /**
     * Door connects and disconnects as AWS IoT lifecycle events ({@code $aws/events/presence/...}), delivered like
     * the presence rule's Lambda action (dead letters under {@code iot-presence}).
     */
    public void onPresence(DoorMessageListener listener) {
        Objects.requireNonNull(listener);
        var target = DoorMessageSink.target("iot-presence", listener);
        running().broker.addPresenceListener((topic, payload) ->
                DoorMessageSink.deliver(invoker, "iot-presence", target, topic, payload));
        resumeOnce("iot-presence", target);
    }

    /**
     * Messages an earlier run accepted from the broker but had not handed over go to the first listener of their
     * kind (the cloud's sink, which the local cloud registers first); later listeners only see new ones.
     */
    private void resumeOnce(String configurationId, LambdaTarget target) {
        if (resumed.add(configurationId)) {
            invoker.resume(configurationId, target, Duration.ZERO); // the audit sink takes no claim: at once
        }
    }

    /**
     * Doors' status messages ({@code facegate/doors/+/status}), delivered like the status rule's S3 action
     * (dead letters under {@code iot-status}).
     */
    public void onStatus(DoorMessageListener listener) {
        subscribe("iot-status", listener, EnumSet.of(Topics.Kind.STATUS));
    }

    /** Doors' audit and status messages, with the same delivery (dead letters under {@code iot-door-messages}). */
    public void onDoorMessage(DoorMessageListener listener) {
        subscribe("iot-door-messages", listener, EnumSet.of(Topics.Kind.AUDIT, Topics.Kind.STATUS));
    }

    private void subscribe(String configurationId, DoorMessageListener listener, Set<Topics.Kind> kinds) {
        Objects.requireNonNull(listener);
        subscribe(configurationId, DoorMessageSink.target(configurationId, listener), kinds);
    }

    private void subscribe(String configurationId, LambdaTarget target, Set<Topics.Kind> kinds) {
        running().broker.addListener((topic, payload) -> {
            if (Topics.parse(topic).filter(t -> kinds.contains(t.kind())).isPresent()) {
                DoorMessageSink.deliver(invoker, configurationId, target, topic, payload);
            }
        });
        resumeOnce(configurationId, target);
    }

    /** Publishes as the cloud side does (what the IoT data-plane endpoint does after SigV4). */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        return running().broker.publish(topic, payload, qos);
    }

    /** Waits until every S3-triggered invocation (including retries) finished or was dead-lettered. */
    public boolean awaitHandlersIdle(Duration max) throws InterruptedException {
        return running().invoker.awaitIdle(max);
    }

    // --- SDK clients (the caller closes them) -----------------------------------------------------------------

    public S3Client s3Client() {
        return LocalClients.s3(s3Endpoint(), cfg.region, credentials.accessKeyId(),
                credentials.secretAccessKey(), trust());
    }

    public RekognitionClient rekognitionClient() {
        return LocalClients.rekognition(rekognitionEndpoint(), cfg.region, credentials.accessKeyId(),
                credentials.secretAccessKey(), trust());
    }

    public IotDataPlaneClient iotDataClient() {
        return LocalClients.iotData(iotDataEndpoint(), cfg.region, credentials.accessKeyId(),
                credentials.secretAccessKey(), trust());
    }

    private Path trust() {
        return cfg.tls ? ca.certificatePath() : null;
    }

    private LocalStack running() {
        if (broker == null || s3 == null) {
            throw new IllegalStateException("local stack is not running");
        }
        return this;
    }

    /** Stops everything, newest first. */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error stopping {}", c.getClass().getSimpleName(), e);
            }
        }
        s3 = null;
        broker = null;
        iotData = null;
        iotCredentials = null;
        rekognition = null;
    }
}
