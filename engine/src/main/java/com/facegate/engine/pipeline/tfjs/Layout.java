package com.facegate.engine.pipeline.tfjs;

/**
 * TensorFlow keeps images NHWC and kernels HWIO; ONNX convolutions want NCHW and OIHW. The converter transposes
 * the input once and keeps activations NCHW, so constants that meet them are re-laid-out here, once, at load.
 */
final class Layout {
    private Layout() {}

    /** NHWC axis → NCHW axis. */
    static final int[] NHWC_TO_NCHW_AXIS = {0, 2, 3, 1};
    static final long[] TO_NCHW = {0, 3, 1, 2};
    static final long[] TO_NHWC = {0, 2, 3, 1};

    /** Conv2D kernel [kh, kw, in, out] → [out, in, kh, kw]. */
    static float[] hwioToOihw(float[] k, long[] s) {
        int kh = (int) s[0], kw = (int) s[1], in = (int) s[2], out = (int) s[3];
        float[] r = new float[k.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        r[((o * in + i) * kh + y) * kw + x] = k[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return r;
    }

    /**
     * Depthwise kernel [kh, kw, channels, multiplier] → [channels·multiplier, 1, kh, kw]: TF's output channel
     * c·multiplier + m is ONNX group c's m-th filter, so with group = channels the order already agrees.
     */
    static float[] depthwiseToOnnx(float[] k, long[] s) {
        int kh = (int) s[0], kw = (int) s[1], ch = (int) s[2], mult = (int) s[3];
        float[] r = new float[k.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int c = 0; c < ch; c++) {
                    for (int m = 0; m < mult; m++) {
                        r[((c * mult + m) * kh + y) * kw + x] = k[((y * kw + x) * ch + c) * mult + m];
                    }
                }
            }
        }
        return r;
    }

    /**
     * A constant that broadcasts against an NHWC activation, re-laid-out to broadcast the same way against the
     * NCHW one: right-aligned to rank 4 ([C] → [1,1,1,C]) then transposed ([1,C,1,1]). Scalars stay scalars.
     */
    static Tensor broadcastToNchw(Tensor t, String name) {
        if (t.rank() == 0) {
            return t;
        }
        if (t.rank() > 4) {
            throw new IllegalArgumentException("constant " + name + " of rank " + t.rank() + " cannot meet a 4-D activation");
        }
        long[] s = new long[] {1, 1, 1, 1};
        System.arraycopy(t.shape(), 0, s, 4 - t.rank(), t.rank());
        int n = (int) s[0], h = (int) s[1], w = (int) s[2], c = (int) s[3];
        float[] src = t.floats(name);
        float[] r = new float[src.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        r[((b * c + ch) * h + y) * w + x] = src[((b * h + y) * w + x) * c + ch];
                    }
                }
            }
        }
        return Tensor.ofFloats(new long[] {n, c, h, w}, r);
    }
}
