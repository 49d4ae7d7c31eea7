package com.facegate.console;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A YUV4MPEG2 video for Chromium's fake webcam ({@code --use-file-for-fake-video-capture}), written from a photo:
 * the photo scaled into a 640x480 grey frame, repeated; 4:2:0 planes (BT.601 full range, as C420jpeg says).
 */
final class Y4m {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private Y4m() {}

    static Path write(Path photo, Path out, int frames) throws IOException {
        BufferedImage src = ImageIO.read(photo.toFile());
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, (WIDTH - HEIGHT) / 2, 0, HEIGHT, HEIGHT, null);
        g.dispose();
        byte[] planes = planes(frame);
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < frames; i++) {
                o.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                o.write(planes);
            }
        }
        return out;
    }

    /** Y for every pixel, then U and V for every 2x2 block (the block's mean colour). */
    private static byte[] planes(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3 / 2];
        int u = w * h;
        int v = u + w * h / 4;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                out[y * w + x] = clamp(0.299 * r(rgb) + 0.587 * gr(rgb) + 0.114 * b(rgb));
            }
        }
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int[] d : new int[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
                    int rgb = img.getRGB(x + d[0], y + d[1]);
                    r += r(rgb) / 4.0;
                    g += gr(rgb) / 4.0;
                    b += b(rgb) / 4.0;
                }
                int i = (y / 2) * (w / 2) + x / 2;
                out[u + i] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                out[v + i] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
            }
        }
        return out;
    }

    private static int r(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int gr(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    private static int b(int rgb) {
        return rgb & 0xFF;
    }

    private static byte clamp(double d) {
        return (byte) Math.max(0, Math.min(255, Math.round(d)));
    }
}
