package com.facegate.engine.pipeline;

/** Face-box crops shared by the attribute and liveness models. */
final class Crops {
    private Crops() {}

    /** The box scaled by {@code scale} on its centre, as {x0,y0,x1,y1}. */
    static double[] scaled(Detection d, double scale) {
        double cx = (d.x1() + d.x2()) / 2.0, cy = (d.y1() + d.y2()) / 2.0, half = d.side() * scale / 2;
        return new double[] {cx - half, cy - half, cx + half, cy + half};
    }

    /**
     * The box scaled by up to {@code scale}, shrunk so it fits the frame and shifted inside it (the anti-spoofing
     * model was trained on crops with real context around the face, not padding).
     */
    static double[] scaledInside(Detection d, double scale, int w, int h) {
        double side = d.side();
        double s = Math.max(1.0, Math.min(scale, Math.min((h - 1) / side, (w - 1) / side)));
        double[] b = scaled(d, s);
        double dx = b[0] < 0 ? -b[0] : (b[2] > w - 1 ? (w - 1) - b[2] : 0);
        double dy = b[1] < 0 ? -b[1] : (b[3] > h - 1 ? (h - 1) - b[3] : 0);
        return new double[] {b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy};
    }

    static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        float sum = 0;
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
