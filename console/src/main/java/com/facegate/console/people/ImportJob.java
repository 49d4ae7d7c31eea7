package com.facegate.console.people;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentPhoto;
import com.facegate.cloud.enroll.EnrollmentRequest;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.console.web.ReasonWords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bulk import: its rows checked up front ({@link #plan}), then written through {@link BadgeAdmin#enroll} row by
 * row and followed until the enrollment check decided each photo ({@link #run}). Bad rows never stop good ones.
 * Idempotent: photos are stored under their content's key, so a re-run skips photos that already have an outcome
 * and says the row was already imported.
 */
public final class ImportJob {
    private static final Logger LOG = LoggerFactory.getLogger(ImportJob.class);
    static final int MAX_PHOTOS_PER_ROW = 10;

    private final String id;
    private final String by;
    private final List<ImportRow> rows;
    private final List<String> fileProblems;
    private volatile boolean finished;

    private ImportJob(String id, String by, List<ImportRow> rows, List<String> fileProblems) {
        this.id = id;
        this.by = by;
        this.rows = List.copyOf(rows);
        this.fileProblems = List.copyOf(fileProblems);
    }

    /** Checks every line and matches the photos to the rows; nothing is written yet. */
    public static ImportJob plan(String id, List<ImportCsv.Line> lines, ImportZip.Contents zip, Consent consent,
                                 Instant now) {
        Map<String, Integer> lineOf = new HashMap<>();
        Set<String> badges = new HashSet<>();
        lines.forEach(l -> badges.add(Objects.requireNonNullElse(l.cells().get("badge"), "").strip()));
        List<String> fileProblems = new ArrayList<>(zip.problems());
        Map<String, List<ImportZip.Photo>> photosOf = new HashMap<>();
        for (ImportZip.Photo p : zip.photos()) {
            String owner = badges.contains(p.stem()) ? p.stem()
                    : p.badgeIfNumbered() != null && badges.contains(p.badgeIfNumbered()) ? p.badgeIfNumbered() : null;
            if (owner == null) {
                fileProblems.add("photo " + p.fileName() + " not imported: no CSV row for badge " + p.stem());
            } else {
                photosOf.computeIfAbsent(owner, k -> new ArrayList<>()).add(p);
            }
        }
        List<ImportRow> rows = new ArrayList<>();
        for (ImportCsv.Line l : lines) {
            Map<String, String> c = l.cells();
            PersonFields f = PersonFields.check(c.get("badge"), c.get("name"), c.get("groups"), c.get("validfrom"),
                    c.get("validuntil"), now);
            List<String> problems = new ArrayList<>();
            if (l.problem() != null) {
                problems.add(l.problem());
            }
            problems.addAll(f.problems());
            Integer first = lineOf.putIfAbsent(f.badgeId(), l.number());
            if (first != null) {
                problems.add("badge " + f.badgeId() + " is already on line " + first);
            }
            List<ImportZip.Photo> photos = first != null ? List.of()
                    : photosOf.getOrDefault(f.badgeId(), List.of()).stream()
                            .sorted(Comparator.comparingInt(ImportZip.Photo::number)
                                    .thenComparing(ImportZip.Photo::fileName)).toList();
            if (photos.isEmpty() && first == null) {
                problems.add("no photo in the zip: name it " + f.badgeId() + ".jpg (more: " + f.badgeId()
                        + "_2.jpg)");
            } else if (photos.size() > MAX_PHOTOS_PER_ROW) {
                problems.add(photos.size() + " photos: at most " + MAX_PHOTOS_PER_ROW + " per person");
            }
            EnrollmentRequest request = problems.isEmpty() ? new EnrollmentRequest(f.badgeId(), f.name(), f.groups(),
                    f.validFrom(), f.validUntil(), consent) : null;
            boolean fromGiven = c.get("validfrom") != null && !c.get("validfrom").isBlank();
            rows.add(new ImportRow(l.number(), f.badgeId(), request, fromGiven, photos, problems));
        }
        return new ImportJob(id, consent.enrolledBy(), rows, fileProblems);
    }

    /** Writes the good rows and follows their photos' checks for at most {@code checkFor}. */
    public void run(BadgeAdmin admin, Duration checkFor) {
        try {
            for (ImportRow r : rows) {
                if (r.state() == ImportRow.State.WAITING) {
                    guarded(r, () -> start(admin, r));
                }
            }
            long deadline = System.nanoTime() + checkFor.toNanos();
            while (rows.stream().anyMatch(r -> r.state() == ImportRow.State.CHECKING)
                    && System.nanoTime() < deadline) {
                Thread.sleep(300);
                for (ImportRow r : rows) {
                    if (r.state() == ImportRow.State.CHECKING) {
                        guarded(r, () -> advance(admin, r));
                    }
                }
            }
            rows.stream().filter(r -> !r.done()).forEach(r -> r.set(ImportRow.State.UNDECIDED,
                    "no outcome for " + r.awaitingName + " within " + checkFor.toSeconds()
                            + " s: see the person's page"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rows.stream().filter(r -> !r.done()).forEach(r -> r.set(ImportRow.State.UNDECIDED,
                    "import stopped (console shutting down): run it again"));
        } finally {
            finished = true;
            LOG.info("bulk import {} by {}: {} row(s), {} rejected", id, by, rows.size(),
                    rows.stream().filter(r -> r.state() == ImportRow.State.REJECTED).count());
        }
    }

    private static void guarded(ImportRow r, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // One row's failure (store unreachable, refused write) is that row's outcome, not the import's end.
            r.set(ImportRow.State.REJECTED, "not written: " + e.getMessage());
        }
    }

    private void start(BadgeAdmin admin, ImportRow r) {
        Optional<Badge> existing = admin.registry().badge(r.badgeId);
        if (existing.isPresent() && existing.get().status() == Badge.Status.REVOKED) {
            r.set(ImportRow.State.REJECTED, "badge is REVOKED: an import does not reactivate it (enroll it again"
                    + " from its page)");
            return;
        }
        if (existing.isPresent() && !r.fromGiven) {
            EnrollmentRequest q = r.request;
            r.request = new EnrollmentRequest(q.badgeId(), q.name(), q.groups(), existing.get().validFrom(),
                    q.validUntil(), q.consent());
        }
        Map<String, PhotoEnrollment> outcomes = outcomes(admin, r);
        boolean newPhotos = false;
        for (Iterator<ImportZip.Photo> it = r.toUpload.iterator(); it.hasNext(); ) {
            ImportZip.Photo p = it.next();
            PhotoEnrollment o = outcomes.get(BadgeAdmin.photoKey(r.badgeId, p.bytes()));
            if (o != null) {
                count(r, p.fileName(), o);
                it.remove();
            } else {
                newPhotos = true;
            }
        }
        if (!newPhotos) {
            Badge b = existing.orElseThrow();
            if (!b.groups().equals(r.request.groups()) || !Objects.equals(b.validFrom(), r.request.validFrom())
                    || !Objects.equals(b.validUntil(), r.request.validUntil())) {
                admin.update(r.badgeId, r.request.groups(), r.request.validFrom(), r.request.validUntil(), by);
            }
            finish(r, true);
            return;
        }
        uploadNext(admin, r);
    }

    private static void uploadNext(BadgeAdmin admin, ImportRow r) {
        ImportZip.Photo p = r.toUpload.poll();
        r.awaiting = BadgeAdmin.photoKey(r.badgeId, p.bytes());
        r.awaitingName = p.fileName();
        admin.enroll(r.request, List.of(new EnrollmentPhoto(p.fileName(), p.bytes())));
        r.set(ImportRow.State.CHECKING, "checking " + p.fileName());
    }

    private void advance(BadgeAdmin admin, ImportRow r) {
        PhotoEnrollment o = outcomes(admin, r).get(r.awaiting);
        if (o == null) {
            return;
        }
        count(r, r.awaitingName, o);
        if (r.toUpload.isEmpty()) {
            finish(r, false);
        } else {
            uploadNext(admin, r);
        }
    }

    private static Map<String, PhotoEnrollment> outcomes(BadgeAdmin admin, ImportRow r) {
        return admin.enrollmentStatus(r.badgeId).stream()
                .collect(Collectors.toMap(PhotoEnrollment::photoKey, Function.identity(), (a, b) -> a));
    }

    private static void count(ImportRow r, String fileName, PhotoEnrollment o) {
        // A REPLACED photo passed every check and was enrolled; a better photo has taken its place since.
        if (o.status() != PhotoEnrollment.Status.REJECTED) {
            r.enrolledPhotos++;
        } else {
            r.rejectedPhotos.add(fileName + ": " + ReasonWords.enrollment(o.reasons())
                    + (o.duplicateOfBadge() == null ? "" : " (badge " + o.duplicateOfBadge() + ")"));
        }
    }

    private static void finish(ImportRow r, boolean already) {
        String rejected = r.rejectedPhotos.isEmpty() ? "" : "; rejected " + String.join("; ", r.rejectedPhotos);
        String prefix = already ? "already imported: " : "";
        if (r.enrolledPhotos == 0) {
            r.set(ImportRow.State.REJECTED, prefix + "no photo enrolled" + rejected);
        } else if (already) {
            r.set(ImportRow.State.ALREADY_IMPORTED, prefix + r.enrolledPhotos + " photo(s) enrolled" + rejected);
        } else {
            r.set(r.rejectedPhotos.isEmpty() ? ImportRow.State.ENROLLED : ImportRow.State.PARTLY_ENROLLED,
                    r.enrolledPhotos + " photo(s) enrolled" + rejected);
        }
    }

    public String id() {
        return id;
    }

    public String by() {
        return by;
    }

    public List<ImportRow> rows() {
        return rows;
    }

    public List<String> fileProblems() {
        return fileProblems;
    }

    public boolean finished() {
        return finished;
    }

    public long doneRows() {
        return rows.stream().filter(ImportRow::done).count();
    }

    public long count(ImportRow.State s) {
        return rows.stream().filter(r -> r.state() == s).count();
    }
}
