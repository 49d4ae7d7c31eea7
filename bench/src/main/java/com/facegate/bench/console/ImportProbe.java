package com.facegate.bench.console;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.Consent;
import com.facegate.console.people.ImportCsv;
import com.facegate.console.people.ImportJob;
import com.facegate.console.people.ImportRow;
import com.facegate.console.people.ImportZip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A bulk import as the console runs it ({@link ImportJob#plan} then {@link ImportJob#run}, each photo through the
 * enrollment check): one LFW photo per row, one person per row, when the faces folder is there; otherwise rows
 * without photos (each rejected by the plan: what is timed then is only the CSV and zip handling).
 */
final class ImportProbe {
    static final Duration CHECK_FOR = Duration.ofMinutes(5);

    record Result(int rows, String photos, long enrolled, long rejected, double seconds) {
        double perSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }

    private ImportProbe() {}

    static Result run(BadgeAdmin admin, Path images, int rows, Instant now) throws IOException {
        List<Path> photos = Files.isDirectory(images) ? onePerPerson(images, rows) : List.of();
        boolean withPhotos = photos.size() >= rows;
        String until = now.plus(Duration.ofDays(365)).atZone(ZoneOffset.UTC).toLocalDate().toString();
        StringBuilder csv = new StringBuilder("badge,name,groups,validfrom,validuntil\n");
        ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipBytes)) {
            for (int i = 0; i < rows; i++) {
                String id = String.format(Locale.ROOT, "imp%04d", i);
                csv.append(id).append(",Imported Person ").append(i).append(",staff,,").append(until).append('\n');
                if (withPhotos) {
                    zip.putNextEntry(new ZipEntry(id + ".jpg"));
                    zip.write(Files.readAllBytes(photos.get(i)));
                    zip.closeEntry();
                }
            }
        }
        long t0 = System.nanoTime();
        ImportZip.Contents contents = ImportZip.read(new ByteArrayInputStream(zipBytes.toByteArray()));
        ImportJob job = ImportJob.plan("bench", ImportCsv.parse(csv.toString()), contents,
                new Consent(now, "v1", ConsoleBench.ACCOUNT), now);
        job.run(admin, CHECK_FOR);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long enrolled = job.count(ImportRow.State.ENROLLED) + job.count(ImportRow.State.PARTLY_ENROLLED);
        return new Result(rows, withPhotos ? "lfw" : "none", enrolled, job.count(ImportRow.State.REJECTED), seconds);
    }

    /** The first photo of each of the first {@code n} people (sorted by name, so runs compare). */
    private static List<Path> onePerPerson(Path images, int n) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> people = Files.list(images)) {
            for (Path person : people.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(person)) {
                    files.filter(f -> f.toString().endsWith(".jpg")).sorted().findFirst().ifPresent(out::add);
                }
                if (out.size() >= n) {
                    break;
                }
            }
        }
        return out;
    }
}
