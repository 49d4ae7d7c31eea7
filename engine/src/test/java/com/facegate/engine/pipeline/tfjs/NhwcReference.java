package com.facegate.engine.pipeline.tfjs;

/**
 * Plain-Java TensorFlow semantics in TF's own NHWC/HWIO layout (batch 1), written from the TF definitions and
 * independent of the converter's layout code: the expected values for the converter tests.
 */
final class NhwcReference {
    private NhwcReference() {}

    /** TF 'SAME': output ceil(in/stride), total padding split with the odd pixel after. */
    static int samePadBefore(int in, int k, int stride) {
        int out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + k - in, 0) / 2;
    }

    /** Conv2D, x [h][w][c], kernel [kh][kw][c][o], SAME padding. */
    static float[] conv2d(float[] x, int h, int w, int c, float[] k, int kh, int kw, int o, int stride) {
        int oh = (h + stride - 1) / stride, ow = (w + stride - 1) / stride;
        int pt = samePadBefore(h, kh, stride), pl = samePadBefore(w, kw, stride);
        float[] y = new float[oh * ow * o];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                for (int f = 0; f < o; f++) {
                    double s = 0;
                    for (int dy = 0; dy < kh; dy++) {
                        for (int dx = 0; dx < kw; dx++) {
                            int yy = i * stride + dy - pt, xx = j * stride + dx - pl;
                            if (yy < 0 || xx < 0 || yy >= h || xx >= w) {
                                continue;
                            }
                            for (int ch = 0; ch < c; ch++) {
                                s += x[(yy * w + xx) * c + ch] * k[((dy * kw + dx) * c + ch) * o + f];
                            }
                        }
                    }
                    y[(i * ow + j) * o + f] = (float) s;
                }
            }
        }
        return y;
    }

    /** DepthwiseConv2dNative, kernel [kh][kw][c][m], output channel ch*m + mi, SAME padding. */
    static float[] depthwise(float[] x, int h, int w, int c, float[] k, int kh, int kw, int m, int stride) {
        int oh = (h + stride - 1) / stride, ow = (w + stride - 1) / stride;
        int pt = samePadBefore(h, kh, stride), pl = samePadBefore(w, kw, stride);
        float[] y = new float[oh * ow * c * m];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int mi = 0; mi < m; mi++) {
                        double s = 0;
                        for (int dy = 0; dy < kh; dy++) {
                            for (int dx = 0; dx < kw; dx++) {
                                int yy = i * stride + dy - pt, xx = j * stride + dx - pl;
                                if (yy >= 0 && xx >= 0 && yy < h && xx < w) {
                                    s += x[(yy * w + xx) * c + ch] * k[((dy * kw + dx) * c + ch) * m + mi];
                                }
                            }
                        }
                        y[(i * ow + j) * c * m + ch * m + mi] = (float) s;
                    }
                }
            }
        }
        return y;
    }

    /** Adds a per-channel bias to an NHWC tensor with {@code c} channels, in place. */
    static float[] biasAdd(float[] x, float[] bias) {
        for (int i = 0; i < x.length; i++) {
            x[i] += bias[i % bias.length];
        }
        return x;
    }

    static float[] relu6(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(6f, Math.max(0f, x[i]));
        }
        return x;
    }

    /** PReLU with per-channel slopes (last axis). */
    static float[] prelu(float[] x, float[] alpha) {
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] >= 0 ? x[i] : alpha[i % alpha.length] * x[i];
        }
        return x;
    }

    /** Mean over H and W of [h][w][c] → [c]. */
    static float[] spatialMean(float[] x, int c) {
        float[] y = new float[c];
        int hw = x.length / c;
        for (int i = 0; i < x.length; i++) {
            y[i % c] += x[i] / hw;
        }
        return y;
    }

    /** Row vector times [n][m] matrix. */
    static float[] matVec(float[] v, float[] w, int m) {
        float[] y = new float[m];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < m; j++) {
                y[j] += v[i] * w[i * m + j];
            }
        }
        return y;
    }

    static float[] random(java.util.Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
