package com.facegate.local.aws.iotcredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.local.aws.auth.Policy;
import com.facegate.local.aws.auth.Principal;
import com.facegate.local.aws.auth.TemporaryCredentials;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.local.doors.DoorSettings;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local AWS IoT credentials provider over real HTTPS with client certificates from the local CA. */
class IotCredentialsEndpointTest {
    @TempDir
    static Path data;
    static LocalCa ca;
    static IotCredentialsEndpoint endpoint;
    static DoorBundle door;
    static TemporaryCredentials issued = new TemporaryCredentials(Clock.systemUTC());

    @BeforeAll
    static void start() {
        ca = LocalCa.openOrCreate(data.resolve("pki"));
        LocalCa.ServerCredentials server = ca.serverCredentials(Set.of());
        endpoint = new IotCredentialsEndpoint("127.0.0.1", 0,
                TlsContexts.mutualServerContext(server, ca.certificatePath()),
                Set.of("door-alias"), (doorId, lifetime) -> issued.issue("door/" + doorId,
                        Policy.allowAll("test"), Map.of("doorId", doorId), lifetime), Duration.ofHours(1),
                ca.revocations()::isRevoked).start();
        door = new DoorProvisioner(ca, data.resolve("doors"), () -> new DoorSettings("127.0.0.1", 1,
                "https://127.0.0.1:1", "b", "eu-west-1", endpoint.endpoint().toString(), "door-alias"))
                .provision("door-a");
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    private static HttpResponse<String> get(SSLContext tls, String path, String thing) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(endpoint.endpoint() + path));
        if (thing != null) {
            r.header("x-amzn-iot-thingname", thing);
        }
        return HttpClient.newBuilder().sslContext(tls).build().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext doorTls() {
        return TlsContexts.clientContext(ca.certificatePath(), door.certificate(), door.privateKey());
    }

    @Test
    void doorGetsSessionCredentialsInTheAwsShape() throws Exception {
        HttpResponse<String> r = get(doorTls(), "/role-aliases/door-alias/credentials", "door-a");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode c = MessageCodec.mapper().readTree(r.body()).path("credentials");
        assertThat(c.path("accessKeyId").asText()).startsWith("ASIA").hasSize(20);
        Principal p = issued.find(c.path("accessKeyId").asText()).orElseThrow();
        assertThat(p.name()).isEqualTo("door/door-a");
        assertThat(p.variables()).containsEntry("doorId", "door-a");
        assertThat(c.path("secretAccessKey").asText()).isEqualTo(p.secretAccessKey());
        assertThat(c.path("sessionToken").asText()).hasSizeGreaterThan(100).isEqualTo(p.sessionToken());
        assertThat(c.path("expiration").asText()).isEqualTo(p.expiresAt().toString());
        assertThat(Instant.parse(c.path("expiration").asText()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        JsonNode again = MessageCodec.mapper().readTree(get(doorTls(), "/role-aliases/door-alias/credentials",
                "door-a").body()).path("credentials");
        assertThat(again.path("sessionToken").asText()).isNotEqualTo(c.path("sessionToken").asText());
        assertThat(again.path("accessKeyId").asText()).isNotEqualTo(c.path("accessKeyId").asText());
    }

    @Test
    void thingNameMustBeTheCertificatesDoor() throws Exception {
        assertThat(get(doorTls(), "/role-aliases/door-alias/credentials", "door-b").statusCode()).isEqualTo(403);
        HttpResponse<String> missing = get(doorTls(), "/role-aliases/door-alias/credentials", null);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).doesNotContain("secretAccessKey");
    }

    @Test
    void unknownAliasPathOrMethodIsRefused() throws Exception {
        assertThat(get(doorTls(), "/role-aliases/other/credentials", "door-a").statusCode()).isEqualTo(404);
        assertThat(get(doorTls(), "/role-aliases//credentials", "door-a").statusCode()).isEqualTo(404);
        assertThat(get(doorTls(), "/", "door-a").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HttpClient.newBuilder().sslContext(doorTls()).build().send(
                HttpRequest.newBuilder(URI.create(endpoint.endpoint() + "/role-aliases/door-alias/credentials"))
                        .header("x-amzn-iot-thingname", "door-a").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    /** The alias is the path's segment as decoded, nothing resolved: a climbing path names no alias. */
    @Test
    void aliasIsThePercentDecodedSegment() throws Exception {
        assertThat(get(doorTls(), "/role-aliases/door%2Dalias/credentials", "door-a").statusCode()).isEqualTo(200);
        assertThat(get(doorTls(), "/role-aliases/other/../door-alias/credentials", "door-a").statusCode())
                .isEqualTo(404);
        assertThat(get(doorTls(), "/role-aliases/other%2F..%2Fdoor-alias/credentials", "door-a").statusCode())
                .isEqualTo(404);
    }

    @Test
    void withoutAClientCertificateThereIsNoAnswer() {
        SSLContext trustOnly = TlsContexts.clientContext(ca.certificatePath(), null, null);
        assertThatThrownBy(() -> get(trustOnly, "/role-aliases/door-alias/credentials", "door-a"))
                .isInstanceOf(IOException.class);
    }
}
