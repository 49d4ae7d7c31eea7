package com.facegate.console.auth;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Locale;
import java.util.Map;

/**
 * A QR code as inline SVG, for the {@code otpauth://} URI an authenticator app scans. Inline, so the secret never
 * travels as an image URL (no request, no cache, nothing in an access log) and the page needs no script; one path of
 * unit squares, so the markup carries no style attribute the console's CSP would refuse.
 */
public final class QrCode {
    /** Modules of white border: the quiet zone QR readers need. */
    static final int QUIET_ZONE = 4;

    private QrCode() {}

    public static String svg(String text) {
        BitMatrix m;
        try {
            // size 0: one pixel per module, so the matrix is exactly the modules plus the quiet zone.
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
        }
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
                }
            }
        }
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                + " width=\"240\" height=\"240\" shape-rendering=\"crispEdges\" role=\"img\""
                + " aria-label=\"QR code of the secret\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"%s\"/></svg>", m.getWidth(), m.getHeight(), m.getWidth(), m.getHeight(),
                path);
    }
}
