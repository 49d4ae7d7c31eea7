package com.facegate.engine.image;

/**
 * Bilinear resampling straight into normalised NCHW float tensors, one tight loop per output pixel and no
 * per-pixel objects. Every crop, resize and alignment warp is an affine map from output to source pixels:
 * {@code sx = m[0]*u + m[1]*v + m[2]}, {@code sy = m[3]*u + m[4]*v + m[5]}.
 */
public final class Sampler {
    private Sampler() {}

    /** Channel order of the model input. */
    public enum Order { RGB, BGR }

    /** Pixels outside the source: black (OpenCV warpAffine default) or the nearest edge pixel. */
    public enum Border { ZERO, CLAMP }

    /**
     * Affine map (output→source) that resizes the box [x0,y0,x1,y1) of the source to outW×outH, pixel centres
     * aligned.
     */
    public static double[] boxMap(double x0, double y0, double x1, double y1, int outW, int outH) {
        double sx = (x1 - x0) / outW;
        double sy = (y1 - y0) / outH;
        return new double[] {sx, 0, x0 + 0.5 * sx - 0.5, 0, sy, y0 + 0.5 * sy - 0.5};
    }

    /**
     * Affine map (output→source) of a square of {@code side} source pixels centred on (cx, cy) and turned by
     * {@code degrees} (the source direction that becomes the output's x axis), resized to outW×outH. At 0° it
     * equals {@link #boxMap} of the same square.
     */
    public static double[] rotatedBoxMap(double cx, double cy, double side, double degrees, int outW, int outH) {
        double t = Math.toRadians(degrees), cos = Math.cos(t), sin = Math.sin(t);
        double sx = side / outW, sy = side / outH;
        double ax = 0.5 * sx - side / 2, ay = 0.5 * sy - side / 2;
        return new double[] {sx * cos, -sy * sin, cx + cos * ax - sin * ay - 0.5,
                sx * sin, sy * cos, cy + sin * ax + cos * ay - 0.5};
    }

    /**
     * Samples a colour tensor: out[c][v][u] = (pixel_c - mean[c]) * scale[c], channel c in {@code order}.
     */
    public static void colour(BgrImage img, double[] m, int outW, int outH, Order order, Border border,
                              float[] mean, float[] scale, float[] out) {
        final int w = img.width(), h = img.height();
        final byte[] p = img.bgr();
        final int plane = outW * outH;
        // Source offsets of the B, G, R bytes for output channels 0, 1, 2.
        final int c0 = order == Order.RGB ? 2 : 0, c2 = order == Order.RGB ? 0 : 2;
        final float m0 = mean[0], m1 = mean[1], m2 = mean[2], s0 = scale[0], s1 = scale[1], s2 = scale[2];
        final boolean clamp = border == Border.CLAMP;
        for (int v = 0; v < outH; v++) {
            double rowX = m[1] * v + m[2], rowY = m[4] * v + m[5];
            for (int u = 0; u < outW; u++) {
                double sx = m[0] * u + rowX, sy = m[3] * u + rowY;
                int o = v * outW + u;
                if (clamp) {
                    sx = sx < 0 ? 0 : (sx > w - 1 ? w - 1 : sx);
                    sy = sy < 0 ? 0 : (sy > h - 1 ? h - 1 : sy);
                }
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0), fy = (float) (sy - y0);
                float a = 0, b = 0, c = 0;
                // Four taps, each weighted; taps outside the image count as black.
                for (int t = 0; t < 4; t++) {
                    int xx = x0 + (t & 1), yy = y0 + (t >> 1);
                    float wt = ((t & 1) == 0 ? 1 - fx : fx) * ((t >> 1) == 0 ? 1 - fy : fy);
                    if (wt == 0f) {
                        continue;
                    }
                    if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
                        if (!clamp) {
                            continue;
                        }
                        xx = xx < 0 ? 0 : (xx >= w ? w - 1 : xx);
                        yy = yy < 0 ? 0 : (yy >= h ? h - 1 : yy);
                    }
                    int i = (yy * w + xx) * 3;
                    a += wt * (p[i + c0] & 0xff);
                    b += wt * (p[i + 1] & 0xff);
                    c += wt * (p[i + c2] & 0xff);
                }
                out[o] = (a - m0) * s0;
                out[plane + o] = (b - m1) * s1;
                out[2 * plane + o] = (c - m2) * s2;
            }
        }
    }

    /** Samples luminance (0..255, BT.601 weights) into out[v*outW+u], then applies (y - mean) * scale. */
    public static void grey(BgrImage img, double[] m, int outW, int outH, Border border, float mean, float scale,
            float[] out) {
        final int w = img.width(), h = img.height();
        final byte[] p = img.bgr();
        final boolean clamp = border == Border.CLAMP;
        for (int v = 0; v < outH; v++) {
            double rowX = m[1] * v + m[2], rowY = m[4] * v + m[5];
            for (int u = 0; u < outW; u++) {
                double sx = m[0] * u + rowX, sy = m[3] * u + rowY;
                if (clamp) {
                    sx = sx < 0 ? 0 : (sx > w - 1 ? w - 1 : sx);
                    sy = sy < 0 ? 0 : (sy > h - 1 ? h - 1 : sy);
                }
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0), fy = (float) (sy - y0);
                float g = 0;
                for (int t = 0; t < 4; t++) {
                    int xx = x0 + (t & 1), yy = y0 + (t >> 1);
                    float wt = ((t & 1) == 0 ? 1 - fx : fx) * ((t >> 1) == 0 ? 1 - fy : fy);
                    if (wt == 0f) {
                        continue;
                    }
                    if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
                        if (!clamp) {
                            continue;
                        }
                        xx = xx < 0 ? 0 : (xx >= w ? w - 1 : xx);
                        yy = yy < 0 ? 0 : (yy >= h ? h - 1 : yy);
                    }
                    int i = (yy * w + xx) * 3;
                    g += wt * (0.114f * (p[i] & 0xff) + 0.587f * (p[i + 1] & 0xff) + 0.299f * (p[i + 2] & 0xff));
                }
                out[v * outW + u] = (g - mean) * scale;
            }
        }
    }

    /** Mirrors an NCHW tensor left-right in place. */
    public static void mirror(float[] t, int channels, int w, int h) {
        for (int c = 0; c < channels; c++) {
            for (int v = 0; v < h; v++) {
                int row = (c * h + v) * w;
                for (int i = 0, j = w - 1; i < j; i++, j--) {
                    float tmp = t[row + i];
                    t[row + i] = t[row + j];
                    t[row + j] = tmp;
                }
            }
        }
    }
}
