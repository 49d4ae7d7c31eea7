package com.facegate.engine.pipeline;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.Sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * fr_detect (an Ultra-Light RFB-320 detector): the whole frame resized to 320×240, (x−127)/128, planes in BGR order
 * (what the package's JavaScript really feeds it: canvas RGBA swapped by BGR2RGB; measured 99.47 % vs 99.27 % with
 * RGB). Boxes come out already decoded as x1,y1,x2,y2 in 0..1; we keep scores above 0.65, suppress overlaps at
 * IoU 0.4 in score order, then square each box on its centre (the landmark model expects square crops).
 */
public final class FaceDetector {
    static final int W = 320, H = 240, ANCHORS = 4420;
    static final float MIN_SCORE = 0.65f, NMS_IOU = 0.4f;
    private static final float[] MEAN = {127f, 127f, 127f};
    private static final float[] SCALE = {1 / 128f, 1 / 128f, 1 / 128f};

    private final OnnxModel model;

    public FaceDetector(OnnxModel model) {
        this.model = model;
    }

    public List<Detection> detect(BgrImage img) {
        float[] input = new float[3 * W * H];
        Sampler.colour(img, Sampler.boxMap(0, 0, img.width(), img.height(), W, H), W, H,
                Sampler.Order.BGR, Sampler.Border.CLAMP, MEAN, SCALE, input);
        var out = model.run(input, 1, 3, H, W);
        return decode(out.get("scores"), out.get("boxes"), img.width(), img.height());
    }

    static List<Detection> decode(float[] scores, float[] boxes, int imgW, int imgH) {
        int n = scores.length / 2;
        int[] idx = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (scores[2 * i + 1] > MIN_SCORE) {
                idx[kept++] = i;
            }
        }
        Integer[] order = new Integer[kept];
        for (int i = 0; i < kept; i++) {
            order[i] = idx[i];
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[2 * b + 1], scores[2 * a + 1]));
        List<float[]> picked = new ArrayList<>();
        for (int i : order) {
            float[] box = {boxes[4 * i] * imgW, boxes[4 * i + 1] * imgH, boxes[4 * i + 2] * imgW,
                    boxes[4 * i + 3] * imgH, scores[2 * i + 1]};
            if (box[2] <= box[0] || box[3] <= box[1]) {
                continue;
            }
            boolean suppressed = false;
            for (float[] p : picked) {
                if (iou(p, box) > NMS_IOU) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                picked.add(box);
            }
        }
        List<Detection> faces = new ArrayList<>(picked.size());
        for (float[] b : picked) {
            float cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
            float half = Math.max(b[2] - b[0], b[3] - b[1]) / 2;
            faces.add(new Detection(cx - half, cy - half, cx + half, cy + half, b[4]));
        }
        return faces;
    }

    static float iou(float[] a, float[] b) {
        float iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        float ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        float inter = iw * ih;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }
}
