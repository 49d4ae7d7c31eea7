package com.facegate.engine.onnx;

import com.facegate.engine.onnx.OnnxProto.GraphProto;
import com.facegate.engine.onnx.OnnxProto.ModelProto;
import com.facegate.engine.onnx.OnnxProto.NodeProto;
import com.facegate.engine.onnx.OnnxProto.TensorProto;
import com.facegate.engine.onnx.OnnxProto.ValueInfoProto;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites each PRelu with a constant per-channel slope s as (1 − s)·Relu(x) + s·x, which is the same function.
 * ONNX Runtime's CPU provider has no blocked-layout (NCHWc) PRelu: every PRelu forced two layout conversions and
 * ran a slow broadcast kernel, about half of fr_feature's time. Relu, Mul by a per-channel constant and Add all
 * stay in the blocked layout and fuse into the convolutions (docs/face-engine.md, "Speed").
 */
public final class PreluRewrite {
    private static final String PREFIX = "facegate_prelu_";

    private PreluRewrite() {}

    /** The model with its PRelu nodes rewritten; the same bytes when it has none that can be. */
    public static byte[] apply(byte[] modelBytes) {
        ModelProto model = OnnxModels.parse(modelBytes);
        ModelProto rewritten = apply(model);
        @SuppressWarnings("ReferenceEquality") // the rewrite returns the very instance when nothing changed
        boolean unchanged = rewritten == model;
        return unchanged ? modelBytes : rewritten.toByteArray();
    }

    /** As {@link #apply(byte[])} on a parsed model; the same instance when nothing changes. */
    public static ModelProto apply(ModelProto model) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> constants = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        GraphProto.Builder out = graph.toBuilder().clearNode();
        int rewritten = 0;
        for (NodeProto node : graph.getNodeList()) {
            TensorProto slope = node.getInputCount() == 2 ? constants.get(node.getInput(1)) : null;
            if (!isPrelu(node) || slope == null || slope.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                out.addNode(node);
                continue;
            }
            float[] s = OnnxModels.floats(slope);
            float[] oneMinusS = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                oneMinusS[i] = 1f - s[i];
            }
            String p = PREFIX + rewritten++ + "_";
            String x = node.getInput(0), y = node.getOutput(0);
            out.addInitializer(OnnxModels.floatTensor(p + "s", slope.getDimsList(), s));
            out.addInitializer(OnnxModels.floatTensor(p + "t", slope.getDimsList(), oneMinusS));
            out.addNode(op("Relu", p + "relu", List.of(x), p + "r"));
            out.addNode(op("Mul", p + "mul_t", List.of(p + "r", p + "t"), p + "a"));
            out.addNode(op("Mul", p + "mul_s", List.of(x, p + "s"), p + "b"));
            out.addNode(op("Add", p + "add", List.of(p + "a", p + "b"), y));
        }
        if (rewritten == 0) {
            return model;
        }
        dropUnused(out);
        return model.toBuilder().setGraph(out).build();
    }

    private static boolean isPrelu(NodeProto n) {
        return n.getOpType().equals("PRelu") && (n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"));
    }

    /** Removes the old slopes (from the initializers and, as older models also list them, the graph inputs). */
    private static void dropUnused(GraphProto.Builder g) {
        Set<String> used = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            used.addAll(n.getInputList());
        }
        for (ValueInfoProto o : g.getOutputList()) {
            used.add(o.getName());
        }
        Set<String> dropped = new HashSet<>();
        for (int i = g.getInitializerCount() - 1; i >= 0; i--) {
            String name = g.getInitializer(i).getName();
            if (!used.contains(name)) {
                dropped.add(name);
                g.removeInitializer(i);
            }
        }
        for (int i = g.getInputCount() - 1; i >= 0; i--) {
            if (dropped.contains(g.getInput(i).getName())) {
                g.removeInput(i);
            }
        }
    }

    private static NodeProto op(String type, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(type).setName(name).addAllInput(inputs).addOutput(output).build();
    }
}
