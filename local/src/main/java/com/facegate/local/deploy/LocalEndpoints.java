package com.facegate.local.deploy;

import com.facegate.cloud.CloudClients;
import com.facegate.local.aws.pki.SecureFiles;
import com.facegate.local.stack.LocalClients;
import com.facegate.local.stack.LocalCredentials;
import com.facegate.local.stack.LocalStack;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a running local stack listens, written to {@code <data>/endpoints.properties} (owner-only: it names the
 * credentials file's secret) so that admin tools in another process can reach it with the real SDK clients.
 */
public record LocalEndpoints(URI s3, URI rekognition, URI iotData, URI iotCredentials, String region, String bucket,
                             Path caCertificate, boolean tls, Path dataDir) {
    public static final String FILE = "endpoints.properties";

    public static LocalEndpoints of(LocalStack stack) {
        return new LocalEndpoints(stack.s3Endpoint(), stack.rekognitionEndpoint(), stack.iotDataEndpoint(),
                stack.iotCredentialsEndpoint(), stack.region(), stack.bucket(), stack.caCertificate(), stack.tls(),
                stack.dataDir());
    }

    public void write() {
        Properties p = new Properties();
        p.setProperty("s3", s3.toString());
        p.setProperty("rekognition", rekognition.toString());
        p.setProperty("iotData", iotData.toString());
        p.setProperty("iotCredentials", iotCredentials.toString());
        p.setProperty("region", region);
        p.setProperty("bucket", bucket);
        p.setProperty("caCertificate", caCertificate.toAbsolutePath().toString());
        p.setProperty("tls", Boolean.toString(tls));
        StringWriter w = new StringWriter();
        try {
            p.store(w, "FaceGate local stack endpoints (written at start)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SecureFiles.writeSecret(dataDir.resolve(FILE), w.toString());
    }

    /** Reads the endpoints a running stack wrote; a clear error when none is running from that folder. */
    public static LocalEndpoints read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no local stack has run from " + dataDir.toAbsolutePath()
                    + " (missing " + FILE + "): start one with ./facegate local");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new LocalEndpoints(URI.create(p.getProperty("s3")), URI.create(p.getProperty("rekognition")),
                URI.create(p.getProperty("iotData")),
                p.getProperty("iotCredentials") == null ? null : URI.create(p.getProperty("iotCredentials")),
                p.getProperty("region"), p.getProperty("bucket"),
                Path.of(p.getProperty("caCertificate")), Boolean.parseBoolean(p.getProperty("tls")), dataDir);
    }

    /**
     * The admin's clients (the admin tools'; same settings as the handlers') for this stack's endpoints; extra
     * interceptors (e.g. a benchmark's stage clock) are added to all three.
     */
    public CloudClients clients(ExecutionInterceptor... extra) {
        return clients(LocalCredentials.loadOrCreate(dataDir.resolve("credentials.properties")), extra);
    }

    /** Clients signing with the given key (a handler role's, in process). */
    public CloudClients clients(LocalCredentials c, ExecutionInterceptor... extra) {
        Path trust = tls ? caCertificate : null;
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
        ClientOverrideConfiguration plain = withInterceptors(ClientOverrideConfiguration.builder(), extra);
        S3Client s3Client = S3Client.builder().endpointOverride(s3).region(Region.of(region)).credentialsProvider(creds)
                .forcePathStyle(true).httpClient(LocalClients.httpClient(trust))
                .overrideConfiguration(withInterceptors(CloudClients.s3Overrides().toBuilder(), extra)).build();
        RekognitionClient rek = RekognitionClient.builder().endpointOverride(rekognition).region(Region.of(region))
                .credentialsProvider(creds).httpClient(LocalClients.httpClient(trust))
                .overrideConfiguration(withInterceptors(CloudClients.rekognitionOverrides().toBuilder(), extra))
                .build();
        IotDataPlaneClient iot = IotDataPlaneClient.builder().endpointOverride(iotData).region(Region.of(region))
                .credentialsProvider(creds).httpClient(LocalClients.httpClient(trust)).overrideConfiguration(plain)
                .build();
        return new CloudClients(s3Client, rek, iot);
    }

    private static ClientOverrideConfiguration withInterceptors(ClientOverrideConfiguration.Builder b,
            ExecutionInterceptor... extra) {
        for (ExecutionInterceptor i : extra) {
            b.addExecutionInterceptor(i);
        }
        return b.build();
    }
}
