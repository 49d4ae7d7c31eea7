package com.facegate.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.local.deploy.CloudDeployment;
import com.facegate.local.deploy.LocalEndpoints;
import com.facegate.local.stack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./facegate admin unlock} when the IoT data endpoint does not take the command: against a real local stack
 * whose {@code endpoints.properties} (what the CLI reads to find the stack) names an IoT data endpoint that is a
 * closed port, or one answering 503 as AWS does when the broker did not accept the message. The admin is told once
 * that the door did NOT get it, and the cloud audit holds one FAILED record of that request.
 */
class UnlockRefusedTest {
    private static final String DOOR = "front-door-01";
    private static final Pattern NOT_DELIVERED = Pattern.compile("UNLOCK (\\S+) was NOT delivered to door " + DOOR);

    @TempDir
    static Path tmp;

    static LocalStack stack;
    static CloudDeployment cloud;
    static Path data;
    static LocalEndpoints real;

    private record Run(int exit, String out, String err) {}

    @BeforeAll
    static void start() {
        data = tmp.resolve("data");
        stack = LocalStack.builder().dataDir(data).anyFreePorts().faceEngine(OnnxFaceEngine.load())
                .mqttPersistent(false).build().start();
        cloud = CloudDeployment.deploy(stack);
        real = LocalEndpoints.read(data);
        Run put = admin("door", "put", DOOR, "--name", "Front door", "--groups", "staff");
        assertThat(put.exit()).as(put.err()).isZero();
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void restoreEndpoints() {
        real.write();
    }

    @Test
    void givenIotEndpointOnAClosedPort_whenUnlocking_thenExit1OneErrorAndOneFailedRecord() {
        pointIotDataAt(closedPort());

        Run r = admin("unlock", DOOR, "--reason", "courier at the gate", "--by", "ops");

        JsonNode record = assertRefusedAndAuditedOnce(r);
        assertThat(record.path("details").path("deliveryError").asText()).isNotBlank()
                .isNotEqualTo("ServiceUnavailableException");
    }

    @Test
    void givenIotEndpointAnswering503_whenUnlocking_thenExit1OneErrorAndOneFailedRecord() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        HttpsServer refusing = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The stack's own CA signs this endpoint's certificate: the CLI trusts it as it trusts the stack's.
        LocalCa.ServerCredentials creds = LocalCa.openOrCreate(data.resolve("pki"))
                .serverCredentials(Set.of("127.0.0.1", "localhost"));
        refusing.setHttpsConfigurator(new HttpsConfigurator(TlsContexts.serverContext(creds)));
        refusing.createContext("/", ex -> {
            attempts.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"message\":\"the broker did not accept the message\"}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("x-amzn-ErrorType", "ServiceUnavailableException:");
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(503, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        refusing.start();
        try {
            pointIotDataAt(URI.create("https://127.0.0.1:" + refusing.getAddress().getPort()));

            Run r = admin("unlock", DOOR, "--reason", "courier at the gate", "--by", "ops");

            assertThat(attempts.get()).as("publish attempts that reached the endpoint").isPositive();
            JsonNode record = assertRefusedAndAuditedOnce(r);
            assertThat(record.path("details").path("deliveryError").asText())
                    .isEqualTo("ServiceUnavailableException");
        } finally {
            refusing.stop(0);
        }
    }

    /** Exit 1, one {@code error:} line naming the request, nothing "sent"; its one cloud record, returned. */
    private static JsonNode assertRefusedAndAuditedOnce(Run r) {
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("sent to door");
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertThat(errors).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ");
        Matcher m = NOT_DELIVERED.matcher(errors.get(0));
        assertThat(m.find()).as(errors.get(0)).isTrue();
        String requestId = m.group(1);

        Run audit = admin("audit", "--door", DOOR, "--type", "REMOTE_UNLOCK", "--from", "-1h", "--json");
        assertThat(audit.exit()).as(audit.err()).isZero();
        List<JsonNode> records;
        try {
            records = StreamSupport.stream(JsonOut.mapper().readTree(audit.out()).spliterator(), false)
                    .filter(n -> requestId.equals(n.path("requestId").asText())).toList();
        } catch (IOException e) {
            throw new AssertionError("audit --json is not JSON: " + audit.out(), e);
        }
        assertThat(records).as(audit.out()).hasSize(1);
        JsonNode record = records.get(0);
        assertThat(record.path("type").asText()).isEqualTo("REMOTE_UNLOCK");
        assertThat(record.path("requestedBy").asText()).isEqualTo("ops");
        assertThat(record.path("details").path("delivery").asText()).isEqualTo("FAILED");
        return record;
    }

    /** Rewrites the stack's endpoints file, the one the CLI reads, with another IoT data endpoint. */
    private static void pointIotDataAt(URI iotData) {
        new LocalEndpoints(real.s3(), real.rekognition(), iotData, real.iotCredentials(), real.region(), real.bucket(),
                real.caCertificate(), real.tls(), real.dataDir()).write();
    }

    private static URI closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("https://127.0.0.1:" + s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run admin(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--data");
        all.add(data.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AdminCommand.configure(new CommandLine(new AdminCommand()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        Run r = new Run(exit, out.toString(), err.toString());
        System.out.println("$ admin " + String.join(" ", args) + "\n" + r.out() + r.err() + "(exit " + exit + ")");
        return r;
    }
}
