package com.facegate.device.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.device.config.DoorConfig;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.local.doors.DoorSettings;
import com.facegate.local.stack.LocalStack;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The door's IoT credentials provider against the local stack's real credentials endpoint (HTTPS, client
 * certificates required, local CA only, revocation, thing-name check), and the keys it gets against the real
 * local S3 (s3proxy, SigV4 with the session token).
 */
class IotCredentialsProviderTest {
    @TempDir
    static Path dir;
    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.builder().dataDir(dir.resolve("stack")).host("127.0.0.1").anyFreePorts()
                .mqttPersistent(false).build().start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static DoorConfig config(DoorBundle bundle) throws Exception {
        return DoorConfigLoader.load(bundle.properties());
    }

    private static IotCredentialsProvider.Builder provider(DoorBundle b, String thingName) {
        return IotCredentialsProvider.builder().endpoint(stack.iotCredentialsEndpoint())
                .roleAlias(LocalStack.DOOR_ROLE_ALIAS).thingName(thingName).backoff(Duration.ofMillis(10))
                .sslContext(PemTls.clientContext(b.certificate(), b.privateKey(), b.caCertificate()));
    }

    @Test
    void bundleDoorGetsSessionCredentialsAndUploadsWithThem() throws Exception {
        DoorBundle door = stack.provisionDoor("cred-door-1");
        DoorConfig cfg = config(door);
        assertThat(cfg.s3().credentials()).isEqualTo(DoorConfig.Credentials.IOT);
        assertThat(cfg.s3().accessKeyId()).isNull();
        assertThat(cfg.s3().iot().thingName()).isEqualTo("cred-door-1");

        AwsCredentials creds = S3Clients.credentials(cfg.s3()).resolveCredentials();
        assertThat(creds).isInstanceOf(AwsSessionCredentials.class);
        AwsSessionCredentials session = (AwsSessionCredentials) creds;
        assertThat(session.sessionToken()).isNotBlank();
        assertThat(session.expirationTime()).get().satisfies(t -> assertThat(t)
                .isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofMinutes(61))));
        assertThat(session.toString()).doesNotContain(session.secretAccessKey(), session.sessionToken());

        String key = "captures/cred-door-1/2026-11-28T12:00:00.000Z_0001.jpg";
        try (S3Client s3 = S3Clients.create(cfg.s3())) {
            s3.putObject(b -> b.bucket(cfg.s3().bucket()).key(key).contentType("image/jpeg"),
                    RequestBody.fromString("jpeg bytes"));
        }
        try (S3Client admin = stack.s3Client()) {
            assertThat(admin.getObjectAsBytes(b -> b.bucket(stack.bucket()).key(key)).asUtf8String())
                    .isEqualTo("jpeg bytes");
        }
    }

    @Test
    void anotherDoorsThingNameIsRefused() {
        DoorBundle door = stack.provisionDoor("cred-door-2");
        IotCredentialsProvider p = provider(door, "cred-door-1").build();
        assertThatThrownBy(p::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("cred-door-1");
    }

    @Test
    void unknownRoleAliasIsNotFound() {
        DoorBundle door = stack.provisionDoor("cred-door-3");
        IotCredentialsProvider p = provider(door, "cred-door-3").roleAlias("someone-elses-role").build();
        assertThatThrownBy(p::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 404");
    }

    /** With TLS 1.3 the server's refusal of a missing/foreign client certificate reaches the client as an EOF. */
    @Test
    void noClientCertificateIsRefused() throws Exception {
        DoorBundle door = stack.provisionDoor("cred-door-4");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", PemTls.certificates(door.caCertificate()).get(0));
        tmf.init(ts);
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        trustOnly.init(null, tmf.getTrustManagers(), new SecureRandom());
        IotCredentialsProvider p = provider(door, "cred-door-4").sslContext(trustOnly).build();
        assertThatThrownBy(p::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("cannot get S3 credentials for door").hasMessageContaining("cred-door-4");
    }

    @Test
    void certificateFromAnotherCaIsRefused() {
        LocalCa foreign = LocalCa.openOrCreate(dir.resolve("foreign-pki"));
        DoorBundle impostor = new DoorProvisioner(foreign, dir.resolve("foreign-doors"), () -> new DoorSettings(
                "127.0.0.1", 1, "https://127.0.0.1:1", "b", "eu-west-1", "https://127.0.0.1:2", "a"))
                .provision("cred-door-5");
        // Trusts the real stack's CA (so the server is accepted) but presents the foreign certificate.
        SSLContext ctx = PemTls.clientContext(impostor.certificate(), impostor.privateKey(), stack.caCertificate());
        IotCredentialsProvider p = IotCredentialsProvider.builder().endpoint(stack.iotCredentialsEndpoint())
                .roleAlias(LocalStack.DOOR_ROLE_ALIAS).thingName("cred-door-5").sslContext(ctx)
                .backoff(Duration.ofMillis(10)).build();
        assertThatThrownBy(p::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("cannot get S3 credentials");
    }

    @Test
    void revokedCertificateIsRefused() throws Exception {
        DoorBundle first = stack.provisionDoor("cred-door-6");
        Path old = Files.createDirectories(dir.resolve("old-6"));
        Path crt = Files.copy(first.certificate(), old.resolve("door.crt"));
        Path key = Files.copy(first.privateKey(), old.resolve("door.key"));
        assertThat(provider(first, "cred-door-6").build().resolveCredentials()).isNotNull();

        DoorBundle rotated = stack.provisionDoor("cred-door-6", true); // revokes the first certificate
        IotCredentialsProvider revoked = IotCredentialsProvider.builder().endpoint(stack.iotCredentialsEndpoint())
                .roleAlias(LocalStack.DOOR_ROLE_ALIAS).thingName("cred-door-6")
                .sslContext(PemTls.clientContext(crt, key, first.caCertificate()))
                .backoff(Duration.ofMillis(10)).build();
        assertThatThrownBy(revoked::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 403");
        assertThat(provider(rotated, "cred-door-6").build().resolveCredentials()).isNotNull();
    }

    @Test
    void credentialsAreCachedAndRefreshedBeforeTheyExpire() {
        DoorBundle door = stack.provisionDoor("cred-door-7");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        IotCredentialsProvider p = provider(door, "cred-door-7").clock(clock).build();
        AwsSessionCredentials first = (AwsSessionCredentials) p.resolveCredentials();
        now.set(now.get().plus(Duration.ofMinutes(30)));
        assertThat(p.resolveCredentials()).isSameAs(first);
        // 5 minutes before expiry (1 h): fetched again, a new session.
        now.set(first.expirationTime().orElseThrow().minus(Duration.ofMinutes(4)));
        AwsSessionCredentials second = (AwsSessionCredentials) p.resolveCredentials();
        assertThat(second.sessionToken()).isNotEqualTo(first.sessionToken());
        // Past expiry of those too (the real endpoint's expiry is 1 h from the real time): refused as stale.
        now.set(second.expirationTime().orElseThrow().plus(Duration.ofMinutes(1)));
        assertThatThrownBy(p::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("check the door's clock");
    }

    @Test
    void unreachableEndpointFailsAfterBoundedRetries() throws Exception {
        DoorBundle door = stack.provisionDoor("cred-door-8");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Duration> waits = new ArrayList<>();
        IotCredentialsProvider p = provider(door, "cred-door-8").endpoint(URI.create("https://127.0.0.1:" + port))
                .backoff(Duration.ofMillis(200)).sleeper(waits::add).build();
        long t0 = System.nanoTime();
        assertThatThrownBy(p::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("I/O error").hasMessageContaining("after 3 attempts");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        // Three attempts, two waits: the first backoff, then up to twice it, never less than it.
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isEqualTo(Duration.ofMillis(200));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void anInterruptWhileWaitingToRetryEndsTheFetch() throws Exception {
        DoorBundle door = stack.provisionDoor("cred-door-10");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Duration> waits = new ArrayList<>();
        IotCredentialsProvider p = provider(door, "cred-door-10").endpoint(URI.create("https://127.0.0.1:" + port))
                .sleeper(d -> {
                    waits.add(d);
                    throw new InterruptedException("door stopping");
                }).build();
        try {
            assertThatThrownBy(p::resolveCredentials).isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("interrupted (I/O error");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(waits).hasSize(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void pkcs1AndSec1KeysAreRead(@TempDir Path tmp) throws Exception {
        for (String alg : new String[] {"RSA", "EC"}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            g.initialize("RSA".equals(alg) ? 2048 : 256);
            KeyPair pair = g.generateKeyPair();
            StringWriter out = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(pair.getPrivate()); // traditional: BEGIN RSA / EC PRIVATE KEY
            }
            assertThat(out.toString()).contains("BEGIN " + alg + " PRIVATE KEY");
            Path f = tmp.resolve(alg + ".key");
            Files.writeString(f, out.toString());
            PrivateKey read = PemTls.privateKey(f);
            var sig = java.security.Signature.getInstance("RSA".equals(alg) ? "SHA256withRSA" : "SHA256withECDSA");
            sig.initSign(read);
            sig.update(new byte[] {1, 2, 3});
            byte[] s = sig.sign();
            sig.initVerify(pair.getPublic());
            sig.update(new byte[] {1, 2, 3});
            assertThat(sig.verify(s)).as(alg).isTrue();
        }
    }
}
