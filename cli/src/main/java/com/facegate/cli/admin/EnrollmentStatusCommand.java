package com.facegate.cli.admin;

import com.facegate.cloud.registry.PhotoEnrollment;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The per-photo enrollment outcomes of one badge (photo keys are content hashes, never file names). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the per-photo enrollment results of a badge.")
final class EnrollmentStatusCommand extends AdminAction {
    @Parameters(index = "0", paramLabel = "BADGE")
    String badgeId;

    @Override
    int run(AdminSession session) {
        if (session.admin().registry().badge(badgeId).isEmpty()) {
            return fail("no such badge: " + Table.oneLine(badgeId), null);
        }
        List<PhotoEnrollment> all = session.admin().enrollmentStatus(badgeId);
        Table t = new Table("PHOTO", "AT", "RESULT");
        all.forEach(e -> t.row(e.photoKey(), e.at(), EnrollmentHints.outcome(e)));
        t.print(out());
        return OK;
    }
}
