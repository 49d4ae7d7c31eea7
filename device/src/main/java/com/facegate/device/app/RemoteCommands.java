package com.facegate.device.app;

import com.facegate.device.audit.AuditSink;
import com.facegate.device.offline.GalleryStore;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's commands a {@link DoorController} admitted, carried out (UNLOCK, LOCKDOWN, LIFT_LOCKDOWN, RESYNC),
 * each leaving its audit record; and the lock-down flag they set, persisted so a reboot does not lift a lock-down.
 */
final class RemoteCommands {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCommands.class);

    private final Clock clock;
    private final AuditSink audit;
    private final GalleryStore gallery;
    private final Runnable unlock;
    private final Runnable statusChanged;
    private final Function<AuditEvent.Type, AuditEvent> event;
    private final Path lockdownFile;
    private volatile boolean lockdown;

    /** {@code gallery} may be null (no RESYNC then: audited FAILED); {@code event} makes this door's records. */
    RemoteCommands(Path stateDir, Clock clock, AuditSink audit, GalleryStore gallery, Runnable unlock,
            Runnable statusChanged, Function<AuditEvent.Type, AuditEvent> event) {
        this.clock = clock;
        this.audit = audit;
        this.gallery = gallery;
        this.unlock = unlock;
        this.statusChanged = statusChanged;
        this.event = event;
        this.lockdownFile = stateDir.resolve("lockdown");
        this.lockdown = Files.exists(lockdownFile);
    }

    boolean lockdown() {
        return lockdown;
    }

    /** Carries out a command the command gate admitted. */
    void carryOut(DoorCommand c) {
        switch (c.type()) {
            case UNLOCK -> {
                unlock.run();
                audit.record(event.apply(AuditEvent.Type.REMOTE_UNLOCK).withRequest(c.requestId(), c.requestedBy())
                        .withReason(c.reason()));
            }
            case LOCKDOWN -> {
                setLockdown(true);
                audit.record(event.apply(AuditEvent.Type.LOCKDOWN).withRequest(c.requestId(), c.requestedBy())
                        .withReason(c.reason()));
            }
            case LIFT_LOCKDOWN -> {
                setLockdown(false);
                audit.record(event.apply(AuditEvent.Type.LOCKDOWN_LIFTED)
                        .withRequest(c.requestId(), c.requestedBy()).withReason(c.reason()));
            }
            case RESYNC -> {
                boolean ok = gallery != null && gallery.resync();
                audit.record(event.apply(AuditEvent.Type.RESYNC).withRequest(c.requestId(), c.requestedBy())
                        .withReason(c.reason()).withDetails(Map.of("result", ok ? "SYNCED" : "FAILED")));
            }
        }
    }

    private void setLockdown(boolean on) {
        lockdown = on;
        try {
            if (on) {
                Files.createDirectories(lockdownFile.getParent());
                Files.writeString(lockdownFile, clock.instant().toString());
            } else {
                Files.deleteIfExists(lockdownFile);
            }
        } catch (IOException e) {
            LOG.error("cannot persist lock-down flag: {}", Failures.describe(e));
        }
        statusChanged.run();
    }
}
