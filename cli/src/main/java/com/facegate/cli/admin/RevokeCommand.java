package com.facegate.cli.admin;

import com.facegate.cloud.registry.Badge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Revokes a badge: effective at the next visit (the access handler revalidates the registry every time). */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a badge (immediate; faces and photos are kept until erase).")
final class RevokeCommand extends AdminAction {
    @Parameters(index = "0", paramLabel = "BADGE")
    String badgeId;

    @Option(names = "--by", paramLabel = "WHO", description = "who revokes, for the audit (default: OS user)")
    String by;

    @Override
    int run(AdminSession session) {
        Badge revoked = session.admin().revoke(badgeId, by == null ? defaultRequester() : by);
        out().println("badge " + revoked.badgeId() + " revoked");
        out().flush();
        return OK;
    }
}
