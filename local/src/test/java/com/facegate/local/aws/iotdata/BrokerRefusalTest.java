package com.facegate.local.aws.iotdata;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.local.aws.auth.SigV4Verifier;
import com.facegate.local.aws.mqtt.LocalBroker;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.stack.LocalClients;
import com.facegate.protocol.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.ServiceUnavailableException;

/**
 * Issue 16, item 6c: the IoT data endpoint in front of the real broker answers 200 only when the broker took the
 * message; a broker that does not (here: stopped under a running endpoint) is a 5xx the real AWS SDK client sees,
 * as AWS IoT answers, so a remote UNLOCK is never reported sent when it was not.
 */
class BrokerRefusalTest {
    private static final String REGION = "eu-west-1";
    private static final String KEY = "AKIDBROKERREFUSAL";
    private static final String SECRET = "broker-refusal-secret";

    @TempDir
    Path data;

    @Test
    void givenTheBrokerStopsUnderTheEndpoint_whenAnUnlockIsPublished_thenTheSdkSeesServiceUnavailable() {
        LocalCa ca = LocalCa.openOrCreate(data.resolve("pki"));
        LocalBroker broker = LocalBroker.builder().dataDir(data.resolve("mqtt")).host("127.0.0.1").port(0).ca(ca)
                .serverCredentials(ca.serverCredentials(Set.of())).persistent(false).build().start();
        try (IotDataEndpoint endpoint = new IotDataEndpoint("127.0.0.1", 0, null,
                SigV4Verifier.forService("iotdata", REGION, Map.of(KEY, SECRET)), broker::publish).start();
             IotDataPlaneClient iot = LocalClients.iotData(endpoint.endpoint(), REGION, KEY, SECRET, null)) {
            assertThatCode(() -> iot.publish(b -> b.topic(Topics.commands("front-door-01")).qos(1)
                    .payload(SdkBytes.fromUtf8String("{}")))).doesNotThrowAnyException();

            broker.close();

            assertThatThrownBy(() -> iot.publish(b -> b.topic(Topics.commands("front-door-01")).qos(1)
                    .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOf(ServiceUnavailableException.class)
                    .satisfies(e -> org.assertj.core.api.Assertions
                            .assertThat(((ServiceUnavailableException) e).statusCode()).isEqualTo(503));
        } finally {
            broker.close();
        }
    }
}
