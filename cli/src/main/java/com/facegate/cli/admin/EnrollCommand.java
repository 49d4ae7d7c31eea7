package com.facegate.cli.admin;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentReasons;
import com.facegate.cloud.enroll.EnrollmentReceipt;
import com.facegate.cloud.enroll.EnrollmentRequest;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.PhotoEnrollment;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
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
 * Registers a badge and uploads its photos; the S3-triggered enrollment handler then runs the quality gate, the
 * duplicate and same-person checks and indexes each photo, and this command reports each photo's outcome (with the
 * cloud's reason codes) as it arrives.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Enroll an employee: badge, name, photos (files or folders), groups, validity and consent.",
                "Shows the quality gate's result per photo. Refused without --consent-notice and --enrolled-by."})
final class EnrollCommand extends AdminAction {
    @Parameters(index = "0", paramLabel = "BADGE", description = "badge id (letters, digits, _ . : -)")
    String badgeId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PHOTO",
            description = {"photo files or folders (every .jpg/.jpeg/.png in a folder, by name)",
                    "The first photo enrolled becomes the badge's reference face: later photos that do not match"
                            + " the badge's faces are rejected (NOT_SAME_PERSON)."})
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
        out.println("uploading " + photos.size() + " photo(s) for badge " + badgeId + " to " + session.target());
        out.flush();
        // The cloud checks a badge's later photos against its enrolled faces (NOT_SAME_PERSON). Photos uploaded
        // together are enrolled in parallel, so until the badge has a face, photos go one at a time: the first one
        // enrolled is the reference for the rest, which then go together.
        boolean hasFace = admin.enrollmentStatus(badgeId).stream()
                .anyMatch(e -> e.status() == PhotoEnrollment.Status.ENROLLED);
        int distinct = (int) photos.stream().map(p -> ByteBuffer.wrap(p.photo().bytes())).distinct().count();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<String>> labels = new LinkedHashMap<>();
        Map<String, PhotoEnrollment> outcomes = new LinkedHashMap<>();
        int[] seen = {0};
        int next = 0;
        boolean timedOut = false;
        while (next < photos.size() && !timedOut) {
            List<PhotoFiles.Photo> batch = hasFace ? photos.subList(next, photos.size())
                    : photos.subList(next, next + 1);
            EnrollmentWait wait = new EnrollmentWait(admin, badgeId);
            EnrollmentReceipt receipt = admin.enroll(request, batch.stream().map(PhotoFiles.Photo::photo).toList());
            // The receipt's keys are in photo order; identical files share one key (and one outcome).
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < receipt.photoKeys().size(); i++) {
                String key = receipt.photoKeys().get(i);
                labels.computeIfAbsent(key, k -> new ArrayList<>()).add(batch.get(i).label());
                if (!outcomes.containsKey(key) && !keys.contains(key)) {
                    keys.add(key);
                }
            }
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Map<String, PhotoEnrollment> got = wait.await(keys, left, (key, outcome) -> {
                seen[0]++;
                out.printf("[%d/%d] %-8s  %s%n", seen[0], distinct, String.join(", ", labels.get(key)),
                        EnrollmentHints.outcome(outcome, k -> name(labels, k)));
                out.flush();
            });
            outcomes.putAll(got);
            timedOut = got.size() < keys.size();
            // A replaced photo was enrolled first, and the photo that took its place is enrolled.
            hasFace |= got.values().stream().anyMatch(e -> e.status() != PhotoEnrollment.Status.REJECTED);
            next += batch.size();
        }
        replacedSince(admin, outcomes, labels);
        long enrolled = count(outcomes, PhotoEnrollment.Status.ENROLLED);
        long replaced = count(outcomes, PhotoEnrollment.Status.REPLACED);
        int missing = distinct - outcomes.size();
        out.printf("badge %s: %d of %d photo(s) enrolled, %d rejected%s%s%n", badgeId, enrolled, distinct,
                count(outcomes, PhotoEnrollment.Status.REJECTED),
                replaced == 0 ? "" : ", " + replaced + " replaced by better ones",
                missing == 0 ? "" : ", " + missing + " without a result yet");
        out.flush();
        if (missing > 0) {
            return fail("timed out after " + timeout.toSeconds() + "s waiting for " + missing
                    + " photo result(s); check later with: admin status " + badgeId, null);
        }
        if (enrolled + replaced == 0) {
            return fail("no photo was enrolled: badge " + badgeId + " cannot be recognised until a photo passes", null);
        }
        // The cloud's same-person rule (one badge, one person) refused these: reported as the cloud gave it.
        List<PhotoEnrollment> strangers = outcomes.values().stream()
                .filter(e -> e.reasons().contains(EnrollmentReasons.NOT_SAME_PERSON)).toList();
        if (!strangers.isEmpty()) {
            strangers.forEach(e -> err().println("warning: " + String.join(", ", labels.get(e.photoKey()))
                    + " rejected by the cloud: " + EnrollmentHints.explain(e.reasons())));
            return fail("badge " + badgeId + " was offered another person's face: check the photos; if the enrolled"
                    + " ones are the wrong person, erase the badge and enroll it again with the right ones", null);
        }
        return OK;
    }

    /** A photo reported enrolled earlier in this run that a later one replaced: reported again, as it is now. */
    private void replacedSince(BadgeAdmin admin, Map<String, PhotoEnrollment> outcomes,
            Map<String, List<String>> labels) {
        for (PhotoEnrollment now : admin.enrollmentStatus(badgeId)) {
            PhotoEnrollment seen = outcomes.get(now.photoKey());
            if (seen != null && seen.status() == PhotoEnrollment.Status.ENROLLED
                    && now.status() == PhotoEnrollment.Status.REPLACED) {
                outcomes.put(now.photoKey(), now);
                out().printf("      %-8s  %s%n", name(labels, now.photoKey()),
                        EnrollmentHints.outcome(now, k -> name(labels, k)));
            }
        }
    }

    /** The file name(s) a photo key was uploaded from in this run, else the key's last part. */
    private static String name(Map<String, List<String>> labels, String photoKey) {
        List<String> l = labels.get(photoKey);
        return l == null ? EnrollmentHints.fileName(photoKey) : String.join(", ", l);
    }

    private static long count(Map<String, PhotoEnrollment> outcomes, PhotoEnrollment.Status status) {
        return outcomes.values().stream().filter(e -> e.status() == status).count();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
