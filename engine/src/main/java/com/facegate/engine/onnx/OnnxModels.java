package com.facegate.engine.onnx;

import com.facegate.engine.onnx.OnnxProto.ModelProto;
import com.facegate.engine.onnx.OnnxProto.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Reading and writing the parts of ONNX models the rewrites share, and the rewrites every model gets at load. */
public final class OnnxModels {
    private OnnxModels() {}

    /**
     * The model with every load-time rewrite applied ({@link PreluRewrite}, {@link ClipRewrite}), parsed and written
     * once; the same bytes when neither changes anything.
     */
    public static byte[] rewrite(byte[] modelBytes) {
        ModelProto model = parse(modelBytes);
        ModelProto rewritten = ClipRewrite.apply(PreluRewrite.apply(model));
        @SuppressWarnings("ReferenceEquality") // the rewrite returns the very instance when nothing changed
        boolean unchanged = rewritten == model;
        return unchanged ? modelBytes : rewritten.toByteArray();
    }

    static ModelProto parse(byte[] modelBytes) {
        try {
            return ModelProto.parseFrom(modelBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
    }

    static float[] floats(TensorProto t) {
        if (t.hasRawData()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[b.remaining() / Float.BYTES];
            b.asFloatBuffer().get(v);
            return v;
        }
        float[] v = new float[t.getFloatDataCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getFloatData(i);
        }
        return v;
    }

    static TensorProto floatTensor(String name, List<Long> dims, float[] values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(dims);
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }
}
