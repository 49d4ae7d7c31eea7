package com.facegate.engine.pipeline.tfjs;

import com.facegate.engine.onnx.OnnxProto.AttributeProto;
import com.facegate.engine.onnx.OnnxProto.GraphProto;
import com.facegate.engine.onnx.OnnxProto.ModelProto;
import com.facegate.engine.onnx.OnnxProto.NodeProto;
import com.facegate.engine.onnx.OnnxProto.OperatorSetIdProto;
import com.facegate.engine.onnx.OnnxProto.TensorProto;
import com.facegate.engine.onnx.OnnxProto.TensorShapeProto;
import com.facegate.engine.onnx.OnnxProto.TypeProto;
import com.facegate.engine.onnx.OnnxProto.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Builds the ONNX ModelProto the converter emits (with the classes generated from src/main/proto): float/int64
 * initializers, nodes with int/float/ints/string attributes, float inputs and outputs with optional symbolic
 * dimensions.
 */
final class OnnxGraphWriter {
    /** ONNX opset the converter targets (ReduceMean takes axes as an attribute up to 17). */
    static final int OPSET = 13;
    private static final int IR_VERSION = 7; // the IR version that goes with opset 13

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int nodeCount;

    /** A node attribute: int, float, string or list of ints. */
    record Attr(String name, Long i, Float f, long[] ints, String s) {
        static Attr of(String name, long i) {
            return new Attr(name, i, null, null, null);
        }

        static Attr of(String name, float f) {
            return new Attr(name, null, f, null, null);
        }

        static Attr ints(String name, long... ints) {
            return new Attr(name, null, null, ints, null);
        }

        static Attr of(String name, String s) {
            return new Attr(name, null, null, null, s);
        }
    }

    void node(String op, List<String> in, String out, Attr... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().addAllInput(in).addOutput(out).setName(op + "_" + nodeCount++)
                .setOpType(op);
        for (Attr a : attrs) {
            n.addAttribute(attribute(a));
        }
        graph.addNode(n);
    }

    private static AttributeProto attribute(Attr a) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(a.name());
        if (a.i() != null) {
            b.setI(a.i()).setType(AttributeProto.AttributeType.INT);
        } else if (a.f() != null) {
            b.setF(a.f()).setType(AttributeProto.AttributeType.FLOAT);
        } else if (a.s() != null) {
            b.setS(ByteString.copyFromUtf8(a.s())).setType(AttributeProto.AttributeType.STRING);
        } else {
            for (long v : a.ints()) {
                b.addInts(v);
            }
            b.setType(AttributeProto.AttributeType.INTS);
        }
        return b.build();
    }

    void floatInitializer(String name, long[] shape, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        graph.addInitializer(tensor(name, shape, TensorProto.DataType.FLOAT_VALUE, raw.array()));
    }

    void int64Initializer(String name, long[] shape, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        graph.addInitializer(tensor(name, shape, TensorProto.DataType.INT64_VALUE, raw.array()));
    }

    private static TensorProto tensor(String name, long[] shape, int type, byte[] raw) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type)
                .setRawData(ByteString.copyFrom(raw));
        for (long d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A float graph input; a negative dimension becomes symbolic ("N" for the batch, "d<i>" for others). */
    void input(String name, long[] shape) {
        graph.addInput(valueInfo(name, shape));
    }

    /** A float graph output of unspecified shape (ONNX Runtime infers it). */
    void output(String name) {
        graph.addOutput(valueInfo(name, null));
    }

    private static ValueInfoProto valueInfo(String name, long[] shape) {
        TypeProto.Tensor.Builder type = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE);
        if (shape != null) {
            TensorShapeProto.Builder s = type.getShapeBuilder();
            for (int i = 0; i < shape.length; i++) {
                // Distinct names: unknown sizes need not be equal.
                s.addDim(shape[i] < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam(i == 0 ? "N" : "d" + i)
                        : TensorShapeProto.Dimension.newBuilder().setDimValue(shape[i]));
            }
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(type)).build();
    }

    /** The serialised ModelProto. */
    byte[] model(String graphName) {
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("facegate-tfjs")
                .setGraph(graph.clone().setName(graphName))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .build().toByteArray();
    }
}
