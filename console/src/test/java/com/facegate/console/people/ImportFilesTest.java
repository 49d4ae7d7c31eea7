package com.facegate.console.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.registry.Consent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The bulk import's files read without trusting them: zip bombs, oversized entries, climbing names, bad CSV. */
class ImportFilesTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};

    @Test
    void climbingAbsoluteAndBackslashNamesAreRefusedAndTheRestIsTaken() throws IOException {
        byte[] zip = zip(new String[] {"../up.jpg", "/etc/abs.jpg", "a\\..\\win.jpg", "C:evil.jpg", "ok/B-1.jpg",
            "B-1_2.JPG", "notes.txt", "__MACOSX/._B-1.jpg"}, JPEG);
        ImportZip.Contents c = ImportZip.read(new ByteArrayInputStream(zip));
        assertThat(c.photos()).extracting(ImportZip.Photo::fileName).containsExactly("B-1.jpg", "B-1_2.JPG");
        assertThat(c.photos().get(1).badgeIfNumbered()).isEqualTo("B-1");
        assertThat(c.photos().get(1).number()).isEqualTo(2);
        assertThat(c.problems()).containsExactly(
                "zip entry '../up.jpg' refused: its path leaves the archive",
                "zip entry '/etc/abs.jpg' refused: its path leaves the archive",
                "zip entry 'a\\..\\win.jpg' refused: its path leaves the archive",
                "zip entry 'C:evil.jpg' refused: its path leaves the archive",
                "zip entry 'notes.txt' skipped: not <badge>.jpg, <badge>_2.jpg or .png");
    }

    @Test
    void anOversizedEntryIsRefusedWithoutInflatingItAndABombEndsTheImport() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024]; // zeros: compresses to a few KB, a small zip bomb
        byte[] zip = zip(new String[] {"B-1.jpg", "B-2.jpg"}, big);
        assertThat(zip.length).isLessThan(64 * 1024);
        ImportZip.Contents c = ImportZip.read(new ByteArrayInputStream(zip), 1024 * 1024, 10L * 1024 * 1024);
        assertThat(c.photos()).isEmpty();
        assertThat(c.problems()).containsExactly("zip entry 'B-1.jpg' refused: larger than 1 MB uncompressed",
                "zip entry 'B-2.jpg' refused: larger than 1 MB uncompressed");

        byte[] many = zip(new String[] {"B-1.jpg", "B-2.jpg", "B-3.jpg", "B-4.jpg"}, big);
        assertThatThrownBy(() -> ImportZip.read(new ByteArrayInputStream(many), 4L * 1024 * 1024,
                8L * 1024 * 1024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the zip inflates to more than 8 MB: split the import");
    }

    @Test
    void notAZipIsAClearError() {
        assertThatThrownBy(() -> ImportZip.read(new ByteArrayInputStream("badge,name\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the photos file is not a zip, or is empty");
    }

    @Test
    void csvHeaderIsRequiredQuotesHoldCommasAndShortLinesAreBadRows() {
        assertThatThrownBy(() -> ImportCsv.parse("badge,name\nB-1,Ana\n"))
                .hasMessage("the CSV header lacks column(s) groups, validfrom, validuntil (it has: badge, name)");
        List<ImportCsv.Line> lines = ImportCsv.parse("\uFEFFBadge,Name,Groups,Valid From,valid_until\r\n"
                + "B-1,\"Doe, \"\"Jo\"\"\",a;b,,2099-01-01\r\n\r\nB-2,Short\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).cells()).containsEntry("name", "Doe, \"Jo\"").containsEntry("groups", "a;b");
        assertThat(lines.get(0).problem()).isNull();
        assertThat(lines.get(1).number()).isEqualTo(4);
        assertThat(lines.get(1).problem()).isEqualTo("line has 2 field(s), the header 5");
    }

    @Test
    void everyProblemOfARowIsListedAndDuplicatesAndStrayPhotosAreReported() {
        List<ImportCsv.Line> lines = ImportCsv.parse("""
                badge,name,groups,valid_from,valid_until
                B 1,,bad group,2030-01-01,2029-01-01
                B-2,Ana,,,2099-01-01
                B-2,Ana again,,,2099-01-01
                """);
        ImportZip.Contents photos = new ImportZip.Contents(List.of(
                new ImportZip.Photo("B-2.jpg", "B-2", null, 1, JPEG),
                new ImportZip.Photo("B-9.jpg", "B-9", null, 1, JPEG)), List.of());
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        ImportJob job = ImportJob.plan("j", lines, photos, new Consent(now, "v1", "desk"), now);
        assertThat(job.rows().get(0).state()).isEqualTo(ImportRow.State.REJECTED);
        assertThat(job.rows().get(0).detail()).isEqualTo("badge id 'B 1': letters, digits and _ . : - (at most 64);"
                + " name is required (at most 200 characters); group 'bad group': letters, digits and _ . : -"
                + " (at most 64); valid until must be after valid from; no photo in the zip: name it B 1.jpg"
                + " (more: B 1_2.jpg)");
        assertThat(job.rows().get(1).state()).isEqualTo(ImportRow.State.WAITING);
        assertThat(job.rows().get(2).detail()).isEqualTo("badge B-2 is already on line 3");
        assertThat(job.fileProblems()).containsExactly("photo B-9.jpg not imported: no CSV row for badge B-9");
    }

    private static byte[] zip(String[] names, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write(content);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
