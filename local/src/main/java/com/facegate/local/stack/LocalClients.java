package com.facegate.local.stack;

import com.facegate.local.aws.pki.TlsContexts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Real AWS SDK v2 clients pointed at the local stack: endpoint override, path-style S3, static credentials,
 * and an HTTP client that trusts the local CA (and only it) when the endpoints speak HTTPS.
 */
public final class LocalClients {
    private LocalClients() {}

    /** The url-connection HTTP client trusting {@code caPem}; the JDK default trust when null. */
    public static SdkHttpClient httpClient(Path caPem) {
        UrlConnectionHttpClient.Builder b = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60));
        if (caPem != null) {
            var trust = TlsContexts.trustManagers(caPem);
            b.tlsTrustManagersProvider(() -> trust);
        }
        return b.build();
    }

    private static StaticCredentialsProvider creds(String accessKeyId, String secretAccessKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    public static S3Client s3(URI endpoint, String region, String accessKeyId, String secretAccessKey, Path caPem) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(creds(accessKeyId, secretAccessKey))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(com.facegate.cloud.CloudClients.s3Overrides())
                .httpClient(httpClient(caPem))
                .build();
    }

    public static RekognitionClient rekognition(URI endpoint, String region, String accessKeyId, String secretAccessKey,
            Path caPem) {
        return RekognitionClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(creds(accessKeyId, secretAccessKey))
                .httpClient(httpClient(caPem))
                .build();
    }

    public static IotDataPlaneClient iotData(URI endpoint, String region, String accessKeyId, String secretAccessKey,
            Path caPem) {
        return IotDataPlaneClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(creds(accessKeyId, secretAccessKey))
                .httpClient(httpClient(caPem))
                .build();
    }
}
