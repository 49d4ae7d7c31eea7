package com.facegate.cli;

import com.facegate.cli.e2e.VisitCamera;
import com.facegate.cli.site.Enrollments;
import com.facegate.cli.site.InboxCamera;
import com.facegate.cli.site.LocalSite;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./facegate local}: the local stack, the cloud handlers on it and one simulated door whose camera is a
 * folder: drop a photo into it and the door sees that person walk up. Runs until Ctrl-C; the relay is off on exit.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the local stack plus one simulated door (camera = a folder you drop photos into).")
final class LocalCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "data", description = "all state lives here (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--door", defaultValue = "front-door-01", description = "the simulated door's id")
    String doorId;

    @Option(names = "--demo", description = "enroll two people from --faces and walk them and a stranger up")
    boolean demo;

    @Option(names = "--faces", description = "labelled faces for --demo (default: $FACEGATE_FACES or ../shared/faces)")
    Path faces;

    @Option(names = "--exit-after-demo", hidden = true, description = "stop after the demo (smoke tests)")
    boolean exitAfterDemo;

    @Override
    public Integer call() throws Exception {
        Path inbox = data.resolve("doors").resolve(doorId).resolve("camera");
        Files.createDirectories(inbox);
        VisitCamera camera = new VisitCamera(100, t -> { });
        CountDownLatch stop = new CountDownLatch(1);
        try (LocalSite site = LocalSite.builder(data).doorId(doorId).frames(camera).start();
             InboxCamera watcher = new InboxCamera(inbox, camera).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                site.close(); // door first: relay off before anything else stops
            }, "facegate-shutdown"));
            site.stack().onAudit((topic, payload) -> printAudit(payload));
            System.out.println();
            System.out.println("FaceGate local stack is up (data in " + data.toAbsolutePath() + ")");
            System.out.println("  S3            " + site.stack().s3Endpoint() + "  bucket " + site.stack().bucket());
            System.out.println("  Rekognition   " + site.stack().rekognitionEndpoint());
            System.out.println("  IoT data      " + site.stack().iotDataEndpoint());
            System.out.println("  IoT creds     " + site.stack().iotCredentialsEndpoint() + "  (mTLS, door certificates)");
            System.out.println("  MQTT (mTLS)   " + site.stack().mqttHost() + ":" + site.stack().mqttPort());
            System.out.println("  door " + doorId + ": drop a photo into " + inbox.toAbsolutePath()
                    + " to walk up to it");
            System.out.println("  enroll:       ./facegate admin enroll --help      (Ctrl-C stops everything)");
            if (demo) {
                runDemo(site, camera);
                if (exitAfterDemo) {
                    return 0;
                }
            }
            stop.await();
        }
        return 0;
    }

    private static void printAudit(byte[] payload) {
        try {
            AuditEvent e = MessageCodec.decode(payload, AuditEvent.class);
            System.out.printf("  [door %s] %s%s%s%n", e.doorId(), e.type(),
                    e.badgeId() == null ? "" : " badge " + e.badgeId(), e.reason() == null ? "" : " (" + e.reason() + ")");
        } catch (InvalidMessageException ex) {
            System.out.println("  [audit] unreadable message: " + ex.getMessage());
        }
    }

    /** Two LFW people enrolled from their first photo; each walks up with another; then a stranger. */
    private void runDemo(LocalSite site, VisitCamera camera) throws Exception {
        Path lfw = (faces != null ? faces : defaultFaces()).resolve("lfw");
        if (!Files.isDirectory(lfw)) {
            System.out.println("demo skipped: no labelled faces at " + lfw.toAbsolutePath());
            return;
        }
        String[][] people = {{"Colin_Powell", "B-DEMO-1"}, {"Serena_Williams", "B-DEMO-2"}};
        for (String[] p : people) {
            List<PhotoEnrollment> out = Enrollments.enroll(site.admin(), p[1], p[0].replace('_', ' '),
                    List.of(photo(lfw, p[0], 1)), Duration.ofSeconds(30));
            System.out.println("  enrolled " + p[1] + ": " + out.stream().map(e -> e.status() + " " + e.reasons())
                    .toList());
        }
        for (Path visitor : List.of(photo(lfw, "Colin_Powell", 2), photo(lfw, "Serena_Williams", 3),
                stranger(lfw))) {
            System.out.println("  walking up: " + visitor.getFileName());
            camera.show(VisitCamera.load(visitor));
            Thread.sleep(2500);
        }
    }

    private static Path photo(Path lfw, String name, int n) {
        return lfw.resolve(name).resolve(String.format("%s_%04d.jpg", name, n));
    }

    private static Path stranger(Path lfw) throws IOException {
        try (Stream<Path> dirs = Files.list(lfw)) {
            return dirs.sorted().filter(d -> {
                try (Stream<Path> f = Files.list(d)) {
                    return f.count() == 1;
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().map(d -> d.resolve(d.getFileName() + "_0001.jpg")).orElseThrow();
        }
    }

    private static Path defaultFaces() {
        String env = System.getenv("FACEGATE_FACES");
        return env != null ? Path.of(env) : Path.of("..", "shared", "faces");
    }
}
