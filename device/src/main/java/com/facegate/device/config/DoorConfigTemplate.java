package com.facegate.device.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The documented door.properties template the Pi package ships, and the key table of device/README.md, both
 * generated from {@link DoorConfigKeys}. Tests compare the checked-in files with these (and rewrite them when
 * run with {@code -Dfacegate.docs.rewrite=true}), so a new key is documented where it is declared.
 */
public final class DoorConfigTemplate {
    /** Template comment width: the file is read in terminals over SSH. */
    private static final int WIDTH = 110;
    public static final String TABLE_BEGIN = "<!-- door-config-keys:begin (generated from DoorConfigKeys) -->";
    public static final String TABLE_END = "<!-- door-config-keys:end -->";

    private DoorConfigTemplate() {}

    /** The template: header, then each section with every key's doc as comments above it. */
    public static String template() {
        StringBuilder out = new StringBuilder();
        out.append("# FaceGate door daemon configuration (installed by facegate-device; kept across upgrades).\n")
                .append("# Owner root:facegate, mode 0640: it may hold S3 keys. One \"key=value\" per line;"
                        + " comments on their own line.\n")
                .append("# After a change: sudo systemctl restart facegate-device ; problems are listed in"
                        + " journalctl -u facegate-device.\n")
                .append("# Durations: 500ms, 8s, 2m, 1h or ISO-8601 (PT8S). A commented-out key shows its"
                        + " default or an example.\n")
                .append("# Generated from com.facegate.device.config.DoorConfigKeys: change the declaration,"
                        + " not this file.\n");
        DoorSetting.Section section = null;
        for (DoorSetting<?> s : DoorConfigKeys.ALL) {
            if (s.section() != section) {
                section = s.section();
                String title = "# --- " + section.title + " ";
                out.append('\n').append(title).append("-".repeat(Math.max(3, WIDTH - title.length()))).append('\n');
            }
            for (String line : comment(s)) {
                out.append(line).append('\n');
            }
            out.append(s.shown() == DoorSetting.Shown.COMMENTED ? "#" : "").append(s.key()).append('=')
                    .append(s.templateValue()).append('\n');
        }
        return out.toString();
    }

    /** The Markdown table of every key: name, default, accepted values, meaning. */
    public static String table() {
        StringBuilder out = new StringBuilder(TABLE_BEGIN).append('\n')
                .append("| key | default | accepts | meaning |\n|---|---|---|---|\n");
        for (DoorSetting<?> s : DoorConfigKeys.ALL) {
            String key = "`" + s.key() + "`" + (s.alias() == null ? "" : " (bundle: `" + s.alias() + "`)");
            out.append("| ").append(key).append(" | ").append(cell(s.defaultText())).append(" | ")
                    .append(cell(s.accepts())).append(" | ").append(cell(s.doc().replace('\n', ' '))).append(" |\n");
        }
        return out.append(TABLE_END).append('\n').toString();
    }

    /** {@code doc} with the generated table in place of whatever stood between the markers. */
    public static String withTable(String doc) {
        int begin = doc.indexOf(TABLE_BEGIN);
        int end = doc.indexOf(TABLE_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no " + TABLE_BEGIN + " ... " + TABLE_END + " markers");
        }
        int after = end + TABLE_END.length();
        if (after < doc.length() && doc.charAt(after) == '\n') {
            after++;
        }
        return doc.substring(0, begin) + table() + doc.substring(after);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replaceAll(" +", " ");
    }

    /** Doc text as "# " lines within {@link #WIDTH}; explicit line breaks kept, with their indentation. */
    private static List<String> comment(DoorSetting<?> s) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : s.doc().split("\n")) {
            String indent = paragraph.substring(0, paragraph.length() - paragraph.stripLeading().length());
            String hang = indent.isEmpty() ? "" : indent + "          ";
            StringBuilder line = new StringBuilder("# ").append(indent);
            boolean first = true;
            for (String word : paragraph.strip().split(" ")) {
                if (!first && line.length() + 1 + word.length() > WIDTH) {
                    lines.add(line.toString());
                    line = new StringBuilder("# ").append(hang);
                    first = true;
                }
                line.append(first ? "" : " ").append(word);
                first = false;
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
