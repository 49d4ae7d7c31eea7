package com.facegate.engine.liveness;

import java.util.Arrays;

/**
 * Whether the eyes closed and opened again during an approach, from each frame's eye openness (the eye aspect
 * ratio of the lid and corner landmarks, ~0.3 open, under ~0.15 closed). A blink is evidence of a live face; its
 * absence is not evidence against one (people blink every 3–5 s, an approach lasts 1–2 s), so the door counts a
 * blink for a face and never against it.
 */
public final class Blink {
    /** The open eyes' level must be at least this, or the landmarks are not following the eyes. */
    public static final double MIN_OPEN = 0.18;
    /** A dip to this fraction of the open level or below is a closed eye. */
    public static final double CLOSED_FRACTION = 0.6;
    /** After the dip the eyes must come back to this fraction of the open level (a blink, not a look down). */
    public static final double REOPEN_FRACTION = 0.85;

    /** {@code open}: the open eyes' level; {@code depth}: 1 − lowest / open (0: never closed). */
    public record Result(boolean blinked, double open, double depth) {}

    private Blink() {}

    public static Result measure(double[] openness) {
        if (openness.length < 3) {
            return new Result(false, Double.NaN, 0);
        }
        double[] sorted = openness.clone();
        Arrays.sort(sorted);
        double open = sorted[(int) Math.floor(0.8 * (sorted.length - 1))];
        if (open < MIN_OPEN) {
            return new Result(false, open, 0);
        }
        int lowest = 0;
        for (int i = 1; i < openness.length; i++) {
            if (openness[i] < openness[lowest]) {
                lowest = i;
            }
        }
        double depth = 1 - openness[lowest] / open;
        boolean closedThenOpen = false;
        if (openness[lowest] <= CLOSED_FRACTION * open) {
            boolean before = false, after = false;
            for (int i = 0; i < openness.length; i++) {
                if (openness[i] >= REOPEN_FRACTION * open) {
                    before |= i < lowest;
                    after |= i > lowest;
                }
            }
            closedThenOpen = before && after;
        }
        return new Result(closedThenOpen, open, depth);
    }

    /**
     * Eye aspect ratio from the eye landmarks in pixels: mean over both eyes of lid gap over corner distance.
     * Each eye is {leftCornerX, leftCornerY, rightCornerX, rightCornerY, upX, upY, downX, downY}.
     */
    public static double openness(double[] leftEye, double[] rightEye) {
        return (ratio(leftEye) + ratio(rightEye)) / 2;
    }

    private static double ratio(double[] e) {
        double width = Math.hypot(e[2] - e[0], e[3] - e[1]);
        return width <= 0 ? 0 : Math.hypot(e[6] - e[4], e[7] - e[5]) / width;
    }
}
