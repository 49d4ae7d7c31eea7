package com.facegate.cli.admin;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.ImageHeader;
import com.facegate.cloud.enroll.EnrollmentPhoto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The photos named on the command line: files, or folders (bulk: every .jpg/.jpeg/.png directly in them, sorted by
 * name). Every photo is checked before anything is uploaded, so a bad file never leaves half an enrollment.
 */
final class PhotoFiles {
    static final int MAX_PHOTOS = 100;

    record Photo(Path path, EnrollmentPhoto photo) {
        String label() {
            return path.getFileName().toString();
        }
    }

    private PhotoFiles() {}

    static List<Photo> load(List<Path> args) {
        List<Path> files = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                List<Path> inFolder = imagesIn(p);
                if (inFolder.isEmpty()) {
                    throw new IllegalArgumentException("no .jpg/.jpeg/.png photos in folder " + p);
                }
                files.addAll(inFolder);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("no such photo file or folder: " + p);
            }
        }
        if (files.size() > MAX_PHOTOS) {
            throw new IllegalArgumentException(files.size() + " photos: at most " + MAX_PHOTOS + " per enrollment");
        }
        List<Photo> photos = new ArrayList<>();
        for (Path f : files) {
            photos.add(new Photo(f, read(f)));
        }
        return photos;
    }

    private static EnrollmentPhoto read(Path f) {
        try {
            if (Files.size(f) > CloudConfig.MAX_IMAGE_BYTES) {
                throw new IllegalArgumentException(f + " is larger than 15 MB");
            }
            byte[] bytes = Files.readAllBytes(f);
            if (!ImageHeader.isJpeg(bytes) && !ImageHeader.isPng(bytes)) {
                throw new IllegalArgumentException(f + " is not a JPEG or PNG image");
            }
            return new EnrollmentPhoto(f.getFileName().toString(), bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage());
        }
    }

    private static List<Path> imagesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(PhotoFiles::looksLikeImage).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static boolean looksLikeImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }
}
