package com.facegate.engine.pipeline.tfjs;

import com.facegate.engine.pipeline.OnnxModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Builds small TF.js graph models in memory (model.json in the converter's format plus one weight file), the
 * way tfjs-converter lays them out, so each op can be run through the converter and ONNX Runtime.
 */
final class TinyTfjs {
    static final String WEIGHTS = "group1-shard1of1.bin";
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode root = json.createObjectNode();
    private final ArrayNode nodes;
    private final ArrayNode weights;
    private final ObjectNode outputs;
    private final ByteArrayOutputStream bin = new ByteArrayOutputStream();

    TinyTfjs() {
        root.put("format", "graph-model");
        nodes = root.putObject("modelTopology").putArray("node");
        ObjectNode group = root.putArray("weightsManifest").addObject();
        group.putArray("paths").add(WEIGHTS);
        weights = group.putArray("weights");
        outputs = root.putObject("signature").putObject("outputs");
    }

    TinyTfjs input(String name, long... shape) {
        ObjectNode dims = node(name, "Placeholder").putObject("shape").putObject("shape");
        ArrayNode d = dims.putArray("dim");
        for (long s : shape) {
            d.addObject().put("size", String.valueOf(s));
        }
        return this;
    }

    TinyTfjs constant(String name, long[] shape, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return weight(name, shape, "float32", null, b.array());
    }

    /** A float32 constant stored as float16 bit patterns (tfjs-converter --quantize_float16). */
    TinyTfjs constantF16(String name, long[] shape, short... bits) {
        ByteBuffer b = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(bits);
        ObjectNode q = json.createObjectNode().put("dtype", "float16").put("original_dtype", "float32");
        return weight(name, shape, "float32", q, b.array());
    }

    /** A float32 constant stored as uint8 q with value q * scale + min (--quantize_uint8). */
    TinyTfjs constantU8(String name, long[] shape, float scale, float min, int... q) {
        byte[] b = new byte[q.length];
        for (int i = 0; i < q.length; i++) {
            b[i] = (byte) q[i];
        }
        ObjectNode quant = json.createObjectNode().put("dtype", "uint8").put("scale", scale).put("min", min)
                .put("original_dtype", "float32");
        return weight(name, shape, "float32", quant, b);
    }

    TinyTfjs constantInt(String name, long[] shape, int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return weight(name, shape, "int32", null, b.array());
    }

    private TinyTfjs weight(String name, long[] shape, String dtype, ObjectNode quant, byte[] data) {
        node(name, "Const");
        ObjectNode w = weights.addObject().put("name", name).put("dtype", dtype);
        ArrayNode s = w.putArray("shape");
        for (long d : shape) {
            s.add(d);
        }
        if (quant != null) {
            w.set("quantization", quant);
        }
        bin.writeBytes(data);
        return this;
    }

    /** Adds a node and returns its attr object for the caller to fill. */
    ObjectNode node(String name, String op, String... inputs) {
        ObjectNode n = nodes.addObject().put("name", name).put("op", op);
        ArrayNode in = n.putArray("input");
        for (String i : inputs) {
            in.add(i);
        }
        return n.putObject("attr");
    }

    static void ints(ObjectNode attr, String key, long... v) {
        ArrayNode a = attr.putObject(key).putObject("list").putArray("i");
        for (long x : v) {
            a.add(String.valueOf(x));
        }
    }

    static void string(ObjectNode attr, String key, String v) {
        attr.putObject(key).put("s", Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
    }

    static void strings(ObjectNode attr, String key, String... v) {
        ArrayNode a = attr.putObject(key).putObject("list").putArray("s");
        for (String s : v) {
            a.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** A convolution node's attributes as tfjs-converter writes them. */
    static void convAttrs(ObjectNode attr, int stride, String padding) {
        ints(attr, "strides", 1, stride, stride, 1);
        ints(attr, "dilations", 1, 1, 1, 1);
        string(attr, "padding", padding);
        string(attr, "data_format", "NHWC");
    }

    TinyTfjs output(String name) {
        outputs.putObject(name + ":0").put("name", name + ":0");
        return this;
    }

    byte[] modelJson() {
        try {
            return json.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    TfjsGraph graph() {
        byte[] weightBytes = bin.toByteArray();
        return TfjsGraph.parse(modelJson(), path -> path.equals(WEIGHTS) ? weightBytes : null);
    }

    /** Converts, loads into ONNX Runtime and runs once on {@code input}; outputs by TF name. */
    Map<String, float[]> run(float[] input, long... shape) {
        try (OnnxModel m = OnnxModel.fromBytes("tiny", TfjsToOnnx.convert(graph(), "tiny"))) {
            return m.run(input, shape);
        }
    }
}
