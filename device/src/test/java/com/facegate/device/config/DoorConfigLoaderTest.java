package com.facegate.device.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.facegate.device.support.TestDoors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoorConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void givenSeveralMistakes_whenLoading_thenEveryProblemIsListedAtOnce() {
        Properties p = new Properties();
        p.setProperty("door.id", "bad/door");
        p.setProperty("mqtt.port", "99999");
        p.setProperty("capture.source", "webcam");
        p.setProperty("door.unlockPulse", "20s");
        p.setProperty("door.maxPulse", "10s");
        p.setProperty("decision.deadline", "soon");
        p.setProperty("offline.policy", "LOCAL_MATCH");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(p, dir));

        assertThat(e.problems()).anyMatch(s -> s.startsWith("door.id"))
                .anyMatch(s -> s.startsWith("mqtt.host missing"))
                .anyMatch(s -> s.startsWith("mqtt.port"))
                .anyMatch(s -> s.startsWith("mqtt.cert"))
                .anyMatch(s -> s.startsWith("s3.bucket missing"))
                .anyMatch(s -> s.startsWith("capture.source"))
                .anyMatch(s -> s.startsWith("door.unlockPulse must not exceed"))
                .anyMatch(s -> s.startsWith("decision.deadline"))
                .anyMatch(s -> s.contains("galleryKeyBase64"));
        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void givenTwoBadValuesAndAMissingKey_whenLoading_thenOneErrorListsExactlyThoseThree() {
        Properties p = TestDoors.props(dir, "door-f");
        p.setProperty("mqtt.port", "99999");
        p.setProperty("gate.jpegQuality", "five");
        p.remove("s3.bucket");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(p, dir));

        assertThat(e.problems()).containsExactlyInAnyOrder("mqtt.port must be in 1..65535",
                "gate.jpegQuality must be an integer (got 'five')", "s3.bucket missing");
        assertThat(e.getMessage()).contains("mqtt.port", "gate.jpegQuality", "s3.bucket");
    }

    @Test
    void givenAGalleryRefreshOutsideItsBounds_whenLoading_thenRefusedAndWithinThemTaken() throws Exception {
        Properties p = TestDoors.props(dir, "door-r");
        p.setProperty("offline.galleryRefresh", "5s");
        assertThat(catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(p, dir)).problems())
                .containsExactly("offline.galleryRefresh must be in 10s..1h (got '5s')");
        p.setProperty("offline.galleryRefresh", "2h");
        assertThat(catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(p, dir)).problems())
                .containsExactly("offline.galleryRefresh must be in 10s..1h (got '2h')");
        p.setProperty("offline.galleryRefresh", "1h");
        assertThat(DoorConfigLoader.from(p, dir).offline().galleryRefresh()).isEqualTo(Duration.ofHours(1));
        p.setProperty("offline.galleryRefresh", "10s");
        assertThat(DoorConfigLoader.from(p, dir).offline().galleryRefresh()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givenBundlePropertiesOfTheLocalStack_whenIncluded_thenItsKeysAreUnderstoodAndOverridable() throws Exception {
        Properties base = TestDoors.props(dir, "door-9");
        Properties bundle = new Properties();
        bundle.setProperty("door.id", "door-9");
        bundle.setProperty("mqtt.host", "broker.local");
        bundle.setProperty("mqtt.port", "8884");
        bundle.setProperty("mqtt.certificate", dir.resolve("door.crt").toString());
        bundle.setProperty("mqtt.privateKey", dir.resolve("door.key").toString());
        bundle.setProperty("ca.path", dir.resolve("ca.crt").toString());
        bundle.setProperty("s3.bucket", "facegate");
        bundle.setProperty("region", "eu-west-1");
        try (var out = Files.newOutputStream(dir.resolve("door.properties"))) {
            bundle.store(out, null);
        }
        Files.writeString(dir.resolve("device.properties"), "bundle.properties=door.properties\n"
                + "decision.deadline=5s\nstate.dir=" + base.getProperty("state.dir") + "\n");

        DoorConfig cfg = DoorConfigLoader.load(dir.resolve("device.properties"));

        assertThat(cfg.doorId()).isEqualTo("door-9");
        assertThat(cfg.mqtt().port()).isEqualTo(8884);
        assertThat(cfg.mqtt().caFile()).isEqualTo(dir.resolve("ca.crt").toAbsolutePath());
        assertThat(cfg.s3().region()).isEqualTo("eu-west-1");
        assertThat(cfg.decisions().deadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(cfg.offline().galleryObject()).isEqualTo("galleries/door-9.bin");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(DoorConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DoorConfigLoader.parseDuration("8s")).isEqualTo(Duration.ofSeconds(8));
        assertThat(DoorConfigLoader.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DoorConfigLoader.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void credentialsModeFollowsWhatIsGivenUnlessSetExplicitly() throws Exception {
        Properties p = TestDoors.props(dir, "door-c");
        assertThat(DoorConfigLoader.from(p, dir).s3().credentials()).isEqualTo(DoorConfig.Credentials.STATIC);

        p.remove("s3.accessKeyId");
        p.remove("s3.secretAccessKey");
        assertThat(DoorConfigLoader.from(p, dir).s3().credentials()).isEqualTo(DoorConfig.Credentials.DEFAULT);

        p.setProperty("s3.credentialsEndpoint", "c1a2b3.credentials.iot.eu-west-1.amazonaws.com");
        p.setProperty("s3.roleAlias", "facegate-door-upload-prod");
        DoorConfig.S3 s3 = DoorConfigLoader.from(p, dir).s3();
        assertThat(s3.credentials()).isEqualTo(DoorConfig.Credentials.IOT);
        assertThat(s3.iot().endpoint()).hasToString("https://c1a2b3.credentials.iot.eu-west-1.amazonaws.com");
        assertThat(s3.iot().roleAlias()).isEqualTo("facegate-door-upload-prod");
        assertThat(s3.iot().thingName()).isEqualTo("door-c");
        assertThat(s3.iot().certFile()).isEqualTo(dir.resolve("door.crt").toAbsolutePath());
        assertThat(s3.iot().caFile()).isEqualTo(dir.resolve("ca.crt").toAbsolutePath());

        p.setProperty("s3.credentialsEndpoint", "https://127.0.0.1:9443/");
        assertThat(DoorConfigLoader.from(p, dir).s3().iot().endpoint()).hasToString("https://127.0.0.1:9443");

        p.setProperty("s3.credentials", "default");
        assertThat(DoorConfigLoader.from(p, dir).s3().credentials()).isEqualTo(DoorConfig.Credentials.DEFAULT);
    }

    @Test
    void credentialsProblemsAreListedTogether() {
        Properties p = TestDoors.props(dir, "door-d");
        p.remove("s3.accessKeyId");
        p.setProperty("s3.credentials", "iot");
        p.setProperty("s3.roleAlias", "no spaces!");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(p, dir));
        assertThat(e.problems()).anyMatch(s -> s.startsWith("s3.accessKeyId and s3.secretAccessKey"))
                .anyMatch(s -> s.startsWith("s3.roleAlias must be"))
                .anyMatch(s -> s.contains("needs s3.credentialsEndpoint"));

        Properties q = TestDoors.props(dir, "door-d");
        q.setProperty("s3.credentials", "static");
        q.remove("s3.accessKeyId");
        q.remove("s3.secretAccessKey");
        q.setProperty("s3.credentialsEndpoint", "http://plain.example.com");
        ConfigException f = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(q, dir));
        assertThat(f.problems()).anyMatch(s -> s.startsWith("s3.credentials=static needs"))
                .anyMatch(s -> s.startsWith("s3.credentialsEndpoint must be"));

        Properties r = TestDoors.props(dir, "door-d");
        r.setProperty("s3.credentials", "sometimes");
        r.setProperty("s3.credentialsEndpoint", "not-a-value!");
        r.setProperty("s3.roleAlias", "alias");
        ConfigException g = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(r, dir));
        assertThat(g.problems()).anyMatch(s -> s.startsWith("s3.credentials must be one of"))
                .anyMatch(s -> s.startsWith("s3.credentialsEndpoint must be"));
    }

    @Test
    void secretsStayOutOfTheConfigsToString() throws Exception {
        Properties p = TestDoors.props(dir, "door-e");
        p.setProperty("s3.secretAccessKey", "wJalrXUtnFEMI-K7MDENG");
        String galleryKey = java.util.Base64.getEncoder()
                .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        p.setProperty("offline.galleryKeyBase64", galleryKey);
        String text = DoorConfigLoader.from(p, dir).toString();
        assertThat(text).doesNotContain("wJalrXUtnFEMI-K7MDENG").doesNotContain(galleryKey);
        assertThat(text).contains("galleryKeyBase64=***");
    }
}
