package com.facegate.engine.onnx;

import com.facegate.engine.onnx.OnnxProto.ModelProto;
import com.facegate.engine.onnx.OnnxProto.NodeProto;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.facegate.engine.onnx.TinyOnnx.node;
import static com.facegate.engine.onnx.TinyOnnx.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClipRewriteTest {
    private static final float[] X = {-9f, -1f, -0.1f, 0f, 0.5f, 2f, 5.9f, 6f, 6.1f, 7f, 100f, -100f};

    @Test
    void reluMinMaxBecomesOneClipWithTheSameValues() throws Exception {
        // given ReLU6 as TensorFlow exports it: Relu → Min(·, 6) → Max(·, 0)
        ModelProto model = TinyOnnx.model(List.of(node("Relu", "r", "x"), node("Min", "m", "r", "six"),
                node("Max", "y", "m", "zero")), List.of(scalar("six", 6f), scalar("zero", 0f)),
                List.of(TinyOnnx.input("x")));

        // when
        byte[] rewritten = ClipRewrite.apply(model.toByteArray());

        // then one Clip remains and ONNX Runtime gives min(max(x, 0), 6)
        assertThat(ModelProto.parseFrom(rewritten).getGraph().getNodeList()).extracting(NodeProto::getOpType)
                .containsExactly("Clip");
        float[] got = TinyOnnx.run(rewritten, Map.of("x", X)).get("y");
        for (int i = 0; i < X.length; i++) {
            assertThat(got[i]).as("x=%s", X[i]).isEqualTo(Math.min(Math.max(X[i], 0f), 6f));
        }
    }

    @Test
    void maxThenMinWithANegativeFloorKeepsTheRelu() throws Exception {
        // Relu(x) clipped to [-1, 3]: with a floor below 0 the Relu is not part of the clip, so it stays.
        ModelProto model = TinyOnnx.model(List.of(node("Relu", "r", "x"), node("Max", "m", "lo", "r"),
                node("Min", "y", "m", "hi")), List.of(scalar("lo", -1f), scalar("hi", 3f)),
                List.of(TinyOnnx.input("x")));
        byte[] rewritten = ClipRewrite.apply(model.toByteArray());
        assertThat(ModelProto.parseFrom(rewritten).getGraph().getNodeList()).extracting(NodeProto::getOpType)
                .containsExactly("Relu", "Clip");
        assertThat(TinyOnnx.run(rewritten, Map.of("x", X)).get("y"))
                .containsExactly(TinyOnnx.run(model.toByteArray(), Map.of("x", X)).get("y"), within(0f));
    }

    @Test
    void chainsThatAreNotAClipAreLeftAlone() {
        // an intermediate used twice, bounds the wrong way round, and a second tensor instead of a constant
        byte[] sharedMin = TinyOnnx.model(List.of(node("Min", "m", "x", "six"), node("Max", "a", "m", "zero"),
                node("Add", "y", "a", "m")), List.of(scalar("six", 6f), scalar("zero", 0f)),
                List.of(TinyOnnx.input("x"))).toByteArray();
        byte[] empty = TinyOnnx.model(List.of(node("Min", "m", "x", "zero"), node("Max", "y", "m", "six")),
                List.of(scalar("six", 6f), scalar("zero", 0f)), List.of(TinyOnnx.input("x"))).toByteArray();
        byte[] twoInputs = TinyOnnx.model(List.of(node("Min", "m", "x", "z"), node("Max", "y", "m", "zero")),
                List.of(scalar("zero", 0f)), List.of(TinyOnnx.input("x"), TinyOnnx.input("z"))).toByteArray();
        assertThat(ClipRewrite.apply(sharedMin)).isSameAs(sharedMin);
        assertThat(ClipRewrite.apply(empty)).isSameAs(empty);
        assertThat(ClipRewrite.apply(twoInputs)).isSameAs(twoInputs);
    }
}
