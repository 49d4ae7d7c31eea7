package com.facegate.device.liveness;

import com.facegate.engine.Face;
import com.facegate.engine.liveness.Moire;
import java.awt.image.BufferedImage;

/** The grey pixel regions the single-frame cues read, cut from the chosen frame. */
final class FaceRegions {
    /** The framing region's side, and how much wider than the face box it looks. */
    static final int FRAMING_SIDE = 96;
    static final double FRAMING_WIDEN = 2.4;

    private FaceRegions() {}

    /**
     * {@link Moire#SIDE}² pixels at the frame's own resolution from the middle of the face (cheeks, nose, eyes),
     * the corner on the 8-pixel JPEG grid. Null when the face is smaller than that.
     */
    static float[] moireSquare(BufferedImage img, Face.BoundingBox box) {
        int n = Moire.SIDE;
        int cx = (int) ((box.left() + box.width() / 2) * img.getWidth());
        int cy = (int) ((box.top() + box.height() / 2) * img.getHeight());
        int x0 = Math.max(0, (cx - n / 2) & ~7), y0 = Math.max(0, (cy - n / 2) & ~7);
        if (box.width() * img.getWidth() < n || x0 + n > img.getWidth() || y0 + n > img.getHeight()) {
            return null;
        }
        float[] g = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                g[y * n + x] = luma(img.getRGB(x0 + x, y0 + y));
            }
        }
        return g;
    }

    /**
     * A region {@link #FRAMING_WIDEN} times the face box, sampled to {@link #FRAMING_SIDE}²; outside the frame NaN,
     * so that the frame's own edge is not taken for a picture's border.
     */
    static float[] framingRegion(BufferedImage img, Face.BoundingBox box) {
        int n = FRAMING_SIDE;
        double side = FRAMING_WIDEN * Math.max(box.width() * img.getWidth(), box.height() * img.getHeight());
        double cx = (box.left() + box.width() / 2) * img.getWidth();
        double cy = (box.top() + box.height() / 2) * img.getHeight();
        double step = side / n, x0 = cx - side / 2, y0 = cy - side / 2;
        float[] g = new float[n * n];
        for (int y = 0; y < n; y++) {
            int sy = (int) (y0 + (y + 0.5) * step);
            for (int x = 0; x < n; x++) {
                int sx = (int) (x0 + (x + 0.5) * step);
                boolean inside = sx >= 0 && sy >= 0 && sx < img.getWidth() && sy < img.getHeight();
                g[y * n + x] = inside ? luma(img.getRGB(sx, sy)) : Float.NaN;
            }
        }
        return g;
    }

    /** The face box inside {@link #framingRegion}: {top, bottom, left, right} in region pixels. */
    static int[] faceInFramingRegion(BufferedImage img, Face.BoundingBox box) {
        double w = box.width() * img.getWidth(), h = box.height() * img.getHeight();
        double side = FRAMING_WIDEN * Math.max(w, h), scale = FRAMING_SIDE / side;
        int half = FRAMING_SIDE / 2;
        return new int[] {(int) (half - h / 2 * scale), (int) Math.ceil(half + h / 2 * scale),
                (int) (half - w / 2 * scale), (int) Math.ceil(half + w / 2 * scale)};
    }

    private static float luma(int rgb) {
        return 0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff);
    }
}
