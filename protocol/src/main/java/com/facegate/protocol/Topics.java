package com.facegate.protocol;

import java.util.Optional;

/**
 * MQTT topic names. Each door may subscribe only to its own {@code decision} and {@code commands} and publish
 * only to its own {@code audit}, {@code status} and {@code captures}; brokers and IoT policies enforce exactly
 * these names.
 */
public final class Topics {
    public static final String PREFIX = "facegate/doors/";

    /** The per-door channels and who may use them ({@code captures}: the fast path's announcements). */
    public enum Kind {
        DECISION("decision", false), COMMANDS("commands", false), AUDIT("audit", true), STATUS("status", true),
        CAPTURES("captures", true);

        private final String segment;
        private final boolean doorPublishes;

        Kind(String segment, boolean doorPublishes) {
            this.segment = segment;
            this.doorPublishes = doorPublishes;
        }

        public String segment() {
            return segment;
        }

        /** True when the door publishes on this channel, false when it only subscribes. */
        public boolean doorPublishes() {
            return doorPublishes;
        }
    }

    /** A parsed per-door topic. */
    public record DoorTopic(String doorId, Kind kind) {
        public String name() {
            return topic(doorId, kind);
        }
    }

    private Topics() {}

    public static String topic(String doorId, Kind kind) {
        return PREFIX + DoorIds.require(doorId) + "/" + kind.segment();
    }

    public static String decision(String doorId) {
        return topic(doorId, Kind.DECISION);
    }

    public static String commands(String doorId) {
        return topic(doorId, Kind.COMMANDS);
    }

    public static String audit(String doorId) {
        return topic(doorId, Kind.AUDIT);
    }

    public static String status(String doorId) {
        return topic(doorId, Kind.STATUS);
    }

    public static String captures(String doorId) {
        return topic(doorId, Kind.CAPTURES);
    }

    /** Parses {@code facegate/doors/{doorId}/{kind}}; empty for anything else, wildcards included. */
    public static Optional<DoorTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String doorId = rest.substring(0, slash);
        String segment = rest.substring(slash + 1);
        if (!DoorIds.isValid(doorId)) {
            return Optional.empty();
        }
        for (Kind k : Kind.values()) {
            if (k.segment().equals(segment)) {
                return Optional.of(new DoorTopic(doorId, k));
            }
        }
        return Optional.empty();
    }
}
