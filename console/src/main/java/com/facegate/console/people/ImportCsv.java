package com.facegate.console.people;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bulk import's CSV: a header naming the columns {@code badge, name, groups, valid_from, valid_until} (any order,
 * case and {@code _}/space/{@code -} ignored; groups separated by {@code ;}), then one person per line. RFC 4180
 * quoting, so a name may hold a comma. Only the header can make the whole file unusable; a bad line is a bad row.
 */
public final class ImportCsv {
    static final List<String> COLUMNS = List.of("badge", "name", "groups", "validfrom", "validuntil");
    static final int MAX_ROWS = 20_000;

    private ImportCsv() {}

    /** One data line: its 1-based line number and its cells by column, or why the line could not be read. */
    public record Line(int number, Map<String, String> cells, String problem) {}

    /** The data lines; throws {@link IllegalArgumentException} when the header or the file size is unusable. */
    public static List<Line> parse(String text) {
        List<List<String>> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the CSV is empty: it needs a header line " + String.join(",",
                    List.of("badge", "name", "groups", "valid_from", "valid_until")));
        }
        List<String> header = records.get(0).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT).replaceAll("[ _-]", "")).toList();
        List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the CSV header lacks column(s) " + String.join(", ", missing)
                    + " (it has: " + String.join(", ", records.get(0)) + ")");
        }
        if (records.size() - 1 > MAX_ROWS) {
            throw new IllegalArgumentException("the CSV has " + (records.size() - 1) + " rows; at most " + MAX_ROWS
                    + " per import");
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() == 1 && r.get(0).isBlank()) {
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (int c = 0; c < header.size() && c < r.size(); c++) {
                cells.put(header.get(c), r.get(c));
            }
            String problem = r.size() == header.size() ? null
                    : "line has " + r.size() + " field(s), the header " + header.size();
            lines.add(new Line(i + 1, cells, problem));
        }
        return lines;
    }

    /** RFC 4180 records; a quoted field may span lines (so record numbers are line numbers only without that). */
    static List<List<String>> records(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                out.add(record);
                record = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (any) {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }
}
