package com.facegate.engine.pipeline.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A TF.js graph model ({@code model.json} in "graph-model" format plus its weight files) as plain Java data:
 * the nodes in file order, the constants de-quantised to float (or int), the input shape and the output names.
 */
public final class TfjsGraph {
    /** One graph node; {@code inputs} are node names with any ":0" output suffix and control inputs removed. */
    public record Node(String name, String op, List<String> inputs, JsonNode attr) {
        /** An integer-list attribute ({@code strides}, {@code dilations}, ...), or null when absent. */
        public long[] ints(String key) {
            JsonNode list = attr.path(key).path("list").path("i");
            if (!attr.has(key)) {
                return null;
            }
            long[] v = new long[list.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = list.get(i).asLong();
            }
            return v;
        }

        /** A string attribute (stored base64 in the json), or {@code fallback} when absent. */
        public String string(String key, String fallback) {
            JsonNode s = attr.path(key).path("s");
            return s.isMissingNode() ? fallback : new String(Base64.getDecoder().decode(s.asText()),
                    StandardCharsets.UTF_8);
        }

        /** A string-list attribute such as {@code fused_ops}. */
        public List<String> strings(String key) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : attr.path(key).path("list").path("s")) {
                out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
            }
            return out;
        }

        public boolean bool(String key) {
            return attr.path(key).path("b").asBoolean(false);
        }

        public float number(String key, float fallback) {
            JsonNode f = attr.path(key).path("f");
            return f.isMissingNode() ? fallback : (float) f.asDouble();
        }
    }

    private final List<Node> nodes;
    private final Map<String, Tensor> constants;
    private final String input;
    private final long[] inputShape;
    private final List<String> outputs;

    private TfjsGraph(List<Node> nodes, Map<String, Tensor> constants, String input, long[] inputShape,
            List<String> outputs) {
        this.nodes = nodes;
        this.constants = constants;
        this.input = input;
        this.inputShape = inputShape;
        this.outputs = outputs;
    }

    /**
     * Parses a model.json; {@code files} returns the bytes of a weight file named in its manifest (relative path).
     * Fails with the reason when the json is not a TF.js graph model or the weights do not match the manifest.
     */
    public static TfjsGraph parse(byte[] modelJson, Function<String, byte[]> files) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(modelJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("TF.js model json is not valid json: " + e.getMessage(), e);
        }
        JsonNode topology = root.path("modelTopology").path("node");
        if (!topology.isArray() || topology.isEmpty()) {
            throw new IllegalArgumentException("not a TF.js graph model: no modelTopology.node list (format "
                    + root.path("format").asText("?") + ")");
        }
        Map<String, Tensor> constants = TfjsWeights.decode(root.path("weightsManifest"), files);
        List<Node> nodes = new ArrayList<>();
        String input = null;
        long[] inputShape = null;
        for (JsonNode n : topology) {
            List<String> inputs = new ArrayList<>();
            for (JsonNode i : n.path("input")) {
                String name = i.asText();
                if (!name.startsWith("^")) { // "^name" is a control dependency, not data
                    inputs.add(tensorName(name));
                }
            }
            Node node = new Node(n.path("name").asText(), n.path("op").asText(), List.copyOf(inputs), n.path("attr"));
            if (node.op().equals("Placeholder")) {
                if (input != null) {
                    throw new IllegalArgumentException("TF.js model has more than one input: " + input + ", "
                            + node.name());
                }
                input = node.name();
                JsonNode dims = node.attr().path("shape").path("shape").path("dim");
                inputShape = new long[dims.size()];
                for (int i = 0; i < inputShape.length; i++) {
                    inputShape[i] = dims.get(i).path("size").asLong(-1);
                }
            }
            nodes.add(node);
        }
        if (input == null) {
            throw new IllegalArgumentException("TF.js model has no Placeholder input");
        }
        List<String> outputs = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> sig = root.path("signature").path("outputs").fields();
        while (sig.hasNext()) {
            outputs.add(tensorName(sig.next().getValue().path("name").asText()));
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("TF.js model has no signature outputs");
        }
        return new TfjsGraph(List.copyOf(nodes), constants, input, inputShape, List.copyOf(outputs));
    }

    /** "node:0" and "node" name the same tensor (every op used here has one output). */
    static String tensorName(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon > 0 && ref.substring(colon + 1).chars().allMatch(Character::isDigit)
                ? ref.substring(0, colon) : ref;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Map<String, Tensor> constants() {
        return constants;
    }

    public String input() {
        return input;
    }

    public long[] inputShape() {
        return inputShape.clone();
    }

    public List<String> outputs() {
        return outputs;
    }
}
