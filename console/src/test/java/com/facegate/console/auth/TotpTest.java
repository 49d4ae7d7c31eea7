package com.facegate.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B's SHA-1 vectors (8 digits), and the console's 6-digit, one-step-either-side check. */
class TotpTest {
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238Sha1TestVectors() {
        assertThat(Totp.hotp(RFC_KEY, 59 / 30, 8)).isEqualTo("94287082");
        assertThat(Totp.hotp(RFC_KEY, 1111111109L / 30, 8)).isEqualTo("07081804");
        assertThat(Totp.hotp(RFC_KEY, 1111111111L / 30, 8)).isEqualTo("14050471");
        assertThat(Totp.hotp(RFC_KEY, 1234567890L / 30, 8)).isEqualTo("89005924");
        assertThat(Totp.hotp(RFC_KEY, 2000000000L / 30, 8)).isEqualTo("69279037");
        assertThat(Totp.hotp(RFC_KEY, 20000000000L / 30, 8)).isEqualTo("65353130");
    }

    @Test
    void base32RoundTripsAndMatchesTheRfcKeysEncoding() {
        assertThat(Totp.base32(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.unbase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(RFC_KEY);
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
    }

    @Test
    void aCodeIsValidForItsStepAndOneEitherSideOnly() {
        String secret = Totp.base32(RFC_KEY);
        Instant t = Instant.ofEpochSecond(1111111111L);
        long step = 1111111111L / 30;
        String code = Totp.hotp(RFC_KEY, step, 6);
        assertThat(code).isEqualTo("050471"); // the 8-digit vector's last six digits
        assertThat(Totp.matchingStep(secret, code, t)).isEqualTo(step);
        assertThat(Totp.matchingStep(secret, code, t.plusSeconds(30))).isEqualTo(step);
        assertThat(Totp.matchingStep(secret, code, t.minusSeconds(30))).isEqualTo(step);
        assertThat(Totp.matchingStep(secret, code, t.plusSeconds(90))).isEqualTo(-1);
        assertThat(Totp.matchingStep(secret, "12345", t)).isEqualTo(-1);
        assertThat(Totp.matchingStep(secret, "abcdef", t)).isEqualTo(-1);
        assertThat(Totp.matchingStep(secret, null, t)).isEqualTo(-1);
    }
}
