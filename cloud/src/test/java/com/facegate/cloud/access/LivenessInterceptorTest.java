package com.facegate.cloud.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.CloudClients;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;

/**
 * The liveness member of the local endpoint's DetectFaces JSON reaches LivenessCheck through the real SDK client
 * (unmarshalling drops the member; the interceptor carries it). The body served is the local endpoint's shape.
 */
class LivenessInterceptorTest {
    private HttpServer server;
    private volatile String body;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DetectFacesResponse detect() {
        try (RekognitionClient rek = RekognitionClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(CloudClients.rekognitionOverrides()).build()) {
            return rek.detectFaces(b -> b.image(i -> i.bytes(SdkBytes.fromUtf8String("x"))));
        }
    }

    static String face(String liveness) {
        return "{\"BoundingBox\":{\"Width\":0.4,\"Height\":0.5,\"Left\":0.1,\"Top\":0.1},\"Confidence\":99.9"
                + (liveness == null ? "" : ",\"Liveness\":" + liveness) + "}";
    }

    @Test
    void scoresArriveInFaceOrder() {
        body = "{\"FaceDetails\":[" + face("{\"Value\":true,\"Confidence\":97.5,\"Score\":97.5}") + ","
                + face("{\"Value\":false,\"Confidence\":94.0,\"Score\":6.0}") + "]}";
        DetectFacesResponse r = detect();
        assertThat(r.faceDetails()).hasSize(2);
        LivenessCheck check = LivenessCheck.fromHeader();
        assertThat(check.score(r, 0)).hasValue(97.5);
        assertThat(check.score(r, 1)).hasValue(6.0);
        assertThat(check.score(r, 2)).isEmpty();
    }

    @Test
    void awsShapedResponsesHaveNoScore() {
        body = "{\"FaceDetails\":[" + face(null) + "]}";
        DetectFacesResponse r = detect();
        assertThat(r.faceDetails()).hasSize(1);
        assertThat(LivenessCheck.fromHeader().score(r, 0)).isEmpty();
        assertThat(LivenessCheck.notAvailable().available()).isFalse();
    }
}
