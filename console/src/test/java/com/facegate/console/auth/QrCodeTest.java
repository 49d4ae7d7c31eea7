package com.facegate.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SVG an admin scans decodes, with zxing's own QR decoder, to exactly the otpauth URI. */
class QrCodeTest {
    private static final Pattern SIZE = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");

    /** The drawn modules back into a matrix, quiet zone cut off, as a camera's reader would see them. */
    private static BitMatrix modules(String svg) {
        Matcher size = SIZE.matcher(svg);
        assertThat(size.find()).isTrue();
        int n = Integer.parseInt(size.group(1)) - 2 * QrCode.QUIET_ZONE;
        assertThat(size.group(2)).isEqualTo(size.group(1));
        BitMatrix m = new BitMatrix(n);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1)) - QrCode.QUIET_ZONE;
            int y = Integer.parseInt(module.group(2)) - QrCode.QUIET_ZONE;
            assertThat(x).as("nothing drawn in the quiet zone").isBetween(0, n - 1);
            assertThat(y).isBetween(0, n - 1);
            m.set(x, y);
        }
        return m;
    }

    @Test
    void theDrawnCodeDecodesToTheUri() throws Exception {
        String uri = Totp.otpauthUri("FaceGate", "desk-admin", Totp.newSecret());
        String svg = QrCode.svg(uri);
        assertThat(svg).startsWith("<svg").doesNotContain("style=").doesNotContain("<script");
        assertThat(new Decoder().decode(modules(svg)).getText()).isEqualTo(uri);
    }

    @Test
    void textTooLongForAQrCodeIsAClearError() {
        assertThatThrownBy(() -> QrCode.svg("x".repeat(5000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5000 characters");
    }
}
