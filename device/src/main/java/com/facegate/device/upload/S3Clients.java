package com.facegate.device.upload;

import com.facegate.device.config.DoorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The door's S3 client: endpoint override + path-style for the local stack, and, when the endpoint is HTTPS
 * with a private CA, trust in exactly that CA (not the JDK's public roots plus it).
 */
public final class S3Clients {
    private S3Clients() {}

    public static S3Client create(DoorConfig.S3 cfg) {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(10));
        boolean https = cfg.endpoint() != null && "https".equalsIgnoreCase(cfg.endpoint().getScheme());
        if (https && cfg.caFile() != null && Files.isReadable(cfg.caFile())) {
            TrustManager[] tms = trustManagers(cfg);
            http.tlsTrustManagersProvider(() -> tms);
        }
        S3ClientBuilder b = S3Client.builder().httpClient(http.build()).region(Region.of(cfg.region()))
                .forcePathStyle(cfg.endpoint() != null)
                // A person is waiting at the door: fail fast and let the offline fallback take over.
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(6))
                        .apiCallAttemptTimeout(Duration.ofSeconds(3))
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            // No "Expect: 100-continue": with the url-connection client a keep-alive connection
                            // the server closed fails that handshake ("Unexpected end of file"); captures are small.
                            @Override
                            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest c,
                                                                    ExecutionAttributes a) {
                                return c.httpRequest().toBuilder().removeHeader("Expect").build();
                            }
                        }));
        if (cfg.endpoint() != null) {
            b.endpointOverride(cfg.endpoint());
        }
        b.credentialsProvider(credentials(cfg));
        return b.build();
    }

    /** {@code s3.credentials}: static keys, the IoT credentials provider (door certificate), or the default chain. */
    public static AwsCredentialsProvider credentials(DoorConfig.S3 cfg) {
        DoorConfig.Credentials mode = cfg.credentials() != null ? cfg.credentials()
                : cfg.accessKeyId() != null ? DoorConfig.Credentials.STATIC : DoorConfig.Credentials.DEFAULT;
        switch (mode) {
            case STATIC:
                return StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(cfg.accessKeyId(), cfg.secretAccessKey()));
            case IOT:
                return IotCredentialsProvider.create(cfg.iot());
            default:
                return DefaultCredentialsProvider.builder().build();
        }
    }

    private static TrustManager[] trustManagers(DoorConfig.S3 cfg) {
        try (InputStream in = Files.newInputStream(cfg.caFile())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load S3 CA " + cfg.caFile(), e);
        }
    }
}
