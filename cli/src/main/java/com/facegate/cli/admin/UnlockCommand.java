package com.facegate.cli.admin;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.DoorIds;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * Remote unlock: an audited, expiring, once-only UNLOCK command on the door's commands topic; or, with
 * {@code --print-json}, that command printed for pasting into the AWS IoT console's MQTT test client.
 */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Remotely unlock a door once (audited; the door ignores it after --ttl).",
                "With --print-json: print the command instead of sending it (nothing is audited until the door acts)."})
final class UnlockCommand extends AdminAction {
    @Parameters(index = "0", paramLabel = "DOOR")
    String doorId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why (goes to the audit)")
    String reason;

    @Option(names = "--ttl", defaultValue = "30s", converter = DurationArg.class, paramLabel = "DURATION",
            description = "how long the door may act on it (default: ${DEFAULT-VALUE}, at most 5m)")
    Duration ttl;

    @Option(names = "--by", paramLabel = "WHO", description = "who asks, for the audit (default: OS user)")
    String by;

    @Option(names = "--print-json", description = "print the command JSON (fresh requestId, issuedAt now, expiresAt "
            + "now + --ttl) to publish by hand on facegate/doors/DOOR/commands; sends nothing")
    boolean printJson;

    @Override
    void prepare() {
        if (!DoorIds.isValid(doorId)) {
            throw new ParameterException(spec.commandLine(), "invalid door id '" + Table.oneLine(doorId) + "'");
        }
        if (reason.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--reason must not be blank");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(BadgeAdmin.MAX_UNLOCK_TTL) > 0) {
            throw new ParameterException(spec.commandLine(), "--ttl must be more than 0 and at most 5m");
        }
    }

    /** The JSON alone on stdout (so it can be piped or copied whole); where to publish it on stderr. */
    @Override
    Integer runWithoutTarget() {
        if (!printJson) {
            return null;
        }
        DoorCommand c = DoorCommand.of(doorId, DoorCommand.Type.UNLOCK, by == null ? defaultRequester() : by,
                reason.strip(), Instant.now(), ttl);
        out().println(MessageCodec.encodeToString(c));
        out().flush();
        err().println("publish on topic " + Topics.commands(doorId) + " (QoS 1) before " + c.expiresAt()
                + "; the door acts on it once");
        err().flush();
        return OK;
    }

    @Override
    int run(AdminSession session) {
        if (!session.canPublish()) {
            return fail("unlock needs --iot-endpoint (aws iot describe-endpoint --endpoint-type iot:Data-ATS)", null);
        }
        DoorCommand c = session.admin().unlock(doorId, by == null ? defaultRequester() : by, reason.strip(), ttl);
        out().println("remote unlock " + c.requestId() + " sent to door " + c.doorId() + " (expires " + c.expiresAt()
                + ")");
        out().flush();
        return OK;
    }
}
