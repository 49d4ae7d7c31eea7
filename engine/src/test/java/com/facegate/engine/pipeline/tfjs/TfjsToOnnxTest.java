package com.facegate.engine.pipeline.tfjs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import static com.facegate.engine.pipeline.tfjs.NhwcReference.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Each converted op on a tiny synthetic TF.js graph, run through ONNX Runtime and compared with a plain-Java
 * computation in TF's own layout ({@link NhwcReference}). Odd/even sizes and stride 2 make layout or padding
 * mistakes show up as wrong numbers, not just wrong shapes.
 */
class TfjsToOnnxTest {
    private static final float TOL = 1e-4f;
    private final Random random = new Random(42);

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i)
                    .isCloseTo(expected[i], within(TOL * Math.max(1, Math.abs(expected[i]))));
        }
    }

    @Test
    void stride2SameConvPadsTheOddPixelAfterAsTensorFlowDoes() {
        int h = 6, w = 5, c = 2, o = 3; // 6 → 3 needs one pixel of padding: after (bottom), not before
        float[] x = random(random, h * w * c), k = random(random, 3 * 3 * c * o);
        TinyTfjs g = new TinyTfjs().input("x", -1, h, w, c).constant("k", new long[] {3, 3, c, o}, k);
        TinyTfjs.convAttrs(g.node("y", "Conv2D", "x", "k"), 2, "SAME");
        float[] y = g.output("y").run(x, 1, h, w, c).get("y");
        assertClose(y, NhwcReference.conv2d(x, h, w, c, k, 3, 3, o, 2));
    }

    @Test
    void depthwiseConvWithChannelMultiplierKeepsTensorFlowsChannelOrder() {
        int h = 5, w = 4, c = 3, m = 2;
        float[] x = random(random, h * w * c), k = random(random, 3 * 3 * c * m);
        TinyTfjs g = new TinyTfjs().input("x", 1, h, w, c).constant("k", new long[] {3, 3, c, m}, k);
        TinyTfjs.convAttrs(g.node("y", "DepthwiseConv2dNative", "x", "k"), 2, "SAME");
        float[] y = g.output("y").run(x, 1, h, w, c).get("y");
        assertClose(y, NhwcReference.depthwise(x, h, w, c, k, 3, 3, m, 2));
    }

    @Test
    void fusedConvAppliesBiasThenRelu6() {
        int h = 4, w = 4, c = 2, o = 4;
        float[] x = random(random, h * w * c), k = random(random, 3 * 3 * c * o);
        for (int i = 0; i < k.length; i++) {
            k[i] *= 3; // push many outputs past 6 and below 0 so both clip ends are exercised
        }
        float[] bias = {0.5f, -1f, 2f, 0f};
        TinyTfjs g = new TinyTfjs().input("x", 1, h, w, c).constant("k", new long[] {3, 3, c, o}, k)
                .constant("b", new long[] {o}, bias);
        ObjectNode attr = g.node("y", "_FusedConv2D", "x", "k", "b");
        TinyTfjs.convAttrs(attr, 1, "SAME");
        TinyTfjs.strings(attr, "fused_ops", "BiasAdd", "Relu6");
        float[] y = g.output("y").run(x, 1, h, w, c).get("y");
        float[] expected = NhwcReference.relu6(
                NhwcReference.biasAdd(NhwcReference.conv2d(x, h, w, c, k, 3, 3, o, 1), bias));
        assertThat(expected).contains(6f, 0f);
        assertClose(y, expected);
    }

    @Test
    void fusedDepthwiseWithPreluUsesPerChannelSlopes() {
        int h = 3, w = 4, c = 3;
        float[] x = random(random, h * w * c), k = random(random, 3 * 3 * c);
        float[] bias = {0.1f, -0.2f, 0.3f}, alpha = {0.1f, 0.5f, 2f};
        TinyTfjs g = new TinyTfjs().input("x", 1, h, w, c).constant("k", new long[] {3, 3, c, 1}, k)
                .constant("b", new long[] {c}, bias).constant("a", new long[] {c}, alpha);
        ObjectNode attr = g.node("y", "FusedDepthwiseConv2dNative", "x", "k", "b", "a");
        TinyTfjs.convAttrs(attr, 1, "SAME");
        TinyTfjs.strings(attr, "fused_ops", "BiasAdd", "Prelu");
        float[] y = g.output("y").run(x, 1, h, w, c).get("y");
        assertClose(y, NhwcReference.prelu(
                NhwcReference.biasAdd(NhwcReference.depthwise(x, h, w, c, k, 3, 3, 1, 1), bias), alpha));
    }

    @Test
    void standalonePreluOnAnImage() {
        int h = 2, w = 3, c = 4;
        float[] x = random(random, h * w * c), alpha = {0.25f, -1f, 0f, 3f};
        TinyTfjs g = new TinyTfjs().input("x", 1, h, w, c).constant("a", new long[] {c}, alpha);
        g.node("y", "Prelu", "x", "a");
        float[] y = g.output("y").run(x, 1, h, w, c).get("y");
        assertClose(y, NhwcReference.prelu(x.clone(), alpha));
    }

    @Test
    void batchNormMulAddAndReluClipByMinimumMaximum() {
        // The faceres pattern: conv → Mul [C] → Add [C] → Relu → Minimum(6) → Maximum(0).
        int h = 3, w = 3, c = 2;
        float[] x = random(random, h * w * c);
        float[] scale = {2f, -3f}, shift = {1f, 5f};
        TinyTfjs g = new TinyTfjs().input("x", 1, h, w, c).constant("s", new long[] {c}, scale)
                .constant("t", new long[] {c}, shift).constant("six", new long[0], 6f)
                .constant("zero", new long[0], 0f);
        g.node("m", "Mul", "x", "s");
        g.node("a", "Add", "m", "t");
        g.node("r", "Relu", "a");
        g.node("lo", "Minimum", "r", "six");
        g.node("y", "Maximum", "lo", "zero");
        float[] y = g.output("y").run(x, 1, h, w, c).get("y");
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Math.max(0, Math.min(6, Math.max(0, x[i] * scale[i % c] + shift[i % c])));
        }
        assertClose(y, expected);
    }

    @Test
    void spatialMeanThenFusedMatMulHeadsSeeChannelsInTensorFlowOrder() {
        int h = 3, w = 2, c = 4, hidden = 3;
        float[] x = random(random, h * w * c), k = random(random, c * hidden), kb = random(random, hidden);
        float[] g2 = random(random, hidden * 2), g2b = random(random, 2);
        TinyTfjs g = new TinyTfjs().input("x", 1, h, w, c).constantInt("axes", new long[] {2}, 1, 2)
                .constant("k", new long[] {c, hidden}, k).constant("kb", new long[] {hidden}, kb)
                .constant("k2", new long[] {hidden, 2}, g2).constant("k2b", new long[] {2}, g2b);
        g.node("mean", "Mean", "x", "axes");
        ObjectNode fc = g.node("fc", "_FusedMatMul", "mean", "k", "kb");
        TinyTfjs.strings(fc, "fused_ops", "BiasAdd", "Relu");
        ObjectNode head = g.node("logits", "_FusedMatMul", "fc", "k2", "k2b");
        TinyTfjs.strings(head, "fused_ops", "BiasAdd");
        g.node("p", "Softmax", "logits");
        g.node("s", "Sigmoid", "logits");
        Map<String, float[]> out = g.output("mean").output("p").output("s").run(x, 1, h, w, c);

        float[] mean = NhwcReference.spatialMean(x, c);
        float[] hid = NhwcReference.biasAdd(NhwcReference.matVec(mean, k, hidden), kb);
        for (int i = 0; i < hid.length; i++) {
            hid[i] = Math.max(0, hid[i]);
        }
        float[] logits = NhwcReference.biasAdd(NhwcReference.matVec(hid, g2, 2), g2b);
        double e0 = Math.exp(logits[0]), e1 = Math.exp(logits[1]);
        assertClose(out.get("mean"), mean);
        assertClose(out.get("p"), new float[] {(float) (e0 / (e0 + e1)), (float) (e1 / (e0 + e1))});
        assertClose(out.get("s"), new float[] {(float) (1 / (1 + Math.exp(-logits[0]))),
                (float) (1 / (1 + Math.exp(-logits[1])))});
    }

    @Test
    void reshapeOfAnImageFlattensInNhwcOrder() {
        int h = 2, w = 3, c = 2;
        float[] x = random(random, h * w * c);
        TinyTfjs g = new TinyTfjs().input("x", 1, h, w, c).constantInt("shape", new long[] {2}, 1, -1);
        g.node("y", "Reshape", "x", "shape");
        assertClose(g.output("y").run(x, 1, h, w, c).get("y"), x);
    }

    @Test
    void imageOutputIsReturnedInNhwc() {
        int h = 2, w = 3, c = 2;
        float[] x = random(random, h * w * c);
        TinyTfjs g = new TinyTfjs().input("x", 1, h, w, c);
        g.node("y", "Relu", "x");
        float[] expected = x.clone();
        for (int i = 0; i < x.length; i++) {
            expected[i] = Math.max(0, x[i]);
        }
        assertClose(g.output("y").run(x, 1, h, w, c).get("y"), expected);
    }

    @Test
    void float16WeightsAreExpandedExactly() {
        // Bit patterns chosen by hand: 0.5, -1.25, 3, 65504 (largest), 2^-24 (smallest subnormal), -0.
        short[] bits = {0x3800, (short) 0xBD00, 0x4200, 0x7BFF, 0x0001, (short) 0x8000};
        float[] values = {0.5f, -1.25f, 3f, 65504f, 0x1p-24f, -0f};
        TinyTfjs g = new TinyTfjs().input("x", 1, 6).constantF16("v", new long[] {6}, bits);
        g.node("y", "Mul", "x", "v");
        float[] y = g.output("y").run(new float[] {1, 1, 1, 1, 1, 1}, 1, 6).get("y");
        assertThat(y).containsExactly(values);
        assertThat(TfjsWeights.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(TfjsWeights.halfToFloat((short) 0x7E00)).isNaN();
    }

    @Test
    void uint8AffineQuantisationIsUndone() {
        TinyTfjs g = new TinyTfjs().input("x", 1, 3).constantU8("v", new long[] {3}, 0.5f, -1f, 0, 2, 255);
        g.node("y", "Add", "x", "v");
        float[] y = g.output("y").run(new float[] {0, 0, 0}, 1, 3).get("y");
        assertClose(y, new float[] {-1f, 0f, 126.5f});
    }

    @Test
    void unknownOpIsRefusedWithItsName() {
        TinyTfjs g = new TinyTfjs().input("x", 1, 2);
        g.node("y", "FancyResizeBicubic", "x");
        g.output("y");
        assertThatThrownBy(() -> TfjsToOnnx.convert(g.graph(), "tiny"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FancyResizeBicubic")
                .hasMessageContaining("node y");
    }

    @Test
    void weightFileOfTheWrongSizeIsRefused() {
        TinyTfjs g = new TinyTfjs().input("x", 1, 2).constant("v", new long[] {2}, 1f, 2f);
        byte[] json = g.modelJson();
        assertThatThrownBy(() -> TfjsGraph.parse(json, p -> new byte[4]))
                .hasMessageContaining("too short").hasMessageContaining("v");
        assertThatThrownBy(() -> TfjsGraph.parse(json, p -> new byte[12]))
                .hasMessageContaining("4 bytes more");
        assertThatThrownBy(() -> TfjsGraph.parse("{\"format\":\"layers-model\"}".getBytes(StandardCharsets.UTF_8),
                p -> null))
                .hasMessageContaining("not a TF.js graph model");
    }
}
