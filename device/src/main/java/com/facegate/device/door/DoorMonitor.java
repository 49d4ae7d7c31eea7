package com.facegate.device.door;

import com.facegate.device.audit.AuditSink;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches the door contact: an opening without a recent authorisation (face grant, remote unlock, exit button)
 * is DOOR_FORCED; a door still open after {@code heldOpenAfter} is DOOR_HELD_OPEN; closing after an alarm is
 * DOOR_CLOSED.
 */
public final class DoorMonitor implements AutoCloseable {
    private final String doorId;
    private final AuditSink audit;
    private final Clock clock;
    private final Duration heldOpenAfter;
    private final Duration authorizedWindow;
    private final Runnable onChange;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "door-monitor");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant authorizedUntil = Instant.MIN;
    private volatile DoorStatus.Contact contact = DoorStatus.Contact.UNKNOWN;
    private ScheduledFuture<?> heldOpen;
    private boolean alarmRaised;

    public DoorMonitor(String doorId, AuditSink audit, Clock clock, Duration heldOpenAfter, Duration authorizedWindow,
                       Runnable onChange) {
        this.doorId = doorId;
        this.audit = audit;
        this.clock = clock;
        this.heldOpenAfter = heldOpenAfter;
        this.authorizedWindow = authorizedWindow;
        this.onChange = onChange;
    }

    /** Wires a contact: current state first, then every change. */
    public void watch(DoorContact c) {
        contact = c.isOpen() ? DoorStatus.Contact.OPEN : DoorStatus.Contact.CLOSED;
        c.onChange(this::contactChanged);
    }

    /** A legitimate opening is expected now (grant, remote unlock, exit button). */
    public void authorize() {
        authorizedUntil = clock.instant().plus(authorizedWindow);
    }

    public DoorStatus.Contact contact() {
        return contact;
    }

    public synchronized void contactChanged(boolean open) {
        if (open) {
            if (contact == DoorStatus.Contact.OPEN) {
                return;
            }
            contact = DoorStatus.Contact.OPEN;
            alarmRaised = false;
            if (clock.instant().isAfter(authorizedUntil)) {
                alarmRaised = true;
                audit.record(AuditEvent.of(doorId, AuditEvent.Type.DOOR_FORCED, AuditEvent.SOURCE_DEVICE,
                        clock.instant()).withReason("OPENED_WITHOUT_AUTHORIZATION"));
            }
            authorizedUntil = Instant.MIN; // one authorisation, one opening
            heldOpen = timer.schedule(this::heldOpenTooLong, heldOpenAfter.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            if (contact == DoorStatus.Contact.CLOSED) {
                return;
            }
            contact = DoorStatus.Contact.CLOSED;
            if (heldOpen != null) {
                heldOpen.cancel(false);
            }
            if (alarmRaised) {
                audit.record(AuditEvent.of(doorId, AuditEvent.Type.DOOR_CLOSED, AuditEvent.SOURCE_DEVICE,
                        clock.instant()));
            }
            alarmRaised = false;
        }
        onChange.run();
    }

    private synchronized void heldOpenTooLong() {
        if (contact == DoorStatus.Contact.OPEN) {
            alarmRaised = true;
            audit.record(AuditEvent.of(doorId, AuditEvent.Type.DOOR_HELD_OPEN, AuditEvent.SOURCE_DEVICE,
                    clock.instant()).withDetails(Map.of("afterSeconds", Long.toString(heldOpenAfter.toSeconds()))));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
