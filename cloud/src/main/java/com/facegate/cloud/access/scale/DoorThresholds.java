package com.facegate.cloud.access.scale;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The similarity threshold in force at each door. With the engine's similarity and a false-accept target (the
 * door's, else the site's) it is {@link OperatingPoint#of} for the faces a stranger at that door can be accepted
 * as: the enrolled photos of the badges that may open it (a match to anyone else is denied DOOR_NOT_ALLOWED
 * anyway). Otherwise — Rekognition's own scores, for which AWS publishes no false-accept table, or no target — it
 * is the fixed {@code FACEGATE_MATCH_THRESHOLD} (99, AWS's guidance for access).
 *
 * <p>The face count is read from the registry (all badges, and the enrollment records, counted as faces whatever
 * their outcome — a rejected photo counted makes the threshold higher, never lower, and so does a record that cannot
 * be read — except REPLACED ones, whose face is gone, so that re-enrollments do not raise it for ever) and kept for
 * {@link #REFRESH} per door, so a container does not list the registry on every visit. A registry failure
 * propagates: the caller denies (fail secure).
 */
public final class DoorThresholds {
    /** How long a door's face count is reused: new enrollments raise the threshold within this delay. */
    public static final Duration REFRESH = Duration.ofMinutes(5);

    /** What applies at one door, and why. */
    public record Applied(double threshold, int peopleAllowed, int faces, Optional<OperatingPoint> point) {}

    private record Counted(int people, int faces, Instant at) {}

    private final CloudConfig config;
    private final Registry registry;
    private final FalseAcceptTable table;
    private final Clock clock;
    private final Map<String, Counted> counts = new ConcurrentHashMap<>();

    public DoorThresholds(CloudConfig config, Registry registry, FalseAcceptTable table, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.table = table;
        this.clock = clock;
    }

    /** The shipped engine table when the endpoint's scores are the engine's; none in AWS. */
    public static DoorThresholds of(CloudConfig config, Registry registry, Clock clock) {
        return new DoorThresholds(config, registry,
                "engine".equals(config.similarity()) ? FalseAcceptTable.shipped() : null, clock);
    }

    /** The door's stranger-accept target, or 0 when none is set. */
    public double target(Door door) {
        return door.falseAcceptTarget() != null ? door.falseAcceptTarget() : config.falseAcceptTarget();
    }

    /** The threshold for a visit at this door now. */
    public double threshold(Door door) {
        if (table == null || target(door) <= 0) {
            return config.matchThreshold();
        }
        Instant now = clock.instant();
        Counted c = counts.get(door.doorId());
        if (c == null || !now.isBefore(c.at().plus(REFRESH))) {
            c = count(door, registry.badges(), facesPerBadge(), now);
            counts.put(door.doorId(), c);
        }
        return OperatingPoint.of(table, target(door), Math.max(1, c.faces())).threshold();
    }

    /** Everything the admin is shown for each door, counted afresh. */
    public Map<String, Applied> applied(List<Door> doors) {
        List<Badge> badges = registry.badges();
        Map<String, Integer> faces = facesPerBadge();
        Instant now = clock.instant();
        Map<String, Applied> out = new HashMap<>();
        for (Door d : doors) {
            Counted c = count(d, badges, faces, now);
            Optional<OperatingPoint> p = table == null || target(d) <= 0 ? Optional.empty()
                    : Optional.of(OperatingPoint.of(table, target(d), Math.max(1, c.faces())));
            out.put(d.doorId(), new Applied(p.map(OperatingPoint::threshold).orElse((double) config.matchThreshold()),
                    c.people(), c.faces(), p));
        }
        return out;
    }

    /** Active, currently valid badges sharing a group with the door, and their enrolled photos (at least one). */
    static Counted count(Door door, List<Badge> badges, Map<String, Integer> facesPerBadge, Instant now) {
        Set<String> groups = new HashSet<>(door.allowedGroups());
        int people = 0;
        int faces = 0;
        for (Badge b : badges) {
            boolean valid = b.status() == Badge.Status.ACTIVE && b.validUntil() != null && now.isBefore(b.validUntil());
            if (valid && b.groups().stream().anyMatch(groups::contains)) {
                people++;
                faces += Math.max(1, facesPerBadge.getOrDefault(b.badgeId(), 0));
            }
        }
        return new Counted(people, faces, now);
    }

    /**
     * Enrollment records per badge ({@code registry/enrollment/{badgeId}/…}) by their keys, readable or not, less the
     * REPLACED ones: one listing. A cold container reads each record once; later listings take unchanged ones from the
     * registry's cache.
     */
    private Map<String, Integer> facesPerBadge() {
        Map<String, Integer> faces = new HashMap<>();
        for (Registry.Listed<PhotoEnrollment> listed : registry.enrollmentListing()) {
            String rest = listed.key().substring(Registry.ENROLLMENT.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                faces.merge(rest.substring(0, slash), 1, Integer::sum);
            }
            PhotoEnrollment e = listed.document();
            if (e != null && e.status() == PhotoEnrollment.Status.REPLACED) {
                faces.merge(e.badgeId(), -1, Integer::sum);
            }
        }
        return faces;
    }
}
