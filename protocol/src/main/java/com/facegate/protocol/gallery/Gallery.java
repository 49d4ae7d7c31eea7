package com.facegate.protocol.gallery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The badges allowed at this door and their face templates, as the cloud publishes them for offline use. Only
 * active badges for this door are in it; the door trusts the cloud to have applied revocations. {@code modes}: the
 * door's modes from about the time of publishing until {@code modesUntil}, in order (empty, {@code modesUntil}
 * null: not known, as from a publisher older than the field).
 */
public record Gallery(String doorId, Instant generatedAt, int dimension, Map<String, List<float[]>> badges,
                      List<ModeSpan> modes, Instant modesUntil) {
    public Gallery {
        modes = modes == null ? List.of() : List.copyOf(modes);
        if (modes.isEmpty() != (modesUntil == null)) {
            throw new IllegalArgumentException("modes and modesUntil go together");
        }
    }

    /** A gallery that says nothing of the door's modes. */
    public Gallery(String doorId, Instant generatedAt, int dimension, Map<String, List<float[]>> badges) {
        this(doorId, generatedAt, dimension, badges, List.of(), null);
    }

    public int templates() {
        return badges.values().stream().mapToInt(List::size).sum();
    }

    /** The door's mode at {@code at}; empty before the first span, from {@code modesUntil} on, or when not known. */
    public Optional<ModeSpan> modeAt(Instant at) {
        if (modesUntil == null || !at.isBefore(modesUntil)) {
            return Optional.empty();
        }
        ModeSpan found = null;
        for (ModeSpan s : modes) {
            if (s.from().isAfter(at)) {
                break;
            }
            found = s;
        }
        return Optional.ofNullable(found);
    }
}
