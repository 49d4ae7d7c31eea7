package com.facegate.cli.admin;

import com.facegate.cloud.registry.Badge;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The badges in the registry, with their effective state (revoked, expired, not yet valid, active). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List badges.")
final class ListBadgesCommand extends AdminAction {
    @Option(names = "--json", description = "print the registry documents as JSON")
    boolean json;

    @Override
    int run(AdminSession session) {
        List<Badge> badges = session.admin().listBadges().stream()
                .sorted(Comparator.comparing(Badge::badgeId)).toList();
        if (json) {
            JsonOut.print(out(), badges);
            return OK;
        }
        Instant now = Instant.now();
        Table t = new Table("BADGE", "NAME", "STATUS", "GROUPS", "VALID FROM", "VALID UNTIL", "CONSENT");
        for (Badge b : badges) {
            t.row(b.badgeId(), b.name(), b.stateAt(now), String.join(",", b.groups()), b.validFrom(), b.validUntil(),
                    b.consent() == null ? "NONE" : b.consent().noticeVersion() + " by " + b.consent().enrolledBy());
        }
        t.print(out());
        out().println(t.size() + " badge(s)");
        out().flush();
        return OK;
    }
}
