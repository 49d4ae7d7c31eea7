package com.facegate.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A systemd unit file read the way systemd reads it: sections, repeated keys, backslash continuations. */
record UnitFile(String text, Map<String, Map<String, List<String>>> sections) {

    static final Path SOURCE = Path.of("facegate-device.service");

    static UnitFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static UnitFile parse(String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        String section = null;
        StringBuilder pending = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (pending != null) {
                if (line.startsWith("#") || line.startsWith(";")) {
                    continue; // systemd skips comment lines inside a continuation
                }
                pending.append(' ').append(stripContinuation(line));
                if (!line.endsWith("\\")) {
                    put(sections, section, pending.toString());
                    pending = null;
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
                continue;
            }
            if (line.endsWith("\\")) {
                pending = new StringBuilder(stripContinuation(line));
            } else {
                put(sections, section, line);
            }
        }
        return new UnitFile(text, sections);
    }

    private static String stripContinuation(String line) {
        return line.endsWith("\\") ? line.substring(0, line.length() - 1).strip() : line;
    }

    private static void put(Map<String, Map<String, List<String>>> sections, String section, String assignment) {
        int eq = assignment.indexOf('=');
        if (section == null || eq <= 0) {
            throw new IllegalArgumentException("not a unit assignment: " + assignment);
        }
        String key = assignment.substring(0, eq).strip();
        String value = assignment.substring(eq + 1).strip().replaceAll("\\s+", " ");
        sections.get(section).computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    /** Every value of a key, in file order (empty list when absent). */
    List<String> all(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The effective single value (systemd: last assignment wins), or null. */
    String get(String section, String key) {
        List<String> v = all(section, key);
        return v.isEmpty() ? null : v.get(v.size() - 1);
    }

    /** Space-separated words of all values of a list-valued key (After=, Wants=, ...). */
    List<String> words(String section, String key) {
        List<String> out = new ArrayList<>();
        for (String v : all(section, key)) {
            for (String w : v.split(" ")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** ExecStart split into arguments (the unit uses no quoting, which the tests also enforce). */
    List<String> execStart() {
        return List.of(get("Service", "ExecStart").split(" "));
    }
}
