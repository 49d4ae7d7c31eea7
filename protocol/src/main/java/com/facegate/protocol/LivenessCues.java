package com.facegate.protocol;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@link CaptureMetadata#LIVENESS_CUES} text, written by the door and read by the cloud: {@code name=value}
 * pairs separated by spaces, the last one {@code failed=} with the failed cues comma-separated, or {@code none}.
 * For example {@code texture=91 blink=no motion=rigid:0.004 moire=3.2 framing=1 failed=rigid_motion}.
 */
public final class LivenessCues {
    /** fr_liveness on the chosen frame, 0..100. */
    public static final String TEXTURE = "texture";
    /** The eyes closed and opened again during the approach. */
    public static final String BLINK = "blink";
    /** The landmarks moved, and only as one plane (a held-up picture). */
    public static final String RIGID_MOTION = "rigid_motion";
    /** A periodic fine pattern in the face region (screen pixel grid). */
    public static final String MOIRE = "moire";
    /** Straight edges on three or more sides of the face (a print's border, a phone's bezel). */
    public static final String FRAMING = "framing";
    /** Written last: the failed cues, or {@code none}. */
    public static final String FAILED = "failed";
    /** S3 user metadata is ASCII and 2 KB per object in all: keep the cues short. */
    public static final int MAX_LENGTH = 200;

    private static final Pattern TEXT = Pattern.compile("([a-z_]+=[a-z0-9_.:,-]+)( [a-z_]+=[a-z0-9_.:,-]+)*");

    private LivenessCues() {}

    /** The text for these measures (in their order) and failed cues (empty: none). */
    public static String format(Map<String, String> measures, List<String> failed) {
        StringBuilder b = new StringBuilder();
        measures.forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
        b.append(FAILED).append('=').append(failed.isEmpty() ? "none" : String.join(",", failed));
        String s = b.toString();
        if (s.length() > MAX_LENGTH || !TEXT.matcher(s).matches()) {
            throw new IllegalArgumentException("liveness cues too long or not name=value text: " + s.length());
        }
        return s;
    }

    /** The pairs of well-formed text ending in {@code failed=}; empty when garbled. */
    public static Optional<Map<String, String>> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !TEXT.matcher(text).matches()) {
            return Optional.empty();
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.split(" ")) {
            int eq = pair.indexOf('=');
            pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return pairs.containsKey(FAILED) ? Optional.of(pairs) : Optional.empty();
    }

    /** The failed cues of parsed pairs (empty list: none failed). */
    public static List<String> failed(Map<String, String> pairs) {
        String f = pairs.getOrDefault(FAILED, "none");
        return f.equals("none") ? List.of() : Arrays.asList(f.split(","));
    }
}
