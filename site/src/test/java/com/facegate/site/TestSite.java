package com.facegate.site;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.device.app.DoorDaemon;
import com.facegate.local.deploy.CloudDeployment;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The site {@link SiteFixture} hands a test: the running {@link LocalSite}, the door's camera, and what the test
 * watches — every audit event that came back over MQTT and every state the lock relay took, in order.
 */
public final class TestSite implements AutoCloseable {
    private final Path data;
    private final String doorId;
    private VisitCamera camera;
    private final List<AuditEvent> audits = new CopyOnWriteArrayList<>();
    private final List<DigitalState> relay = new CopyOnWriteArrayList<>();
    private UnaryOperator<LocalSite.Builder> setup;
    private LocalSite site;

    private TestSite(Path data, String doorId) {
        this.data = data;
        this.doorId = doorId;
    }

    static TestSite start(String doorId, UnaryOperator<LocalSite.Builder> setup) throws IOException {
        TestSite t = new TestSite(Files.createTempDirectory("facegate-site"), doorId);
        t.setup = setup;
        try {
            t.startSite();
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private void startSite() {
        camera = new VisitCamera(20, t -> { }); // a stopped door closes its camera: each run gets its own
        site = setup.apply(LocalSite.builder(data).doorId(doorId).frames(camera)).start();
        site.stack().onAudit((topic, payload) -> {
            try {
                audits.add(MessageCodec.decode(payload, AuditEvent.class));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        site.door().pi4j().io(site.relayId(), DigitalOutput.class).addListener(e -> relay.add(e.state()));
    }

    /**
     * Stops the whole site (door first) and starts it again on the same data folder with the same settings, as an
     * operator's restart does; returns once the door is online again.
     */
    public void restart(Duration onlineWait) throws InterruptedException {
        site.close();
        site = null;
        startSite();
        awaitOnline(onlineWait);
    }

    void awaitOnline(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!site.door().link().online()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("door " + doorId + " did not connect to the broker within " + timeout);
            }
            Thread.sleep(50);
        }
        Thread.sleep(300); // subscriptions acknowledged
    }

    public String doorId() {
        return doorId;
    }

    public LocalStack stack() {
        return site.stack();
    }

    public CloudDeployment cloud() {
        return site.cloud();
    }

    public BadgeAdmin admin() {
        return site.admin();
    }

    public DoorDaemon door() {
        return site.door();
    }

    /** Someone walks up to the door: the camera shows their photo (decoded now, so the visit starts now). */
    public void show(Path photo) throws IOException {
        camera.show(VisitCamera.load(photo));
    }

    /** Enrolls one photo through the real path; fails the test unless the quality gate accepted it. */
    public void enroll(String badgeId, Path photo) throws InterruptedException {
        // Generous: the first enrollment warms the engine, and the machine may be shared with other builds.
        List<PhotoEnrollment> out = Enrollments.enroll(admin(), badgeId, "test person", List.of(photo),
                Duration.ofSeconds(90));
        if (out.size() != 1 || out.get(0).status() != PhotoEnrollment.Status.ENROLLED) {
            throw new AssertionError("enrollment of " + badgeId + " from " + photo.getFileName() + ": " + out);
        }
    }

    /** Every audit event received so far, from any door. */
    public List<AuditEvent> audits() {
        return audits;
    }

    /** This door's audit events of one type. */
    public List<AuditEvent> audits(AuditEvent.Type type) {
        return audits.stream().filter(e -> e.type() == type && doorId.equals(e.doorId())).toList();
    }

    /** The lock relay's states since the last {@link #clear()}. */
    public List<DigitalState> relay() {
        return relay;
    }

    /** Forgets the audit events and relay states seen so far. */
    public void clear() {
        relay.clear();
        audits.clear();
    }

    /** Stops the site (door first, relay off) and deletes its data folder. */
    @Override
    public void close() throws IOException {
        if (site != null) {
            site.close();
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
