package com.facegate.engine.pipeline.tfjs;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an ONNX ModelProto (onnx.proto3) directly by field number with protobuf's CodedOutputStream, so no
 * generated ONNX classes are needed. Only what the converter emits: float/int64 initializers, nodes with
 * int/float/ints attributes, float inputs and outputs with optional symbolic dimensions.
 */
final class OnnxGraphWriter {
    /** ONNX opset the converter targets (ReduceMean takes axes as an attribute up to 17). */
    static final int OPSET = 13;
    private static final int IR_VERSION = 7; // the IR version that goes with opset 13

    private static final int FLOAT = 1, INT64 = 7; // TensorProto.DataType
    private static final int ATTR_FLOAT = 1, ATTR_INT = 2, ATTR_STRING = 3, ATTR_INTS = 7; // AttributeProto.AttributeType

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
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
        byte[] b = message(s -> {
            for (String i : in) {
                s.writeString(1, i);
            }
            s.writeString(2, out);
            s.writeString(3, op + "_" + nodeCount++);
            s.writeString(4, op);
            for (Attr a : attrs) {
                s.writeByteArray(5, attribute(a));
            }
        });
        nodes.add(b);
    }

    private static byte[] attribute(Attr a) {
        return message(s -> {
            s.writeString(1, a.name());
            if (a.i() != null) {
                s.writeInt64(3, a.i());
                s.writeInt32(20, ATTR_INT);
            } else if (a.f() != null) {
                s.writeFloat(2, a.f());
                s.writeInt32(20, ATTR_FLOAT);
            } else if (a.s() != null) {
                s.writeByteArray(4, a.s().getBytes(StandardCharsets.UTF_8));
                s.writeInt32(20, ATTR_STRING);
            } else {
                for (long v : a.ints()) {
                    s.writeInt64(8, v);
                }
                s.writeInt32(20, ATTR_INTS);
            }
        });
    }

    void floatInitializer(String name, long[] shape, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(tensor(name, shape, FLOAT, raw.array()));
    }

    void int64Initializer(String name, long[] shape, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(tensor(name, shape, INT64, raw.array()));
    }

    private static byte[] tensor(String name, long[] shape, int type, byte[] raw) {
        return message(s -> {
            for (long d : shape) {
                s.writeInt64(1, d);
            }
            s.writeInt32(2, type);
            s.writeString(8, name);
            s.writeByteArray(9, raw);
        });
    }

    /** A float graph input; a negative dimension becomes symbolic ("N" for the batch, "d<i>" for others). */
    void input(String name, long[] shape) {
        inputs.add(valueInfo(name, shape));
    }

    /** A float graph output of unspecified shape (ONNX Runtime infers it). */
    void output(String name) {
        outputs.add(valueInfo(name, null));
    }

    private static byte[] valueInfo(String name, long[] shape) {
        byte[] shapeProto = shape == null ? null : message(s -> {
            for (int i = 0; i < shape.length; i++) {
                long d = shape[i];
                String symbol = i == 0 ? "N" : "d" + i; // distinct names: unknown sizes need not be equal
                s.writeByteArray(1, message(dim -> {
                    if (d < 0) {
                        dim.writeString(2, symbol);
                    } else {
                        dim.writeInt64(1, d);
                    }
                }));
            }
        });
        byte[] tensorType = message(s -> {
            s.writeInt32(1, FLOAT);
            if (shapeProto != null) {
                s.writeByteArray(2, shapeProto);
            }
        });
        return message(s -> {
            s.writeString(1, name);
            s.writeByteArray(2, message(t -> t.writeByteArray(1, tensorType)));
        });
    }

    /** The serialised ModelProto. */
    byte[] model(String graphName) {
        byte[] graph = message(s -> {
            for (byte[] n : nodes) {
                s.writeByteArray(1, n);
            }
            s.writeString(2, graphName);
            for (byte[] t : initializers) {
                s.writeByteArray(5, t);
            }
            for (byte[] i : inputs) {
                s.writeByteArray(11, i);
            }
            for (byte[] o : outputs) {
                s.writeByteArray(12, o);
            }
        });
        return message(s -> {
            s.writeInt64(1, IR_VERSION);
            s.writeString(2, "facegate-tfjs");
            s.writeByteArray(7, graph);
            s.writeByteArray(8, message(op -> {
                op.writeString(1, "");
                op.writeInt64(2, OPSET);
            }));
        });
    }

    private interface Body {
        void write(CodedOutputStream s) throws IOException;
    }

    private static byte[] message(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(bytes);
        try {
            body.write(s);
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return bytes.toByteArray();
    }
}
