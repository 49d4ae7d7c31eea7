package com.facegate.engine.pipeline.tfjs;

import java.util.Arrays;

/** A constant tensor, row-major: float values, or integer values for int32 constants (axes, shapes). */
public record Tensor(long[] shape, float[] floats, long[] ints) {
    public static Tensor ofFloats(long[] shape, float[] v) {
        check(shape, v.length);
        return new Tensor(shape.clone(), v, null);
    }

    public static Tensor ofInts(long[] shape, long[] v) {
        check(shape, v.length);
        return new Tensor(shape.clone(), null, v);
    }

    private static void check(long[] shape, int n) {
        if (size(shape) != n) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " has " + n + " values");
        }
    }

    static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public boolean isFloat() {
        return floats != null;
    }

    public int rank() {
        return shape.length;
    }

    /** The float values, failing with the tensor's name when it holds integers. */
    float[] floats(String name) {
        if (floats == null) {
            throw new IllegalArgumentException("constant " + name + " must be float");
        }
        return floats;
    }

    long[] ints(String name) {
        if (ints == null) {
            throw new IllegalArgumentException("constant " + name + " must be integer");
        }
        return ints;
    }
}
