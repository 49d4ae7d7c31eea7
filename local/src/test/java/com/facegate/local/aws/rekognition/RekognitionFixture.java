package com.facegate.local.aws.rekognition;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * A Rekognition endpoint for one test, the way javalin-testtools' {@code JavalinTest.test(app, (server, client) ->
 * ...)} gives one app: a server on a free port over a fresh data folder (the shared engine), a real SDK client that
 * signs with the server's credentials and never retries, both closed and the folder deleted when the body returns
 * or throws. Each test sees an empty endpoint, so no test depends on what another left behind.
 */
public final class RekognitionFixture {
    /** The test's body: the endpoint (for raw HTTP) and a client already pointed at it. */
    @FunctionalInterface
    public interface TestCase {
        void accept(URI endpoint, RekognitionClient client) throws Exception;
    }

    private RekognitionFixture() {}

    public static void run(TestCase test) throws Exception {
        run(server -> server, test);
    }

    /** {@code setup} adjusts the server before it starts (say, a lower concurrency limit). */
    public static void run(UnaryOperator<RekognitionServer.Builder> setup, TestCase test) throws Exception {
        Path data = Files.createTempDirectory("facegate-rekognition");
        try (RekognitionServer server = setup.apply(RekognitionTestSupport.server(data)).start();
             RekognitionClient client = RekognitionTestSupport.client(server)) {
            test.accept(server.endpoint(), client);
        } finally {
            delete(data);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
