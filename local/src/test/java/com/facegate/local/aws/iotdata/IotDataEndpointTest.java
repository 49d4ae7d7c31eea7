package com.facegate.local.aws.iotdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.local.aws.auth.SigV4Verifier;
import com.facegate.local.stack.LocalClients;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.InvalidRequestException;
import software.amazon.awssdk.services.iotdataplane.model.ServiceUnavailableException;

/** The IoT data-plane endpoint alone, with the real SDK client and raw HTTP requests: what it answers, and how. */
class IotDataEndpointTest {
    private static final String REGION = "eu-west-1";
    private static final String KEY = "AKIDIOTDATATEST";
    private static final String SECRET = "iot-data-test-secret";

    record Published(String topic, String payload, int qos) {}

    static final List<Published> published = new CopyOnWriteArrayList<>();
    static volatile boolean brokerDown;
    static IotDataEndpoint endpoint;
    static IotDataPlaneClient iot;

    @BeforeAll
    static void start() {
        endpoint = new IotDataEndpoint("127.0.0.1", 0, null,
                SigV4Verifier.forService("iotdata", REGION, Map.of(KEY, SECRET)), (topic, payload, qos) -> {
                    if (brokerDown) {
                        return CompletableFuture.failedFuture(new IllegalStateException("broker stopped"));
                    }
                    published.add(new Published(topic, new String(payload, StandardCharsets.UTF_8), qos));
                    return CompletableFuture.completedFuture(null);
                }).start();
        iot = LocalClients.iotData(endpoint.endpoint(), REGION, KEY, SECRET, null);
    }

    @AfterAll
    static void stop() {
        iot.close();
        endpoint.close();
    }

    @BeforeEach
    void reset() {
        published.clear();
        brokerDown = false;
    }

    @Test
    void signedPublishReachesTheBrokerWithTheTopicDecoded() {
        iot.publish(b -> b.topic(Topics.decision("front-door-01")).qos(1)
                .payload(SdkBytes.fromUtf8String("{\"decision\":\"GRANT\"}")));
        assertThat(published).containsExactly(
                new Published("facegate/doors/front-door-01/decision", "{\"decision\":\"GRANT\"}", 1));
    }

    @Test
    void qosOtherThanZeroOrOneIsAnInvalidRequest() {
        assertThatThrownBy(() -> iot.publish(b -> b.topic(Topics.decision("front-door-01")).qos(2)
                .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOf(InvalidRequestException.class);
        assertThat(published).isEmpty();
    }

    @Test
    void aBrokerThatDoesNotTakeTheMessageIsServiceUnavailable() {
        brokerDown = true;
        assertThatThrownBy(() -> iot.publish(b -> b.topic(Topics.commands("front-door-01")).qos(1)
                .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void refusalsComeBackAsTheIotDataPlaneSendsThem() throws Exception {
        assertError(send("POST", "/topics/facegate%2Fdoors%2Ffront-door-01%2Fdecision?qos=1", "{}"), 403,
                "MissingAuthenticationTokenException");
        assertError(send("GET", "/topics/facegate%2Fdoors%2Fx%2Fdecision", null), 405, "MethodNotAllowedException");
        assertError(send("POST", "/shadow/things", "{}"), 404, "ResourceNotFoundException");
        assertError(send("POST", "/topics/", "{}"), 404, "ResourceNotFoundException");
        assertError(send("POST", "/topics/a%2F%2Fb%2F..%2F%25?qos=0", "x".repeat(IotDataEndpoint.MAX_PAYLOAD + 1)),
                413, "RequestEntityTooLargeException");
        assertThat(published).isEmpty();
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.endpoint() + pathAndQuery))
                .method(method, publisher).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, String type) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains(type);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(MessageCodec.mapper().readTree(r.body()).path("message").asText()).isNotBlank();
    }
}
