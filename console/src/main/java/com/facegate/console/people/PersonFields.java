package com.facegate.console.people;

import com.facegate.cloud.registry.BadgeIds;
import com.facegate.console.pages.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A person's badge fields as typed by an admin (form or CSV row), checked all at once: every problem is listed, so a
 * bulk import's report names everything wrong with a row in one go.
 */
public record PersonFields(String badgeId, String name, List<String> groups, Instant validFrom, Instant validUntil,
                           List<String> problems) {
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public PersonFields {
        groups = List.copyOf(groups);
        problems = List.copyOf(problems);
    }

    /** {@code groupsText} separated by {@code ,} or {@code ;}; an empty {@code from} means now. */
    public static PersonFields check(String badge, String name, String groupsText, String from, String until,
                                     Instant now) {
        List<String> problems = new ArrayList<>();
        String id = strip(badge);
        if (!BadgeIds.isValid(id)) {
            problems.add("badge id '" + id + "': letters, digits and _ . : - (at most 64)");
        }
        String n = strip(name);
        if (n.isEmpty() || n.length() > 200) {
            problems.add("name is required (at most 200 characters)");
        }
        List<String> groups = Arrays.stream(strip(groupsText).split("[,;]")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        for (String g : groups) {
            if (!GROUP.matcher(g).matches()) {
                problems.add("group '" + g + "': letters, digits and _ . : - (at most 64)");
            }
        }
        Instant validFrom = time(problems, "valid from", from, now);
        Instant validUntil = time(problems, "valid until", until, null);
        if (validUntil == null && problems.stream().noneMatch(p -> p.startsWith("valid until"))) {
            problems.add("valid until is required");
        } else if (validUntil != null && validFrom != null && !validUntil.isAfter(validFrom)) {
            problems.add("valid until must be after valid from");
        }
        return new PersonFields(id, n, groups, validFrom, validUntil, problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    private static Instant time(List<String> problems, String field, String value, Instant fallback) {
        try {
            return Times.parse(field, value, fallback);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
