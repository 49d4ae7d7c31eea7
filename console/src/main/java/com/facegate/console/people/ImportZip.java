package com.facegate.console.people;

import com.facegate.cloud.CloudConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The photos of a bulk import, read from an uploaded zip without trusting it: sizes are counted while inflating
 * (never taken from the entry headers), so a zip bomb stops at the limit; names that climb out of the archive
 * ({@code ..}, absolute, backslashes, drive letters) are refused; only {@code .jpg/.jpeg/.png} files are taken.
 * A refused entry is a reported problem, not the end of the import; only exceeding the totals ends it.
 */
public final class ImportZip {
    /** What the console keeps in memory for one import at most (photos are held until they are uploaded). */
    public static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;
    public static final int MAX_ENTRIES = 20_000;
    private static final Pattern PHOTO = Pattern.compile("(.+?)(?:_(\\d{1,3}))?\\.(jpe?g|png)",
            Pattern.CASE_INSENSITIVE);

    private ImportZip() {}

    /** A photo file: the name it had in the zip, the badge id and photo number its name gives, its bytes. */
    public record Photo(String fileName, String stem, String badgeIfNumbered, int number, byte[] bytes) {}

    /** The photos taken and every entry refused, with why. */
    public record Contents(List<Photo> photos, List<String> problems) {}

    public static Contents read(InputStream zip) {
        return read(zip, CloudConfig.MAX_IMAGE_BYTES, MAX_TOTAL_BYTES);
    }

    static Contents read(InputStream zip, long maxEntryBytes, long maxTotalBytes) {
        List<Photo> photos = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalArgumentException("the zip has more than " + MAX_ENTRIES + " entries");
                }
                String name = e.getName();
                if (e.isDirectory() || name.startsWith("__MACOSX/") || base(name).startsWith(".")) {
                    continue;
                }
                if (climbsOut(name)) {
                    problems.add("zip entry '" + printable(name) + "' refused: its path leaves the archive");
                    continue;
                }
                Matcher m = PHOTO.matcher(base(name));
                if (!m.matches()) {
                    problems.add("zip entry '" + printable(name) + "' skipped: not <badge>.jpg, <badge>_2.jpg or .png");
                    continue;
                }
                byte[] bytes = readAtMost(in, maxEntryBytes);
                if (bytes == null) {
                    problems.add("zip entry '" + printable(name) + "' refused: larger than "
                            + maxEntryBytes / (1024 * 1024) + " MB uncompressed");
                    total += maxEntryBytes;
                } else {
                    total += bytes.length;
                }
                if (total > maxTotalBytes) {
                    throw new IllegalArgumentException("the zip inflates to more than " + maxTotalBytes / (1024 * 1024)
                            + " MB: split the import");
                }
                if (bytes != null) {
                    String stem = base(name).substring(0, base(name).lastIndexOf('.'));
                    int n = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                    photos.add(new Photo(base(name), stem, m.group(2) == null ? null : m.group(1), n, bytes));
                }
            }
        } catch (ZipException ex) {
            throw new IllegalArgumentException("the photos file is not a readable zip: " + ex.getMessage(), ex);
        } catch (IOException ex) {
            throw new IllegalArgumentException("the photos file could not be read: " + ex.getMessage(), ex);
        }
        if (entries == 0) {
            throw new IllegalArgumentException("the photos file is not a zip, or is empty");
        }
        return new Contents(photos, problems);
    }

    /** The entry's bytes, or null once it exceeds {@code max} (the rest of it is not inflated). */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
            if (n > max) {
                return null;
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    static boolean climbsOut(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
            return true;
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String base(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** Entry names are the uploader's text: shown escaped by the page, but kept short and single-line here. */
    private static String printable(String name) {
        String s = name.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
