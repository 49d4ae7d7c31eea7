package com.facegate.cli;

import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.console.ConsoleServer;
import com.facegate.console.ConsoleSettings;
import com.facegate.console.auth.AccountStore;
import com.facegate.protocol.Sanitize;
import com.facegate.site.AuditConsole;
import com.facegate.site.Enrollments;
import com.facegate.site.InboxCamera;
import com.facegate.site.LocalSite;
import com.facegate.site.VisitCamera;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

    @Option(names = "--console-port", defaultValue = "9450",
            description = "the admin web console's port on localhost (default: ${DEFAULT-VALUE})")
    int consolePort;

    @Option(names = "--free-ports", hidden = true, description = "any free ports instead of the defaults (tests)")
    boolean freePorts;

    private static final Duration VISIT_WAIT = Duration.ofSeconds(30);
    /** One permit per visit outcome seen on the audit topic. */
    private final Semaphore outcomes = new Semaphore(0);

    @Override
    public Integer call() throws Exception {
        Path inbox = data.resolve("doors").resolve(doorId).resolve("camera");
        Files.createDirectories(inbox);
        VisitCamera camera = new VisitCamera(100, t -> { });
        CountDownLatch stop = new CountDownLatch(1);
        LocalSite.Builder builder = LocalSite.builder(data).doorId(doorId).frames(camera);
        if (freePorts) {
            builder.freePorts();
        }
        try (LocalSite site = builder.start();
             InboxCamera watcher = new InboxCamera(inbox, camera).start();
             ConsoleServer console = ConsoleServer.start(ConsoleSettings.defaults(data.resolve("console"))
                     .withPort(freePorts ? 0 : consolePort), site.admin(), true, Clock.systemUTC())) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                site.close(); // door first: relay off before anything else stops
            }, "facegate-shutdown"));
            // What the sink stored, not what the door sent: a refused message prints as REJECTED.
            site.cloud().onAuditStored((doorTopic, stored) -> {
                System.out.println(AuditConsole.line(doorTopic, stored));
                if (AuditConsole.isVisitOutcome(stored)) {
                    outcomes.release();
                }
            });
            System.out.println();
            System.out.println("FaceGate local stack is up (data in " + data.toAbsolutePath() + ")");
            System.out.println("  S3            " + site.stack().s3Endpoint() + "  bucket " + site.stack().bucket());
            System.out.println("  Rekognition   " + site.stack().rekognitionEndpoint());
            System.out.println("  IoT data      " + site.stack().iotDataEndpoint());
            System.out.println("  IoT creds     " + site.stack().iotCredentialsEndpoint()
                    + "  (mTLS, door certificates)");
            System.out.println("  MQTT (mTLS)   " + site.stack().mqttHost() + ":" + site.stack().mqttPort());
            System.out.println("  door " + doorId + ": drop a photo into " + inbox.toAbsolutePath()
                    + " to walk up to it");
            System.out.println("  console       " + console.url() + "  (admin web console)");
            console.firstPassword().ifPresent(p -> System.out.println("                first sign-in: account "
                    + AccountStore.FIRST_ADMIN + ", password " + p + "  (shown only now)"));
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

    /** Two LFW people enrolled from their first three photos; each walks up with a fourth; then a stranger. */
    private void runDemo(LocalSite site, VisitCamera camera) throws Exception {
        Path lfw = (faces != null ? faces : defaultFaces()).resolve("lfw");
        if (!Files.isDirectory(lfw)) {
            System.out.println("demo skipped: no labelled faces at " + lfw.toAbsolutePath());
            return;
        }
        // The two people with the most photos, so that the demo runs on any labelled folder of this layout.
        List<Path> people = mostPhotographed(lfw, 2);
        if (people.size() < 2) {
            System.out.println("demo skipped: fewer than two people with four photos at " + lfw.toAbsolutePath());
            return;
        }
        List<Path> visitors = new java.util.ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            List<Path> photos = photos(people.get(i));
            String badge = "B-DEMO-" + (i + 1);
            // As an admin would: three photos offered, those passing the quality gate enrolled; the visit uses
            // a fourth.
            List<PhotoEnrollment> out = Enrollments.enroll(site.admin(), badge,
                    people.get(i).getFileName().toString().replace('_', ' '), photos.subList(0, 3),
                    Duration.ofSeconds(30));
            System.out.println("  enrolled " + badge + ": " + out.stream().map(e -> e.status() + " " + e.reasons())
                    .toList());
            if (out.stream().anyMatch(e -> e.status() == PhotoEnrollment.Status.ENROLLED)) {
                visitors.add(photos.get(3));
            }
        }
        visitors.add(stranger(lfw));
        for (Path visitor : visitors) {
            System.out.println("  walking up: " + Sanitize.forTerminal(visitor.getFileName().toString()));
            outcomes.drainPermits();
            camera.show(VisitCamera.load(visitor));
            // Next visitor once the door has answered this one (or gave up: a slow machine must not mix them up).
            if (!outcomes.tryAcquire(VISIT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                System.out.println("  no decision for " + Sanitize.forTerminal(visitor.getFileName().toString())
                        + " within " + VISIT_WAIT.toSeconds() + " s");
            }
            Thread.sleep(1000); // the visitor walks away before the next one comes
        }
    }

    private static List<Path> mostPhotographed(Path lfw, int n) throws IOException {
        try (Stream<Path> dirs = Files.list(lfw)) {
            return dirs.filter(Files::isDirectory).sorted()
                    .map(d -> java.util.Map.entry(d, photos(d).size()))
                    .filter(e -> e.getValue() >= 4)
                    .sorted(java.util.Map.Entry.<Path, Integer>comparingByValue().reversed())
                    .limit(n).map(java.util.Map.Entry::getKey).toList();
        }
    }

    private static List<Path> photos(Path person) {
        try (Stream<Path> f = Files.list(person)) {
            return f.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
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
