package com.facegate.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.facegate.engine.onnx.OnnxProto.GraphProto;
import com.facegate.engine.onnx.OnnxProto.ModelProto;
import com.facegate.engine.onnx.OnnxProto.NodeProto;
import com.facegate.engine.onnx.OnnxProto.TensorProto;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PreluRewriteTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void aConstantSlopePreluComputesTheSameFunctionWithoutPrelu() throws Exception {
        // given a model y = PRelu(x, s) with slopes below 0, between 0 and 1, and above 1
        float[] slope = {-0.5f, 0.25f, 1.5f};
        ModelProto model = TinyOnnx.model(List.of(prelu("x", "s", "y")),
                List.of(OnnxModels.floatTensor("s", List.of(3L, 1L, 1L), slope)),
                List.of(TinyOnnx.input("x")));
        float[] x = {-2f, -0.5f, 0f, 3f, -1f, 1f, -4f, 2f, -3f, 0.5f, -0.25f, 7f};

        // when it is rewritten
        byte[] rewritten = PreluRewrite.apply(model.toByteArray());

        // then no PRelu remains, the slope constant is gone, and ONNX Runtime computes PRelu's values
        GraphProto g = ModelProto.parseFrom(rewritten).getGraph();
        assertThat(g.getNodeList()).extracting(NodeProto::getOpType).doesNotContain("PRelu")
                .contains("Relu", "Mul", "Add");
        assertThat(g.getInitializerList()).extracting(TensorProto::getName).doesNotContain("s");
        float[] got = TinyOnnx.run(rewritten, Map.of("x", x)).get("y");
        for (int i = 0; i < x.length; i++) {
            float s = slope[i / 4];
            float want = x[i] >= 0 ? x[i] : s * x[i];
            assertThat(got[i]).as("element %d", i).isCloseTo(want, within(1e-6f));
        }
        assertThat(got).containsExactly(TinyOnnx.run(model.toByteArray(), Map.of("x", x)).get("y"), within(1e-6f));
    }

    @Test
    void aPreluWhoseSlopeIsAnInputIsLeftAsItIs() {
        byte[] model = TinyOnnx.model(List.of(prelu("x", "slope", "y")), List.of(),
                List.of(TinyOnnx.input("x"), TinyOnnx.input("slope"))).toByteArray();
        assertThat(PreluRewrite.apply(model)).isSameAs(model);
    }

    @Test
    void theFaceModelsGiveTheSameOutputsAfterTheRewrite() throws Exception {
        for (String name : List.of("fr_feature", "fr_liveness")) {
            byte[] original = resource(name);
            byte[] rewritten = PreluRewrite.apply(original);
            assertThat(ModelProto.parseFrom(rewritten).getGraph().getNodeList()).extracting(NodeProto::getOpType)
                    .as(name).doesNotContain("PRelu");
            int side = name.equals("fr_feature") ? 112 : 128;
            float[] in = new float[3 * side * side];
            Random r = new Random(7);
            for (int i = 0; i < in.length; i++) {
                in[i] = name.equals("fr_feature") ? (float) r.nextGaussian() * 0.5f : r.nextFloat() * 255f;
            }
            float[] want = runOne(original, in, side), got = runOne(rewritten, in, side);
            double maxAbs = 0;
            for (float v : want) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            assertThat(got).as(name).containsExactly(want, within((float) (1e-4 * Math.max(1, maxAbs))));
        }
    }

    private static float[] runOne(byte[] model, float[] input, int side) throws Exception {
        try (OrtSession s = ENV.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(input), new long[] {1, 3, side, side});
             OrtSession.Result res = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            FloatBuffer b = ((OnnxTensor) res.get(0)).getFloatBuffer();
            float[] out = new float[b.remaining()];
            b.get(out);
            return out;
        }
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = PreluRewriteTest.class.getClassLoader()
                .getResourceAsStream("facegate/models/" + name + ".onnx")) {
            assertThat(in).as("model %s on the classpath", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static NodeProto prelu(String x, String slope, String y) {
        return NodeProto.newBuilder().setOpType("PRelu").setName("p").addInput(x).addInput(slope).addOutput(y).build();
    }

}
