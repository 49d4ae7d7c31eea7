package com.facegate.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.facegate.engine.onnx.OnnxProto.GraphProto;
import com.facegate.engine.onnx.OnnxProto.ModelProto;
import com.facegate.engine.onnx.OnnxProto.NodeProto;
import com.facegate.engine.onnx.OnnxProto.OperatorSetIdProto;
import com.facegate.engine.onnx.OnnxProto.TensorProto;
import com.facegate.engine.onnx.OnnxProto.TensorShapeProto;
import com.facegate.engine.onnx.OnnxProto.TypeProto;
import com.facegate.engine.onnx.OnnxProto.ValueInfoProto;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tiny ONNX graphs over [1,3,2,2] float tensors, built and run in tests. */
final class TinyOnnx {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private TinyOnnx() {}

    static NodeProto node(String op, String output, String... inputs) {
        return NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(List.of(inputs))
                .addOutput(output).build();
    }

    static TensorProto scalar(String name, float v) {
        return OnnxModels.floatTensor(name, List.of(), new float[] {v});
    }

    static Map<String, float[]> run(byte[] model, Map<String, float[]> inputs) throws Exception {
        try (OrtSession s = ENV.createSession(model, new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            for (var e : inputs.entrySet()) {
                feeds.put(e.getKey(), OnnxTensor.createTensor(ENV, FloatBuffer.wrap(e.getValue()),
                        new long[] {1, 3, 2, 2}));
            }
            try (OrtSession.Result res = s.run(feeds)) {
                Map<String, float[]> out = new HashMap<>();
                for (var e : res) {
                    FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] v = new float[b.remaining()];
                    b.get(v);
                    out.put(e.getKey(), v);
                }
                return out;
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }

    static ValueInfoProto input(String name) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : new long[] {1, 3, 2, 2}) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    static ModelProto model(List<NodeProto> nodes, List<TensorProto> constants, List<ValueInfoProto> inputs) {
        GraphProto g = GraphProto.newBuilder().setName("g").addAllNode(nodes).addAllInitializer(constants)
                .addAllInput(inputs)
                .addOutput(ValueInfoProto.newBuilder().setName("y").setType(inputs.get(0).getType())).build();
        return ModelProto.newBuilder().setIrVersion(7).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(g).build();
    }
}
