package com.facegate.console.pages;

import com.facegate.cloud.enroll.EnrollmentHandler;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One reading of every badge with its photos' enrollment outcomes, by badge id, searched in memory. Immutable:
 * a change makes a new index ({@link #with}). Read with three listings whatever the number of badges: the badges,
 * every enrollment outcome, and the uploaded photos (a photo without an outcome yet is PENDING).
 */
public final class PeopleIndex {
    /** A badge and its photos, with the lower-case words a search looks in (id, name, each group). */
    public record Person(Badge badge, List<PhotoRow> photos, List<String> words) {
        static Person of(Badge badge, List<String> photoKeys, List<PhotoEnrollment> outcomes) {
            List<String> words = new ArrayList<>();
            words.add(badge.badgeId().toLowerCase(Locale.ROOT));
            if (badge.name() != null) {
                words.add(badge.name().toLowerCase(Locale.ROOT));
            }
            badge.groups().forEach(g -> words.add(g.toLowerCase(Locale.ROOT)));
            return new Person(badge, PhotoRow.of(photoKeys, outcomes), List.copyOf(words));
        }

        /** Whether the id, the name or a group contains the lower-case needle (an empty one matches all). */
        boolean matches(String needle) {
            return needle.isEmpty() || words.stream().anyMatch(w -> w.contains(needle));
        }
    }

    private final SortedMap<String, Person> byId;
    private final Instant readAt;

    private PeopleIndex(SortedMap<String, Person> byId, Instant readAt) {
        this.byId = Collections.unmodifiableSortedMap(byId);
        this.readAt = readAt;
    }

    /** Every badge of the registry as it is now: three listings (only new or changed documents are fetched). */
    static PeopleIndex read(Registry registry, Instant now) {
        List<Badge> badges = registry.badges();
        Map<String, List<PhotoEnrollment>> outcomes = new HashMap<>();
        for (PhotoEnrollment e : registry.allEnrollments()) {
            outcomes.computeIfAbsent(e.badgeId(), k -> new ArrayList<>()).add(e);
        }
        Map<String, List<String>> photos = new HashMap<>();
        for (String key : registry.keys(EnrollmentHandler.PREFIX)) {
            int slash = key.indexOf('/', EnrollmentHandler.PREFIX.length());
            if (slash > 0) {
                photos.computeIfAbsent(key.substring(EnrollmentHandler.PREFIX.length(), slash),
                        k -> new ArrayList<>()).add(key);
            }
        }
        TreeMap<String, Person> byId = new TreeMap<>();
        for (Badge b : badges) {
            byId.put(b.badgeId(), Person.of(b, photos.getOrDefault(b.badgeId(), List.of()),
                    outcomes.getOrDefault(b.badgeId(), List.of())));
        }
        return new PeopleIndex(byId, now);
    }

    /** One badge as it is now (three reads), empty when there is no such badge. */
    static Optional<Person> readOne(Registry registry, String badgeId) {
        if (!BadgeIds.isValid(badgeId)) {
            return Optional.empty();
        }
        return registry.badge(badgeId).map(b -> Person.of(b,
                registry.keys(EnrollmentHandler.PREFIX + badgeId + "/"), registry.enrollments(badgeId)));
    }

    /** This index with one badge replaced by what was read of it since ({@code null}: it is gone). */
    PeopleIndex with(String badgeId, Person person) {
        TreeMap<String, Person> copy = new TreeMap<>(byId);
        if (person == null) {
            copy.remove(badgeId);
        } else {
            copy.put(badgeId, person);
        }
        return new PeopleIndex(copy, readAt);
    }

    /** The people whose id, name or a group contains {@code needle} (any case), in badge id order. */
    public List<Person> matching(String needle) {
        String n = needle.toLowerCase(Locale.ROOT);
        return byId.values().stream().filter(p -> p.matches(n)).toList();
    }

    public Optional<Person> person(String badgeId) {
        return Optional.ofNullable(byId.get(badgeId));
    }

    public int size() {
        return byId.size();
    }

    /** When the listings this index was read from began (one badge's later change does not move it). */
    public Instant readAt() {
        return readAt;
    }
}
