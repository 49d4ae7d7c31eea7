package com.facegate.engine.pipeline.tfjs;

import com.facegate.engine.pipeline.tfjs.OnnxGraphWriter.Attr;
import com.facegate.engine.pipeline.tfjs.TfjsGraph.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a TF.js graph model to an ONNX model in memory. The NHWC input is transposed to NCHW once and
 * activations stay NCHW; kernels and broadcast constants are re-laid-out at conversion. Outputs keep their
 * TF names (without ":0") and TF layout. Handles the ops of the Human library's faceres model and the fused
 * variants TF.js produces for the same layers; any other op is refused with its name.
 */
public final class TfjsToOnnx {
    /** An ONNX tensor standing for a TF tensor; {@code nchw} marks a 4-D activation kept channels-first. */
    private record Value(String name, boolean nchw) {}

    private final TfjsGraph graph;
    private final OnnxGraphWriter out = new OnnxGraphWriter();
    private final Map<String, Value> values = new HashMap<>();
    private final Set<String> initializers = new HashSet<>();
    private final Set<String> outputs;

    private TfjsToOnnx(TfjsGraph graph) {
        this.graph = graph;
        this.outputs = new HashSet<>(graph.outputs());
    }

    /** The serialised ONNX ModelProto equivalent to {@code graph}. */
    public static byte[] convert(TfjsGraph graph, String name) {
        return new TfjsToOnnx(graph).run(name);
    }

    private byte[] run(String name) {
        long[] shape = graph.inputShape();
        out.input(graph.input(), shape);
        if (shape.length == 4) {
            String nchw = graph.input() + "/nchw";
            out.node("Transpose", List.of(graph.input()), nchw, Attr.ints("perm", Layout.TO_NCHW));
            values.put(graph.input(), new Value(nchw, true));
        } else {
            values.put(graph.input(), new Value(graph.input(), false));
        }
        for (Node n : graph.nodes()) {
            try {
                convert(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TF.js node " + n.name() + " (" + n.op() + "): "
                        + e.getMessage(), e);
            }
        }
        for (String o : graph.outputs()) {
            Value v = value(o);
            if (v.nchw()) {
                out.node("Transpose", List.of(v.name()), o, Attr.ints("perm", Layout.TO_NHWC));
            } else if (!v.name().equals(o)) {
                out.node("Identity", List.of(v.name()), o);
            }
            out.output(o);
        }
        return out.model(name);
    }

    private void convert(Node n) {
        switch (n.op()) {
            case "Placeholder" -> { } // handled as the graph input
            case "Const" -> {
                if (!graph.constants().containsKey(n.name())) {
                    throw new IllegalArgumentException("constant has no value in the weights manifest");
                }
            }
            case "Identity" -> values.put(n.name(), value(n.inputs().get(0)));
            case "Conv2D", "_FusedConv2D" -> conv(n, false);
            case "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> conv(n, true);
            case "MatMul", "_FusedMatMul" -> matMul(n);
            case "BiasAdd", "Add", "AddV2" -> binary(n, "Add");
            case "Sub" -> binary(n, "Sub");
            case "Mul" -> binary(n, "Mul");
            case "RealDiv" -> binary(n, "Div");
            case "Minimum" -> binary(n, "Min");
            case "Maximum" -> binary(n, "Max");
            case "Relu", "Relu6", "Sigmoid", "Tanh", "Elu", "LeakyRelu", "Prelu" -> {
                Value x = value(n.inputs().get(0));
                String alpha = n.op().equals("Prelu") ? n.inputs().get(1) : null;
                activation(n.op(), x, alpha, n.number("alpha", 0.2f), name(n, x.nchw()));
                values.put(n.name(), new Value(name(n, x.nchw()), x.nchw()));
            }
            case "ClipByValue" -> {
                Value x = value(n.inputs().get(0));
                out.node("Clip", List.of(x.name(), operand(n.inputs().get(1), false).name(),
                        operand(n.inputs().get(2), false).name()),
                        name(n, x.nchw()));
                values.put(n.name(), new Value(name(n, x.nchw()), x.nchw()));
            }
            case "Softmax" -> {
                Value x = value(n.inputs().get(0));
                requirePlain(x, "Softmax");
                out.node("Softmax", List.of(x.name()), name(n, false), Attr.of("axis", -1L));
                values.put(n.name(), new Value(name(n, false), false));
            }
            case "Mean" -> mean(n);
            case "Reshape" -> reshape(n);
            default -> throw new IllegalArgumentException("unsupported TF.js op " + n.op()
                    + " (supported: Conv2D, DepthwiseConv2dNative and their fused forms, MatMul, _FusedMatMul, "
                    + "BiasAdd, "
                    + "Add, Sub, Mul, RealDiv, Minimum, Maximum, Relu, Relu6, Prelu, LeakyRelu, Elu, Sigmoid, Tanh, "
                    + "ClipByValue, Softmax, Mean, Reshape, Identity)");
        }
    }

    /** The ONNX name for a node's result: an output that stays NCHW is renamed so the TF name can carry NHWC. */
    private String name(Node n, boolean nchw) {
        return nchw && outputs.contains(n.name()) ? n.name() + "/nchw" : n.name();
    }

    private Value value(String tfName) {
        Value v = values.get(tfName);
        if (v == null) {
            if (graph.constants().containsKey(tfName)) {
                return operand(tfName, false);
            }
            throw new IllegalArgumentException("input " + tfName + " is not produced by an earlier node");
        }
        return v;
    }

    private static void requirePlain(Value x, String what) {
        if (x.nchw()) {
            throw new IllegalArgumentException(what + " on a 4-D image tensor is not supported (layout would differ)");
        }
    }

    /** A constant as an ONNX initializer, re-laid-out when it broadcasts against an NCHW activation. */
    private Value operand(String tfName, boolean againstNchw) {
        Tensor t = graph.constants().get(tfName);
        if (t == null) {
            throw new IllegalArgumentException("input " + tfName + " is not a constant");
        }
        boolean relayout = againstNchw && t.rank() > 0;
        String name = relayout ? tfName + "/nchw" : tfName;
        if (initializers.add(name)) {
            if (!t.isFloat()) {
                out.int64Initializer(name, t.shape(), t.ints());
            } else {
                Tensor l = relayout ? Layout.broadcastToNchw(t, tfName) : t;
                out.floatInitializer(name, l.shape(), l.floats());
            }
        }
        return new Value(name, false);
    }

    private void binary(Node n, String onnxOp) {
        String a = n.inputs().get(0), b = n.inputs().get(1);
        boolean aConst = !values.containsKey(a) && graph.constants().containsKey(a);
        boolean bConst = !values.containsKey(b) && graph.constants().containsKey(b);
        Value va = aConst ? null : value(a), vb = bConst ? null : value(b);
        boolean nchw = (va != null && va.nchw()) || (vb != null && vb.nchw());
        if (va != null && vb != null && va.nchw() != vb.nchw()) {
            throw new IllegalArgumentException("operands " + a + " and " + b + " have different layouts");
        }
        if (aConst) {
            va = operand(a, nchw);
        }
        if (bConst) {
            vb = operand(b, nchw);
        }
        out.node(onnxOp, List.of(va.name(), vb.name()), name(n, nchw));
        values.put(n.name(), new Value(name(n, nchw), nchw));
    }

    private void conv(Node n, boolean depthwise) {
        Value x = value(n.inputs().get(0));
        if (!x.nchw()) {
            throw new IllegalArgumentException("convolution input must be a 4-D NHWC image tensor");
        }
        if (!n.string("data_format", "NHWC").equals("NHWC")) {
            throw new IllegalArgumentException("data_format " + n.string("data_format", "")
                    + " is not supported (NHWC only)");
        }
        String filterName = n.inputs().get(1);
        Tensor filter = graph.constants().get(filterName);
        if (filter == null || filter.rank() != 4) {
            throw new IllegalArgumentException("filter " + filterName + " must be a 4-D constant");
        }
        long[] s = filter.shape();
        long outChannels = depthwise ? s[2] * s[3] : s[3];
        String w = filterName + "/onnx";
        if (initializers.add(w)) {
            float[] k = depthwise ? Layout.depthwiseToOnnx(filter.floats(filterName), s)
                    : Layout.hwioToOihw(filter.floats(filterName), s);
            long[] shape = depthwise ? new long[] {outChannels, 1, s[0], s[1]} : new long[] {s[3], s[2], s[0], s[1]};
            out.floatInitializer(w, shape, k);
        }
        List<String> ins = new ArrayList<>(List.of(x.name(), w));
        // ONNX Conv's B is a plain [out] vector, as TF's fused bias is.
        String act = fusedBias(n, n.op().startsWith("_Fused") || n.op().startsWith("Fused"), ins);
        List<Attr> attrs = new ArrayList<>();
        long[] strides = n.ints("strides"), dilations = n.ints("dilations");
        attrs.add(Attr.ints("strides", strides == null ? 1 : strides[1], strides == null ? 1 : strides[2]));
        attrs.add(Attr.ints("dilations", dilations == null ? 1 : dilations[1], dilations == null ? 1 : dilations[2]));
        attrs.add(Attr.ints("kernel_shape", s[0], s[1]));
        attrs.add(Attr.of("group", depthwise ? s[2] : 1L));
        String padding = n.string("padding", "VALID");
        switch (padding) {
            // TF puts the odd extra pixel after, as SAME_UPPER
            case "SAME" -> attrs.add(Attr.of("auto_pad", "SAME_UPPER"));
            case "VALID" -> attrs.add(Attr.ints("pads", 0, 0, 0, 0));
            case "EXPLICIT" -> {
                long[] p = n.ints("explicit_paddings"); // NHWC pairs: [0,0, top,bottom, left,right, 0,0]
                attrs.add(Attr.ints("pads", p[2], p[4], p[3], p[5]));
            }
            default -> throw new IllegalArgumentException("padding " + padding + " is not supported");
        }
        String convOut = act != null ? n.name() + "/conv" : name(n, true);
        out.node("Conv", ins, convOut, attrs.toArray(Attr[]::new));
        fusedActivation(n, act, new Value(convOut, true));
    }

    private void matMul(Node n) {
        Value a = value(n.inputs().get(0));
        requirePlain(a, "MatMul");
        String bName = n.inputs().get(1);
        Value b = graph.constants().containsKey(bName) && !values.containsKey(bName) ? operand(bName, false)
                : value(bName);
        List<String> ins = new ArrayList<>(List.of(a.name(), b.name()));
        String act = fusedBias(n, n.op().equals("_FusedMatMul"), ins);
        String gemmOut = act != null ? n.name() + "/gemm" : name(n, false);
        out.node("Gemm", ins, gemmOut, Attr.of("transA", n.bool("transpose_a") ? 1L : 0L),
                Attr.of("transB", n.bool("transpose_b") ? 1L : 0L));
        fusedActivation(n, act, new Value(gemmOut, false));
    }

    /**
     * A fused node's {@code fused_ops}: BiasAdd first (its bias, input 2, appended to {@code ins}) and at most one
     * activation, which is returned (null when none).
     */
    private String fusedBias(Node n, boolean fusedOp, List<String> ins) {
        List<String> fused = fusedOp ? n.strings("fused_ops") : List.of();
        if (fused.isEmpty()) {
            return null;
        }
        if (!fused.get(0).equals("BiasAdd")) {
            throw new IllegalArgumentException("fused ops " + fused + " are not supported (BiasAdd first expected)");
        }
        if (fused.size() > 2) {
            throw new IllegalArgumentException("fused ops " + fused
                    + " are not supported (BiasAdd and one activation at most)");
        }
        ins.add(operand(n.inputs().get(2), false).name());
        return fused.size() > 1 ? fused.get(1) : null;
    }

    /** Applies a fused node's activation (if any) to its raw result and records the node's value. */
    private void fusedActivation(Node n, String act, Value raw) {
        if (act != null) {
            String alpha = act.equals("Prelu") ? n.inputs().get(3) : null;
            activation(act, raw, alpha, n.number("leakyrelu_alpha", 0.2f), name(n, raw.nchw()));
        }
        values.put(n.name(), new Value(name(n, raw.nchw()), raw.nchw()));
    }

    private void activation(String op, Value x, String alpha, float leak, String result) {
        switch (op) {
            case "Relu" -> out.node("Relu", List.of(x.name()), result);
            case "Sigmoid" -> out.node("Sigmoid", List.of(x.name()), result);
            case "Tanh" -> out.node("Tanh", List.of(x.name()), result);
            case "Elu" -> out.node("Elu", List.of(x.name()), result);
            case "LeakyRelu" -> out.node("LeakyRelu", List.of(x.name()), result, Attr.of("alpha", leak));
            case "Relu6" -> {
                String zero = scalar(0f), six = scalar(6f);
                out.node("Clip", List.of(x.name(), zero, six), result);
            }
            case "Prelu" -> out.node("PRelu", List.of(x.name(), operand(alpha, x.nchw()).name()), result);
            default -> throw new IllegalArgumentException("fused activation " + op + " is not supported");
        }
    }

    private String scalar(float v) {
        String name = "facegate/scalar/" + v;
        if (initializers.add(name)) {
            out.floatInitializer(name, new long[0], new float[] {v});
        }
        return name;
    }

    private void mean(Node n) {
        Value x = value(n.inputs().get(0));
        Tensor axesConstant = graph.constants().get(n.inputs().get(1));
        if (axesConstant == null) {
            throw new IllegalArgumentException("reduction axes must be a constant");
        }
        long[] axes = axesConstant.ints(n.inputs().get(1));
        boolean keep = n.bool("keep_dims");
        long[] onnxAxes = axes.clone();
        if (x.nchw()) {
            boolean[] reduced = new boolean[4];
            for (int i = 0; i < axes.length; i++) {
                int a = (int) (axes[i] < 0 ? axes[i] + 4 : axes[i]);
                reduced[a] = true;
                onnxAxes[i] = Layout.NHWC_TO_NCHW_AXIS[a];
            }
            // Without keep_dims the kept axes must come out in the same order in both layouts.
            if (!keep && !reduced[3] && (!reduced[1] || !reduced[2])) {
                throw new IllegalArgumentException("Mean over axes " + Arrays.toString(axes)
                        + " without keep_dims is not supported");
            }
        }
        Arrays.sort(onnxAxes);
        boolean nchw = x.nchw() && keep;
        out.node("ReduceMean", List.of(x.name()), name(n, nchw), Attr.ints("axes", onnxAxes),
                Attr.of("keepdims", keep ? 1L : 0L));
        values.put(n.name(), new Value(name(n, nchw), nchw));
    }

    private void reshape(Node n) {
        Value x = value(n.inputs().get(0));
        String in = x.name();
        if (x.nchw()) { // TF reshapes the NHWC element order: go back to it first
            in = n.name() + "/nhwc";
            out.node("Transpose", List.of(x.name()), in, Attr.ints("perm", Layout.TO_NHWC));
        }
        Value shape = operand(n.inputs().get(1), false);
        out.node("Reshape", List.of(in, shape.name()), name(n, false));
        values.put(n.name(), new Value(name(n, false), false));
    }
}
