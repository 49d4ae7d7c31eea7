package com.facegate.cloud.enroll;

import com.facegate.cloud.access.DecisionPublisher;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.DoorIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin's door commands (remote unlock, lock-down, lift): checked, published, audited with their outcome. */
public final class DoorCommands {
    private static final Logger LOG = LoggerFactory.getLogger(DoorCommands.class);
    /** Detail of a door command's cloud record: {@link #DELIVERY_SENT} or {@link #DELIVERY_FAILED}. */
    public static final String DETAIL_DELIVERY = "delivery";
    /** The IoT data plane accepted the command (QoS 1) for the door's commands topic. */
    public static final String DELIVERY_SENT = "SENT";
    /** The publish failed: the door never got the command; {@link #DETAIL_DELIVERY_ERROR} names the failure. */
    public static final String DELIVERY_FAILED = "FAILED";
    public static final String DETAIL_DELIVERY_ERROR = "deliveryError";
    private static final String DETAIL_EXPIRES_AT = "expiresAt";

    private final Registry registry;
    private final AuditWriter audit;
    private final DecisionPublisher publisher;
    private final Clock clock;

    DoorCommands(Registry registry, AuditWriter audit, DecisionPublisher publisher, Clock clock) {
        this.registry = registry;
        this.audit = audit;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Publishes, then writes the one cloud record of this requestId saying what happened: {@code delivery=SENT},
     * or {@code delivery=FAILED} with {@code deliveryError} (the failure's class) and a
     * {@link CommandNotDeliveredException} to the caller. Written after the publish so that it is never "sent" for a
     * command the broker refused; a command sent but not recorded here (crash, audit store down) is still audited by
     * the door when it acts on it, with the same requestId.
     */
    DoorCommand send(String doorId, DoorCommand.Type type, String requestedBy, String reason,
            Duration ttl) {
        DoorIds.require(doorId);
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(BadgeAdmin.MAX_UNLOCK_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be within (0, " + BadgeAdmin.MAX_UNLOCK_TTL + "]");
        }
        if (registry.door(doorId).isEmpty()) {
            throw new IllegalArgumentException("no such door: " + doorId);
        }
        DoorCommand command = DoorCommand.of(doorId, type, requestedBy, reason, clock.instant(), ttl);
        if (!command.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", command.problems()));
        }
        AuditEvent.Type audited = switch (type) {
            case UNLOCK -> AuditEvent.Type.REMOTE_UNLOCK;
            case LOCKDOWN -> AuditEvent.Type.LOCKDOWN;
            case LIFT_LOCKDOWN -> AuditEvent.Type.LOCKDOWN_LIFTED;
            case RESYNC -> AuditEvent.Type.RESYNC;
        };
        AuditEvent record = AuditEvent.of(doorId, audited, AuditEvent.SOURCE_CLOUD, command.issuedAt())
                .withRequest(command.requestId(), requestedBy).withReason(reason);
        try {
            publisher.publish(command);
        } catch (RuntimeException e) {
            LOG.error("{} {} NOT delivered to door {}: {}", type, command.requestId(), doorId,
                    e.getClass().getSimpleName());
            CommandNotDeliveredException failed = new CommandNotDeliveredException(command, e);
            try {
                audit.write(record.withDetails(Map.of(DETAIL_EXPIRES_AT, command.expiresAt().toString(),
                        DETAIL_DELIVERY, DELIVERY_FAILED, DETAIL_DELIVERY_ERROR, e.getClass().getSimpleName())));
            } catch (RuntimeException auditFailure) {
                failed.addSuppressed(auditFailure);
            }
            throw failed;
        }
        audit.write(record.withDetails(Map.of(DETAIL_EXPIRES_AT, command.expiresAt().toString(),
                DETAIL_DELIVERY, DELIVERY_SENT)));
        LOG.info("{} {} sent to door {}", type, command.requestId(), doorId);
        return command;
    }
}
