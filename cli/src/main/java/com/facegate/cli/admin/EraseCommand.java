package com.facegate.cli.admin;

import com.facegate.cloud.enroll.ErasureReport;
import com.facegate.cloud.registry.BadgeIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** Erases a person on request: faces, enrollment photos and registry entries. The audit keeps the badge id only. */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Erase a badge's faces, photos and registry entry permanently (needs --yes).")
final class EraseCommand extends AdminAction {
    @Parameters(index = "0", paramLabel = "BADGE")
    String badgeId;

    @Option(names = "--yes", description = "confirm the permanent erasure")
    boolean yes;

    @Option(names = "--by", paramLabel = "WHO", description = "who erases, for the audit (default: OS user)")
    String by;

    @Override
    void prepare() {
        if (!BadgeIds.isValid(badgeId)) {
            throw new ParameterException(spec.commandLine(), "invalid badge id '" + Table.oneLine(badgeId) + "'");
        }
        if (!yes) {
            throw new ParameterException(spec.commandLine(), "erase permanently deletes badge " + badgeId
                    + "'s faces, photos and registry entry: add --yes to confirm");
        }
    }

    @Override
    int run(AdminSession session) {
        boolean known = session.admin().registry().badge(badgeId).isPresent();
        ErasureReport r = session.admin().erase(badgeId, by == null ? defaultRequester() : by);
        if (!known) {
            out().println("note: badge " + badgeId + " is not in the registry; leftovers (if any) erased");
        }
        out().printf("badge %s erased: %d face(s), %d photo(s), %d registry document(s) deleted%n", r.badgeId(),
                r.facesDeleted(), r.photosDeleted(), r.registryDocumentsDeleted());
        out().flush();
        return OK;
    }
}
