package com.facegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void buildsAndParsesPerDoorTopics() {
        assertThat(Topics.decision("front-door-01")).isEqualTo("facegate/doors/front-door-01/decision");
        assertThat(Topics.parse("facegate/doors/lab door/audit"))
                .hasValue(new Topics.DoorTopic("lab door", Topics.Kind.AUDIT));
        assertThat(Topics.parse("facegate/doors/+/decision")).isEmpty();
        assertThat(Topics.parse("facegate/doors/#")).isEmpty();
        assertThat(Topics.parse("facegate/doors/a/b/decision")).isEmpty();
        assertThat(Topics.parse("facegate/doors/a/open")).isEmpty();
        assertThatThrownBy(() -> Topics.decision("a/+")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void captureKeysRoundTripAndRejectTraversal() {
        String id = CaptureKey.newCaptureId(Instant.parse("2026-11-28T08:00:00.120Z"));
        assertThat(id).startsWith("2026-11-28T08:00:00.120Z_").hasSize(24 + 1 + 16);
        CaptureKey k = new CaptureKey("lab door", id);
        assertThat(CaptureKey.parse(k.key())).hasValue(k);
        assertThat(CaptureKey.parse("captures/../x/abcdefgh.jpg")).isEmpty();
        assertThat(CaptureKey.parse("captures/d1/sub/abcdefgh.jpg")).isEmpty();
        assertThat(CaptureKey.parse("enroll/d1/abcdefgh.jpg")).isEmpty();
        assertThat(CaptureKey.newCaptureId(Instant.EPOCH)).isNotEqualTo(CaptureKey.newCaptureId(Instant.EPOCH));
    }

    @Test
    void aKeyOfAnotherShapeNamesWhatIsWrong() {
        String id = "2026-11-28T08:00:00.120Z_0123456789abcdef";
        assertThat(CaptureKey.problem("captures/front-door-01/" + id + ".jpg")).isEmpty();
        assertThat(CaptureKey.problem("captures/front-door-01/../../registry/badges/x.jpg")).hasValue("'..' segment");
        assertThat(CaptureKey.problem("captures/./front-door-01/" + id + ".jpg")).hasValue("'.' segment");
        assertThat(CaptureKey.problem("captures//" + id + ".jpg")).hasValue("empty segment");
        assertThat(CaptureKey.problem("captures/front-door-01/")).hasValue("empty segment");
        assertThat(CaptureKey.problem("captures/a/b/" + id + ".jpg"))
                .hasValue("4 segments, expected captures/{doorId}/{captureId}.jpg");
        assertThat(CaptureKey.problem("registry/badges/x.jpg")).hasValue("not under captures/");
        assertThat(CaptureKey.problem("captures/front-door-01/" + id + ".png")).hasValue("not a .jpg object");
        assertThat(CaptureKey.problem("captures/-door/" + id + ".jpg")).hasValue("invalid door id");
        assertThat(CaptureKey.problem("captures/front-door-01/x.jpg")).hasValue("invalid capture id");
        assertThat(CaptureKey.problem(null)).hasValue("no key");
    }
}
