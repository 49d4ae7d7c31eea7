package com.facegate.cloud.enroll;

import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.DoorRules;
import com.facegate.cloud.registry.Group;
import com.facegate.cloud.registry.Registry;
import com.facegate.cloud.registry.WindowText;
import com.facegate.protocol.AuditEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds or changes doors and groups: checked by {@link DoorRules}, then audited ({@code DOOR_UPDATED} /
 * {@code GROUP_UPDATED} with who asked and each changed field as {@code old -> new}) before the registry is written,
 * so that no change goes unrecorded. A put that changes nothing writes no record.
 */
public final class DoorSetup {
    private static final Logger LOG = LoggerFactory.getLogger(DoorSetup.class);
    static final String NONE = "(none)";

    private final Registry registry;
    private final AuditWriter audit;
    private final Clock clock;

    DoorSetup(Registry registry, AuditWriter audit, Clock clock) {
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    /** Returns the changed fields (empty: the door was already so); refuses a door {@link DoorRules} refuses. */
    Map<String, String> putDoor(Door door, String requestedBy) {
        DoorRules.DoorCheck check = DoorRules.check(door, null);
        if (!check.ok()) {
            throw new IllegalArgumentException("door " + door.doorId() + " not saved: " + check.problems().entrySet()
                    .stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        }
        Door old = registry.door(door.doorId()).orElse(null);
        Map<String, String> changes = new LinkedHashMap<>();
        if (old == null) {
            changes.put("created", "true");
        }
        change(changes, "name", old == null ? null : old.name(), door.name());
        change(changes, "timeZone", old == null ? null : old.timeZone(), door.timeZone());
        change(changes, "groups", old == null ? null : String.join(",", old.allowedGroups()),
                String.join(",", door.allowedGroups()));
        change(changes, "schedules", old == null ? null : schedules(old), schedules(door));
        change(changes, "falseAcceptTarget", old == null ? null : text(old.falseAcceptTarget()),
                text(door.falseAcceptTarget()));
        change(changes, "mode", old == null ? null : mode(old), mode(door));
        change(changes, "modeWindows", old == null ? null : modeWindows(old), modeWindows(door));
        if (old != null && changes.isEmpty()) {
            registry.putDoor(door); // same content; keeps a put idempotent
            return changes;
        }
        audit.write(AuditEvent.of(door.doorId(), AuditEvent.Type.DOOR_UPDATED, AuditEvent.SOURCE_CLOUD,
                clock.instant()).withRequest(null, requestedBy).withDetails(changes));
        registry.putDoor(door);
        LOG.info("door updated door={} by={} fields={}", door.doorId(), requestedBy, changes.keySet());
        return changes;
    }

    /**
     * Creates a door whose id no door has, by a conditional write ({@link Registry#createDoor}); a second create of
     * the same id, even at the same moment, is refused with {@link DoorTakenException} and audited as nothing. Here
     * the write comes before the audit (a refused create must not read as one); if the audit fails, the door is
     * removed again, so no door exists unaudited.
     */
    Map<String, String> createDoor(Door door, String requestedBy) {
        DoorRules.DoorCheck check = DoorRules.check(door, null);
        if (!check.ok()) {
            throw new IllegalArgumentException("door " + door.doorId() + " not saved: " + check.problems().entrySet()
                    .stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        }
        if (!registry.createDoor(door)) {
            throw new DoorTakenException(door.doorId());
        }
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("created", "true");
        change(changes, "name", null, door.name());
        change(changes, "timeZone", null, door.timeZone());
        change(changes, "groups", null, String.join(",", door.allowedGroups()));
        change(changes, "schedules", null, schedules(door));
        change(changes, "falseAcceptTarget", null, text(door.falseAcceptTarget()));
        change(changes, "mode", null, mode(door));
        change(changes, "modeWindows", null, modeWindows(door));
        try {
            audit.write(AuditEvent.of(door.doorId(), AuditEvent.Type.DOOR_UPDATED, AuditEvent.SOURCE_CLOUD,
                    clock.instant()).withRequest(null, requestedBy).withDetails(changes));
        } catch (RuntimeException e) {
            registry.delete(Registry.doorKey(door.doorId()));
            throw e;
        }
        LOG.info("door created door={} by={}", door.doorId(), requestedBy);
        return changes;
    }

    /** Returns the changed fields (empty: the group was already so). */
    Map<String, String> putGroup(Group group, String requestedBy) {
        Map<String, String> problems = DoorRules.checkGroup(group.name(), group.description());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("group not saved: " + String.join("; ", problems.values()));
        }
        Group old = registry.groups().stream().filter(g -> g.name().equals(group.name())).findFirst().orElse(null);
        Map<String, String> changes = new LinkedHashMap<>();
        if (old == null) {
            changes.put("created", "true");
        }
        change(changes, "description", old == null ? null : old.description(), group.description());
        if (old != null && changes.isEmpty()) {
            return changes;
        }
        changes.put("group", group.name());
        audit.write(AuditEvent.of(null, AuditEvent.Type.GROUP_UPDATED, AuditEvent.SOURCE_CLOUD, clock.instant())
                .withRequest(null, requestedBy).withDetails(changes));
        registry.putGroup(group);
        LOG.info("group updated group={} by={}", group.name(), requestedBy);
        return changes;
    }

    private static void change(Map<String, String> changes, String field, String old, String now) {
        String a = old == null || old.isEmpty() ? NONE : old;
        String b = now == null || now.isEmpty() ? NONE : now;
        if (!a.equals(b)) {
            changes.put(field, a + " -> " + b);
        }
    }

    /** In a fixed order, so that the same windows listed differently are not a change. */
    private static String schedules(Door d) {
        return d.schedules().stream().sorted(WindowText.ORDER).map(WindowText::format)
                .collect(Collectors.joining(" | "));
    }

    private static String modeWindows(Door d) {
        return d.modeWindows().stream().map(WindowText::format).sorted().collect(Collectors.joining(" | "));
    }

    private static String mode(Door d) {
        return Objects.requireNonNullElse(d.mode(), DoorMode.FACE).name();
    }

    private static String text(Double d) {
        return d == null ? null : d.toString();
    }
}
