package com.facegate.cli.admin;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentReceipt;
import com.facegate.cloud.enroll.EnrollmentRequest;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.PhotoEnrollment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * Registers a badge and uploads its photos; the S3-triggered enrollment handler then runs the quality gate and
 * indexes each photo, and this command reports each photo's outcome as it arrives.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Enroll an employee: badge, name, photos (files or folders), groups, validity and consent.",
                "Shows the quality gate's result per photo. Refused without --consent-notice and --enrolled-by."})
final class EnrollCommand extends AdminAction {
    @Parameters(index = "0", paramLabel = "BADGE", description = "badge id (letters, digits, _ . : -)")
    String badgeId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PHOTO",
            description = "photo files or folders (every .jpg/.jpeg/.png in a folder)")
    List<Path> photoArgs;

    @Option(names = "--name", required = true, description = "the employee's name (kept in the registry only)")
    String name;

    @Option(names = {"--groups", "--group"}, split = ",", paramLabel = "GROUP", description = "groups, e.g. staff,lab")
    List<String> groups = new ArrayList<>();

    @Option(names = "--valid-from", converter = TimeArg.class, paramLabel = "WHEN",
            description = "start of validity (default: now); " + TimeArg.HELP)
    Instant validFrom;

    @Option(names = "--valid-until", required = true, converter = TimeArg.class, paramLabel = "WHEN",
            description = "end of validity, e.g. 2027-06-30 or +365d")
    Instant validUntil;

    @Option(names = "--consent-notice", paramLabel = "VERSION",
            description = "version of the privacy notice the employee consented to (required)")
    String consentNotice;

    @Option(names = "--enrolled-by", paramLabel = "WHO", description = "who recorded the consent (required)")
    String enrolledBy;

    @Option(names = "--consent-at", converter = TimeArg.class, paramLabel = "WHEN",
            description = "when consent was given (default: now)")
    Instant consentAt;

    @Option(names = "--reactivate", description = "allow enrolling a REVOKED badge again (it becomes ACTIVE)")
    boolean reactivate;

    @Option(names = "--timeout", defaultValue = "120s", converter = DurationArg.class, paramLabel = "DURATION",
            description = "how long to wait for the per-photo results (default: ${DEFAULT-VALUE})")
    Duration timeout;

    private List<PhotoFiles.Photo> photos;

    @Override
    void prepare() {
        if (isBlank(consentNotice) || isBlank(enrolledBy)) {
            throw new ParameterException(spec.commandLine(), "enrollment refused: the employee's consent is required"
                    + " (--consent-notice <privacy notice version> and --enrolled-by <who recorded it>)");
        }
        if (!BadgeIds.isValid(badgeId)) {
            throw new ParameterException(spec.commandLine(), "invalid badge id '" + Table.oneLine(badgeId)
                    + "': letters, digits and _ . : - (at most 64)");
        }
        if (isBlank(name)) {
            throw new ParameterException(spec.commandLine(), "--name must not be blank");
        }
        Instant from = validFrom == null ? Instant.now() : validFrom;
        if (!validUntil.isAfter(from)) {
            throw new ParameterException(spec.commandLine(), "--valid-until must be after --valid-from");
        }
        GroupNames.check(spec.commandLine(), groups);
        photos = PhotoFiles.load(photoArgs);
    }

    @Override
    int run(AdminSession session) throws InterruptedException {
        BadgeAdmin admin = session.admin();
        PrintWriter out = out();
        Optional<Badge> existing = admin.registry().badge(badgeId);
        if (existing.isPresent() && existing.get().status() == Badge.Status.REVOKED && !reactivate) {
            return fail("badge " + badgeId + " is REVOKED; add --reactivate to enroll it again", null);
        }
        existing.ifPresent(b -> out.println("badge " + badgeId + " exists (" + b.status() + "): updating it"));
        Instant now = Instant.now();
        EnrollmentRequest request = new EnrollmentRequest(badgeId, name.strip(), groups,
                validFrom == null ? now : validFrom, validUntil,
                new Consent(consentAt == null ? now : consentAt, consentNotice.strip(), enrolledBy.strip()));
        EnrollmentWait wait = new EnrollmentWait(admin, badgeId);
        out.println("uploading " + photos.size() + " photo(s) for badge " + badgeId + " to " + session.target());
        out.flush();
        EnrollmentReceipt receipt = admin.enroll(request, photos.stream().map(PhotoFiles.Photo::photo).toList());
        // The receipt's keys are in photo order; identical files share one key (and one outcome).
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (int i = 0; i < receipt.photoKeys().size(); i++) {
            labels.computeIfAbsent(receipt.photoKeys().get(i), k -> new ArrayList<>()).add(photos.get(i).label());
        }
        List<String> keys = List.copyOf(labels.keySet());
        int[] seen = {0};
        Map<String, PhotoEnrollment> outcomes = wait.await(keys, timeout, (key, outcome) -> {
            seen[0]++;
            out.printf("[%d/%d] %-8s  %s%n", seen[0], keys.size(), String.join(", ", labels.get(key)),
                    EnrollmentHints.outcome(outcome));
            out.flush();
        });
        long enrolled = outcomes.values().stream().filter(e -> e.status() == PhotoEnrollment.Status.ENROLLED).count();
        int missing = keys.size() - outcomes.size();
        out.printf("badge %s: %d of %d photo(s) enrolled, %d rejected%s%n", badgeId, enrolled, keys.size(),
                outcomes.size() - enrolled, missing == 0 ? "" : ", " + missing + " without a result yet");
        out.flush();
        if (missing > 0) {
            return fail("timed out after " + timeout.toSeconds() + "s waiting for " + missing
                    + " photo result(s); check later with: admin status " + badgeId, null);
        }
        if (enrolled == 0) {
            return fail("no photo was enrolled: badge " + badgeId + " cannot be recognised until a photo passes", null);
        }
        List<PhotoEnrollment> strangers = SamePersonCheck.strangers(session.clients().rekognition(),
                session.collectionId(), outcomes.values(), admin.enrollmentStatus(badgeId));
        if (!strangers.isEmpty()) {
            strangers.forEach(e -> err().println("warning: " + String.join(", ", labels.get(e.photoKey()))
                    + " matches none of badge " + badgeId + "'s other photos: is it the same person?"));
            return fail("badge " + badgeId + " may hold another person's face: check the photos, then erase the badge"
                    + " and enroll it again with the right ones", null);
        }
        return OK;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
