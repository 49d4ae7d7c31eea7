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
        return transpose4(k, s, 3, 2, 0, 1);
    }

    /**
     * Depthwise kernel [kh, kw, channels, multiplier] → [channels·multiplier, 1, kh, kw]: TF's output channel
     * c·multiplier + m is ONNX group c's m-th filter, so with group = channels the order already agrees.
     */
    static float[] depthwiseToOnnx(float[] k, long[] s) {
        return transpose4(k, s, 2, 3, 0, 1);
    }

    /**
     * A row-major 4-D tensor of shape {@code s} with its axes reordered: output axis i is input axis {@code perm[i]}.
     */
    static float[] transpose4(float[] src, long[] s, int... perm) {
        int[] dim = {(int) s[0], (int) s[1], (int) s[2], (int) s[3]};
        int[] stride = {dim[1] * dim[2] * dim[3], dim[2] * dim[3], dim[3], 1};
        int[] od = {dim[perm[0]], dim[perm[1]], dim[perm[2]], dim[perm[3]]};
        int[] os = {stride[perm[0]], stride[perm[1]], stride[perm[2]], stride[perm[3]]};
        float[] r = new float[src.length];
        int o = 0;
        for (int a = 0; a < od[0]; a++) {
            for (int b = 0; b < od[1]; b++) {
                for (int c = 0; c < od[2]; c++) {
                    for (int d = 0; d < od[3]; d++) {
                        r[o++] = src[a * os[0] + b * os[1] + c * os[2] + d * os[3]];
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
            throw new IllegalArgumentException("constant " + name + " of rank " + t.rank()
                    + " cannot meet a 4-D activation");
        }
        long[] s = new long[] {1, 1, 1, 1};
        System.arraycopy(t.shape(), 0, s, 4 - t.rank(), t.rank());
        float[] r = transpose4(t.floats(name), s, 0, 3, 1, 2);
        return Tensor.ofFloats(new long[] {s[0], s[3], s[1], s[2]}, r);
    }
}
