package com.facegate.engine.liveness;

/**
 * Whether straight high-contrast edges enclose the face: the border of a print or a phone's bezel held up to the
 * camera. One straight edge near a face is common (a door frame, a shelf); edges on three or four sides of it,
 * each spanning most of its side, are a picture's frame. Lines may lean up to {@link #MAX_LEAN} (a tilted print).
 */
public final class Framing {
    /** A side's edge must cover this fraction of the region's width (or height). */
    public static final double MIN_SPAN = 0.55;
    /** Luminance step (0..255) between neighbours that counts as an edge pixel. */
    public static final float EDGE_STEP = 28;
    /** Steepest lean of a border line searched, as a slope (rise over run): about 8.5°. */
    public static final double MAX_LEAN = 0.15;
    /** Sides needing an edge for a frame. */
    public static final int FRAMED_SIDES = 3;

    /** {@code spans}: the best edge's coverage above, below, left and right of the face (0..1). */
    public record Result(double[] spans) {
        public int sides() {
            int n = 0;
            for (double s : spans) {
                n += s >= MIN_SPAN ? 1 : 0;
            }
            return n;
        }

        public boolean framed() {
            return sides() >= FRAMED_SIDES;
        }
    }

    private Framing() {}

    /**
     * {@code grey}: a side × side region around the face, NaN where it lies outside the camera's frame (no edge is
     * seen next to those); {@code faceTop..faceRight}: the face box inside it, in region pixels. Edges are looked
     * for only outside the box.
     */
    public static Result measure(float[] grey, int side, int faceTop, int faceBottom, int faceLeft, int faceRight) {
        if (grey.length != side * side) {
            throw new IllegalArgumentException("need " + side + "x" + side + " grey values, got " + grey.length);
        }
        boolean[] horizontal = new boolean[side * side], vertical = new boolean[side * side];
        for (int y = 1; y < side - 1; y++) {
            for (int x = 1; x < side - 1; x++) {
                int i = y * side + x;
                horizontal[i] = Math.abs(grey[i + side] - grey[i - side]) >= EDGE_STEP;
                vertical[i] = Math.abs(grey[i + 1] - grey[i - 1]) >= EDGE_STEP;
            }
        }
        double above = bestLine(horizontal, side, 1, faceTop, true);
        double below = bestLine(horizontal, side, faceBottom, side - 1, true);
        double left = bestLine(vertical, side, 1, faceLeft, false);
        double right = bestLine(vertical, side, faceRight, side - 1, false);
        return new Result(new double[] {above, below, left, right});
    }

    /** The largest fraction of the region an (almost) straight edge line crosses, over offsets from..to. */
    private static double bestLine(boolean[] edge, int side, int from, int to, boolean rows) {
        double best = 0;
        int steps = 6;
        for (int offset = Math.max(1, from); offset < Math.min(side - 1, to); offset++) {
            for (int s = -steps; s <= steps; s++) {
                double slope = MAX_LEAN * s / steps;
                int hits = 0;
                for (int t = 0; t < side; t++) {
                    int across = (int) Math.round(offset + slope * (t - side / 2.0));
                    if (across < 1 || across >= side - 1) {
                        continue;
                    }
                    // One pixel of slack either side: a printed edge on a camera is a pixel or two wide.
                    if (hit(edge, side, rows, t, across) || hit(edge, side, rows, t, across - 1)
                            || hit(edge, side, rows, t, across + 1)) {
                        hits++;
                    }
                }
                best = Math.max(best, hits / (double) side);
            }
        }
        return best;
    }

    private static boolean hit(boolean[] edge, int side, boolean rows, int along, int across) {
        if (across < 0 || across >= side) {
            return false;
        }
        return rows ? edge[across * side + along] : edge[along * side + across];
    }
}
