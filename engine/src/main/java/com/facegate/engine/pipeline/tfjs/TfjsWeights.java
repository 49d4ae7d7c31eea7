package com.facegate.engine.pipeline.tfjs;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes the weights of a TF.js model as its manifest describes them: each group's files concatenated, each
 * weight taking its bytes in manifest order, little-endian. float16 and uint8/uint16 affine quantisation
 * ({@code q * scale + min}) are expanded back to float32 because ONNX Runtime's CPU kernels want float32.
 */
final class TfjsWeights {
    private TfjsWeights() {}

    static Map<String, Tensor> decode(JsonNode manifest, Function<String, byte[]> files) {
        if (!manifest.isArray()) {
            throw new IllegalArgumentException("TF.js model has no weightsManifest");
        }
        Map<String, Tensor> out = new HashMap<>();
        for (JsonNode group : manifest) {
            ByteBuffer data = ByteBuffer.wrap(concat(group.path("paths"), files)).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : group.path("weights")) {
                String name = w.path("name").asText();
                long[] shape = shape(w.path("shape"));
                int n = Math.toIntExact(Tensor.size(shape));
                try {
                    out.put(name, read(data, w, shape, n));
                } catch (java.nio.BufferUnderflowException e) {
                    throw new IllegalArgumentException("TF.js weight file too short: ends inside weight " + name);
                }
            }
            if (data.hasRemaining()) {
                throw new IllegalArgumentException("TF.js weight files " + group.path("paths") + " have "
                        + data.remaining() + " bytes more than the manifest describes");
            }
        }
        return out;
    }

    private static Tensor read(ByteBuffer data, JsonNode w, long[] shape, int n) {
        String name = w.path("name").asText();
        String dtype = w.path("dtype").asText();
        JsonNode q = w.path("quantization");
        if (!q.isMissingNode()) {
            if (!dtype.equals("float32")) {
                throw new IllegalArgumentException("weight " + name + ": quantised " + dtype + " is not supported");
            }
            String stored = q.path("dtype").asText();
            float[] v = new float[n];
            switch (stored) {
                case "float16" -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = halfToFloat(data.getShort());
                    }
                }
                case "uint8", "uint16" -> {
                    float scale = (float) q.path("scale").asDouble(Double.NaN),
                            min = (float) q.path("min").asDouble(Double.NaN);
                    if (Float.isNaN(scale) || Float.isNaN(min)) {
                        throw new IllegalArgumentException("weight " + name + ": " + stored
                                + " quantisation needs scale and min");
                    }
                    for (int i = 0; i < n; i++) {
                        int raw = stored.equals("uint8") ? Byte.toUnsignedInt(data.get())
                                : Short.toUnsignedInt(data.getShort());
                        v[i] = raw * scale + min;
                    }
                }
                default -> throw new IllegalArgumentException("weight " + name + ": quantisation dtype " + stored
                        + " is not supported");
            }
            return Tensor.ofFloats(shape, v);
        }
        switch (dtype) {
            case "float32" -> {
                float[] v = new float[n];
                data.asFloatBuffer().get(v);
                data.position(data.position() + 4 * n);
                return Tensor.ofFloats(shape, v);
            }
            case "int32" -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = data.getInt();
                }
                return Tensor.ofInts(shape, v);
            }
            default -> throw new IllegalArgumentException("weight " + name + ": dtype " + dtype + " is not supported");
        }
    }

    private static byte[] concat(JsonNode paths, Function<String, byte[]> files) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonNode p : paths) {
            byte[] b = files.apply(p.asText());
            if (b == null) {
                throw new IllegalArgumentException("TF.js weight file " + p.asText() + " not found");
            }
            all.writeBytes(b);
        }
        return all.toByteArray();
    }

    private static long[] shape(JsonNode dims) {
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).asLong();
            if (s[i] < 0) {
                throw new IllegalArgumentException("weight shape " + dims + " has a negative dimension");
            }
        }
        return s;
    }

    /** IEEE 754 binary16 to float32, subnormals, infinities and NaN included (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero): mant * 2^-24
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
