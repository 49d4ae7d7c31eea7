package com.facegate.device.support;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The real local stack on loopback (HTTPS S3, the mTLS broker) with one provisioned door, and an in-process handler
 * standing in for the cloud's decision Lambda: every uploaded capture is answered over MQTT with what
 * {@code decide} returns for it. It records every audit event that came back and every uploaded key, in order.
 * The site test kit ({@code SiteFixture}) runs the real cloud handlers but lives above device, so device's own
 * tests use this. Start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
public final class StandInCloud implements AutoCloseable {
    private final Path dir;
    private final String doorId;
    private final List<AuditEvent> audits = new CopyOnWriteArrayList<>();
    private final List<String> uploaded = new CopyOnWriteArrayList<>();
    private FaceEngine engine;
    private LocalStack stack;
    private DoorBundle bundle;

    private StandInCloud(Path dir, String doorId) {
        this.dir = dir;
        this.doorId = doorId;
    }

    /** Needs the LFW photos (the test is skipped without them) and loads the real face engine for the door. */
    public static StandInCloud start(Path dir, String doorId, Function<CaptureKey, Decision> decide) {
        Faces.lfw();
        StandInCloud cloud = new StandInCloud(dir, doorId);
        try {
            cloud.engine = OnnxFaceEngine.load();
            LocalStack stack = LocalStack.builder().dataDir(dir.resolve("stack")).host("127.0.0.1").anyFreePorts()
                    .build().start();
            cloud.stack = stack;
            cloud.bundle = stack.provisionDoor(doorId);
            stack.onAudit((topic, payload) -> cloud.audits.add(MessageCodec.decode(payload, AuditEvent.class)));
            stack.registerS3Handler("decide", "captures/", ".jpg", (RequestHandler<S3Event, Void>) (event, ctx) -> {
                for (var r : event.getRecords()) {
                    String key = URLDecoder.decode(r.getS3().getObject().getKey(), StandardCharsets.UTF_8);
                    cloud.uploaded.add(key);
                    CaptureKey ck = CaptureKey.parse(key).orElseThrow();
                    stack.publish(Topics.decision(ck.doorId()), MessageCodec.encode(decide.apply(ck)), 1).join();
                }
                return null;
            });
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    /**
     * The door's config: its bundle, state in {@code name} under the test folder, no door contact, then
     * {@code settings} ("key=value" each).
     */
    public DoorConfig doorConfig(String name, String... settings) throws Exception {
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, "bundle.properties=" + bundle.properties() + "\nstate.dir=" + dir.resolve(name)
                + "\ndoor.contactPin=-1\n" + String.join("\n", settings) + "\n");
        return DoorConfigLoader.load(file);
    }

    public LocalStack stack() {
        return stack;
    }

    public FaceEngine engine() {
        return engine;
    }

    /** Every audit event received over MQTT, from any door. */
    public List<AuditEvent> audits() {
        return audits;
    }

    /** The S3 keys of every capture uploaded, in the order S3 notified them (a retried PUT may notify twice). */
    public List<String> uploaded() {
        return uploaded;
    }

    /** This door's audit events of {@code type} (and {@code reason}, unless null). */
    public long count(AuditEvent.Type type, String reason) {
        return audits.stream().filter(e -> doorId.equals(e.doorId()) && e.type() == type
                && (reason == null || reason.equals(e.reason()))).count();
    }

    /** The bytes stored under {@code key} in the stack's bucket. */
    public byte[] stored(String key) {
        return stack.s3Client().getObjectAsBytes(b -> b.bucket(stack.bucket()).key(key)).asByteArray();
    }

    /** Forgets the audit events and uploads seen so far. */
    public void clear() {
        audits.clear();
        uploaded.clear();
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
