package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.ACCESS_KEY;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.REGION;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.SECRET;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.TlsContexts;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/** The endpoint over HTTPS with the local CA's server certificate, as the local stack runs it. */
class RekognitionHttpsTest {

    @TempDir
    Path dir;

    @Test
    void sdkTalksHttpsAndRefusesAnUntrustedCertificate() throws Exception {
        LocalCa ca = LocalCa.openOrCreate(dir.resolve("pki"));
        LocalCa.ServerCredentials credentials = ca.serverCredentials(Set.of());
        try (RekognitionServer server = server(dir.resolve("data"))
                .sslContext(TlsContexts.serverContext(credentials)).start()) {
            assertThat(server.endpoint().getScheme()).isEqualTo("https");
            try (RekognitionClient trusting = client(server, UrlConnectionHttpClient.builder()
                    .tlsTrustManagersProvider(() -> TlsContexts.trustManagers(ca.certificatePath())).build())) {
                trusting.createCollection(r -> r.collectionId("tls"));
                assertThat(trusting.listCollections(r -> { }).collectionIds()).containsExactly("tls");
            }
            // The JDK's default trust store does not know the local CA: the handshake must fail.
            try (RekognitionClient stranger = client(server, UrlConnectionHttpClient.builder().build())) {
                assertThatThrownBy(() -> stranger.listCollections(r -> { })).isInstanceOf(SdkClientException.class);
            }
        }
    }

    private static RekognitionClient client(RekognitionServer server,
                                            software.amazon.awssdk.http.SdkHttpClient http) {
        return RekognitionClient.builder().endpointOverride(server.endpoint()).region(Region.of(REGION))
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
