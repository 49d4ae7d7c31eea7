package com.facegate.cli.admin;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.protocol.AuditEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Audit records by door, badge and time range, as a table or JSON. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Query the audit trail (default: the last 24 hours).")
final class AuditCommand extends AdminAction {
    @Option(names = "--door", paramLabel = "DOOR")
    String door;

    @Option(names = "--badge", paramLabel = "BADGE")
    String badge;

    @Option(names = "--from", converter = TimeArg.class, paramLabel = "WHEN",
            description = "from (inclusive; default: -24h); " + TimeArg.HELP)
    Instant from;

    @Option(names = "--until", converter = TimeArg.class, paramLabel = "WHEN",
            description = "until (exclusive; default: now)")
    Instant until;

    @Option(names = "--type", split = ",", paramLabel = "TYPE",
            description = "only these event types, e.g. REMOTE_UNLOCK,REVOKED")
    Set<AuditEvent.Type> types;

    @Option(names = "--json", description = "print the records as a JSON array")
    boolean json;

    @Override
    void prepare() {
        Instant now = Instant.now();
        // "now" plus a little: records stamped by a door whose clock runs slightly ahead are still shown.
        until = until == null ? now.plusSeconds(5) : until;
        from = from == null ? now.minus(Duration.ofDays(1)) : from;
        if (!until.isAfter(from)) {
            throw new ParameterException(spec.commandLine(), "--until must be after --from");
        }
        if (Duration.between(from, until).compareTo(Duration.ofDays(366)) > 0) {
            throw new ParameterException(spec.commandLine(), "the time range may span at most 366 days");
        }
    }

    @Override
    int run(AdminSession session) {
        List<AuditRecord> records = session.admin().queryAudit(door, badge, from, until).stream()
                .filter(r -> types == null || types.contains(r.event().type())).toList();
        if (json) {
            ArrayNode array = JsonOut.mapper().createArrayNode();
            for (AuditRecord r : records) {
                ObjectNode n = JsonOut.mapper().valueToTree(r.event());
                n.put("recordKind", r.recordKind());
                if (r.receivedAt() != null) {
                    n.put("receivedAt", r.receivedAt().toString());
                }
                array.add(n);
            }
            JsonOut.print(out(), array);
            return OK;
        }
        Table t = new Table("AT", "TYPE", "DOOR", "BADGE", "SOURCE", "BY", "REASON");
        for (AuditRecord r : records) {
            AuditEvent e = r.event();
            t.row(e.at(), r.rejected() ? "REJECTED(" + e.type() + ")" : e.type(), e.doorId(), e.badgeId(), e.source(),
                    e.requestedBy(), e.reason());
        }
        t.print(out());
        out().println(t.size() + " record(s) from " + Table.time(from) + " until " + Table.time(until));
        out().flush();
        return OK;
    }
}
