package com.facegate.cloud.enroll;

import com.facegate.protocol.DoorCommand;

/**
 * A door command (remote unlock, lock-down, lift, resync) that the IoT data plane did not accept: the door never got
 * it. Its audit record (same requestId) says {@code delivery=FAILED}; the cause is the publish failure.
 */
public final class CommandNotDeliveredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String doorId;
    private final String requestId;
    private final DoorCommand.Type commandType;

    public CommandNotDeliveredException(DoorCommand command, Throwable cause) {
        super(command.type() + " " + command.requestId() + " was NOT delivered to door " + command.doorId()
                + "; audited as delivery=" + DoorCommands.DELIVERY_FAILED, cause);
        this.doorId = command.doorId();
        this.requestId = command.requestId();
        this.commandType = command.type();
    }

    public String doorId() {
        return doorId;
    }

    public String requestId() {
        return requestId;
    }

    public DoorCommand.Type commandType() {
        return commandType;
    }
}
