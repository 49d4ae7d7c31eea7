package com.facegate.cli.admin;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.DoorIds;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** Remote unlock: an audited, expiring, once-only UNLOCK command on the door's commands topic. */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Remotely unlock a door once (audited; the door ignores it after --ttl).")
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
