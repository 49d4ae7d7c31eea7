package com.facegate.site;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.access.CaptureDecisions;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.Group;
import com.facegate.device.app.DoorDaemon;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.config.ConfigException;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.device.mqtt.DoorLink;
import com.facegate.device.mqtt.IotDoorLink;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.aws.pki.SecureFiles;
import com.facegate.local.deploy.CloudDeployment;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.stack.LocalStack;
import com.facegate.local.stack.LocalStackBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A whole site on one machine: the local stack, the cloud handlers deployed on it, one registered and provisioned
 * door, and that door's daemon (Pi4J's mock GPIO where there is no Pi); {@link #addDoor} adds more doors. What
 * {@code ./facegate local} runs, and what the end-to-end tests and benchmarks drive; hooks let a benchmark time each
 * stage without changing any part.
 */
public final class LocalSite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSite.class);
    public static final String DEFAULT_GROUP = "staff";

    private final List<AutoCloseable> opened = new ArrayList<>();
    private FaceEngine engine;
    private LocalStack stack;
    private CloudDeployment cloud;
    private DoorBundle bundle;
    private DoorDaemon door;
    private DoorConfig doorConfig;
    private Builder built;

    private LocalSite() {}

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public FaceEngine engine() {
        return engine;
    }

    public LocalStack stack() {
        return stack;
    }

    public CloudDeployment cloud() {
        return cloud;
    }

    public BadgeAdmin admin() {
        return cloud.admin();
    }

    public DoorBundle doorBundle() {
        return bundle;
    }

    public DoorDaemon door() {
        return door;
    }

    public DoorConfig doorConfig() {
        return doorConfig;
    }

    /** The Pi4J id of the lock relay's output (the mock GPIO's, where there is no Pi). */
    public String relayId() {
        return "relay-" + doorConfig.door().lock().relayPin();
    }

    private LocalSite start(Builder b) throws IOException, ConfigException {
        try {
            engine = b.engine != null ? b.engine : own(OnnxFaceEngine.load());
            LocalStackBuilder sb = LocalStack.builder().dataDir(b.dataDir).faceEngine(engine)
                    .mqttPersistent(b.persistent).awsLike(b.awsLike);
            if (b.freePorts) {
                sb.anyFreePorts();
            }
            sb = b.stackSetup.apply(sb);
            stack = own(sb.build().start());
            cloud = own(CloudDeployment.deploy(stack, b.cloud, b.fastPath, b.wrapAccess, b.interceptors));
            built = b;
            registerDoor(b.doorId);
            bundle = stack.existingDoor(b.doorId).orElseGet(() -> stack.provisionDoor(b.doorId));
            DoorConfig cfg = DoorConfigLoader.load(daemonConfig(b.doorId, bundle, b));
            doorConfig = cfg;
            door = own(startDaemon(cfg, b.frames, b.capture, b.wrapLink, b.wrapS3));
            LOG.info("site up: door {} on the local stack in {}", b.doorId, b.dataDir.toAbsolutePath());
            return this;
        } catch (IOException | ConfigException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Another door of the same building on this site's stack: registered, provisioned with its own certificate,
     * and its daemon started with its own MQTT session and the site's door settings and engine; stopped with the
     * site. {@code wrapLink} and {@code wrapS3} are this door's hooks (a benchmark's per-door clock).
     */
    public synchronized DoorDaemon addDoor(String doorId, FrameSource frames, UnaryOperator<DoorLink> wrapLink,
            UnaryOperator<S3Client> wrapS3) throws IOException, ConfigException {
        registerDoor(doorId);
        DoorBundle doorBundle = stack.existingDoor(doorId).orElseGet(() -> stack.provisionDoor(doorId));
        DoorConfig cfg = DoorConfigLoader.load(daemonConfig(doorId, doorBundle, built));
        return own(startDaemon(cfg, frames, true, wrapLink, wrapS3));
    }

    private DoorDaemon startDaemon(DoorConfig cfg, FrameSource frames, boolean capture,
            UnaryOperator<DoorLink> wrapLink, UnaryOperator<S3Client> wrapS3) throws IOException {
        DoorLink link = wrapLink.apply(new IotDoorLink(cfg.doorId(), cfg.mqtt()));
        DoorDaemon.Builder db = DoorDaemon.builder(cfg).engine(built.wrapEngine.apply(engine)).link(link);
        if (frames != null) {
            db.frames(frames);
        } else if (!capture) {
            db.noCapture();
        }
        if (wrapS3 != null) {
            db.s3(wrapS3.apply(stack.s3Client()));
        }
        return db.start();
    }

    /** The door must exist in the registry to open for anyone: staff, all hours, in this machine's time zone. */
    private void registerDoor(String doorId) {
        BadgeAdmin admin = cloud.admin();
        if (admin.registry().door(doorId).isEmpty()) {
            admin.putGroup(new Group(DEFAULT_GROUP, "everyone enrolled on the local site"));
            admin.putDoor(new Door(doorId, doorId, ZoneId.systemDefault().getId(), List.of(DEFAULT_GROUP), List.of()));
        }
    }

    /** The daemon's own settings file: the bundle's connection settings plus local overrides. */
    private Path daemonConfig(String doorId, DoorBundle doorBundle, Builder b) throws IOException {
        Path file = doorBundle.directory().resolve("daemon.properties");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bundle.properties", doorBundle.properties().getFileName().toString());
        settings.put("state.dir", doorBundle.directory().resolve("state").toAbsolutePath().toString());
        settings.put("door.contactPin", "-1");
        // Also in bundles provisioned since they carry it; a door from an older data folder has it only from here.
        settings.put("offline.galleryKeyBase64", cloud.galleryKeys().keyBase64(doorId));
        settings.putAll(b.doorSettings);
        StringBuilder text = new StringBuilder("# written by FaceGate's local site at each start\n");
        settings.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        SecureFiles.writeSecret(file, text.toString()); // it carries the door's gallery key
        return file;
    }

    private <T extends AutoCloseable> T own(T c) {
        opened.add(c);
        return c;
    }

    /** Stops the door first (relay off), then the cloud, the stack and the engine. */
    @Override
    public synchronized void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.warn("error stopping {}", opened.get(i).getClass().getSimpleName(), e);
            }
        }
        opened.clear();
    }

    public static final class Builder {
        private final Path dataDir;
        private FaceEngine engine;
        private boolean freePorts;
        private boolean persistent = true;
        private String doorId = "front-door-01";
        private FrameSource frames;
        private boolean capture = true;
        private final Map<String, String> doorSettings = new LinkedHashMap<>();
        private UnaryOperator<CloudConfig> cloud = c -> c;
        private UnaryOperator<CaptureDecisions> wrapAccess = h -> h;
        private ExecutionInterceptor[] interceptors = new ExecutionInterceptor[0];
        private UnaryOperator<DoorLink> wrapLink = l -> l;
        private UnaryOperator<FaceEngine> wrapEngine = e -> e;
        private UnaryOperator<S3Client> wrapS3;
        private boolean awsLike;
        private boolean fastPath = true;
        private UnaryOperator<LocalStackBuilder> stackSetup = s -> s;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** A shared engine (not closed by the site); default: loaded and owned. */
        public Builder engine(FaceEngine e) { this.engine = e; return this; }
        /** Free ports and in-memory MQTT sessions (tests, benchmarks). */
        public Builder ephemeral() { this.freePorts = true; this.persistent = false; return this; }
        /** Free ports instead of 9440–9443 and 8883, so a test runs beside a developer's own local site. */
        public Builder freePorts() { this.freePorts = true; return this; }
        public Builder doorId(String id) { this.doorId = id; return this; }
        public Builder frames(FrameSource f) { this.frames = f; return this; }
        /** Uses the door config's capture source (camera, RTSP, video or folder). */
        public Builder configuredCamera() { this.frames = null; this.capture = true; return this; }
        public Builder noCamera() { this.frames = null; this.capture = false; return this; }
        public Builder doorSetting(String key, String value) { doorSettings.put(key, value); return this; }
        public Builder cloud(UnaryOperator<CloudConfig> adjust) { this.cloud = adjust; return this; }
        /** Wraps the capture decision both entry points end in (the S3 event and the door's announcement). */
        public Builder wrapAccess(UnaryOperator<CaptureDecisions> w) { this.wrapAccess = w; return this; }
        public Builder interceptors(ExecutionInterceptor... i) { this.interceptors = i; return this; }
        public Builder wrapLink(UnaryOperator<DoorLink> w) { this.wrapLink = w; return this; }
        public Builder wrapEngine(UnaryOperator<FaceEngine> w) { this.wrapEngine = w; return this; }
        public Builder wrapS3(UnaryOperator<S3Client> w) { this.wrapS3 = w; return this; }
        /** AWS-like S3 notification delays and Rekognition quota (LocalStackBuilder#awsLike); default off. */
        public Builder awsLike(boolean on) { this.awsLike = on; return this; }
        /** The capture rule routed (default) or not: without it every capture waits for its S3 event. */
        public Builder fastPath(boolean on) { this.fastPath = on; return this; }
        /** Adjusts the stack after the switches above (a benchmark's quota or Lambda workers). */
        public Builder stack(UnaryOperator<LocalStackBuilder> s) { this.stackSetup = s; return this; }

        public LocalSite start() {
            try {
                return new LocalSite().start(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ConfigException e) {
                throw new IllegalStateException("door config invalid: " + e.getMessage(), e);
            }
        }
    }
}
