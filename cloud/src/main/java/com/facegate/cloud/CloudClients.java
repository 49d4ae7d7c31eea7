package com.facegate.cloud;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClientBuilder;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.RekognitionClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import com.facegate.cloud.access.LivenessInterceptor;

/**
 * The three AWS SDK v2 clients the handlers use, built once per container. In AWS only the region (and the
 * account's IoT data endpoint) matter; the local stack overrides endpoints and uses path-style S3.
 */
public record CloudClients(S3Client s3, RekognitionClient rekognition, IotDataPlaneClient iot) {

    public static CloudClients fromEnv() {
        return fromEnv(System.getenv());
    }

    public static CloudClients fromEnv(Map<String, String> env) {
        Region region = Region.of(env.getOrDefault(CloudEnv.AWS_REGION.variable(),
                env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1")));
        // UrlConnection keeps cold starts short; no Apache/Netty pool to initialise.
        S3ClientBuilder s3 = S3Client.builder().region(region).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(s3Overrides());
        String s3Endpoint = CloudEnv.S3_ENDPOINT.in(env);
        if (s3Endpoint != null) {
            s3.endpointOverride(URI.create(s3Endpoint)).forcePathStyle(true);
        }
        // Rekognition retries are ours (AwsRetries: allow-listed errors, full jitter, at most ~1.4 s inside the
        // capture's decision budget), so the SDK must not retry underneath them.
        RekognitionClientBuilder rek = RekognitionClient.builder().region(region)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(rekognitionOverrides());
        String rekEndpoint = CloudEnv.REKOGNITION_ENDPOINT.in(env);
        if (rekEndpoint != null) {
            rek.endpointOverride(URI.create(rekEndpoint));
        }
        IotDataPlaneClientBuilder iot = IotDataPlaneClient.builder().region(region)
                .httpClient(UrlConnectionHttpClient.create());
        String iotEndpoint = CloudEnv.IOT_DATA_ENDPOINT.in(env);
        if (iotEndpoint != null) {
            iot.endpointOverride(URI.create(iotEndpoint));
        }
        return new CloudClients(s3.build(), rek.build(), iot.build());
    }

    /** What every S3 client given to the handlers should carry with the url-connection client: see NoExpectContinue. */
    public static ClientOverrideConfiguration s3Overrides() {
        return ClientOverrideConfiguration.builder().addExecutionInterceptor(new NoExpectContinue()).build();
    }

    /**
     * What every Rekognition client given to the handlers should carry (the local stack too): no SDK retries
     * (the handlers' own allow-listed, bounded {@link AwsRetries}) and the {@link LivenessInterceptor}.
     */
    public static ClientOverrideConfiguration rekognitionOverrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(new LivenessInterceptor())
                .build();
    }
}
