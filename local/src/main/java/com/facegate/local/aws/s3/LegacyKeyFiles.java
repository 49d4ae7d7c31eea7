package com.facegate.local.aws.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves objects written before {@link KeyFileNames} (stored under the key itself as a path) to their file names,
 * once, when the endpoint starts. Such a file is told by its name: no {@code %} anywhere in its path (every name
 * the encoding makes ends in one). A rename keeps the file's extended attributes, hence its ETag and metadata.
 * Idempotent: a run stopped half-way is finished by the next start.
 */
final class LegacyKeyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyKeyFiles.class);

    private LegacyKeyFiles() {}

    static int migrate(Path bucketDir) {
        if (!Files.isDirectory(bucketDir)) {
            return 0;
        }
        int moved = 0;
        try {
            List<Path> legacy;
            try (Stream<Path> all = Files.walk(bucketDir)) {
                legacy = all.filter(Files::isRegularFile).filter(p -> isLegacy(bucketDir.relativize(p))).toList();
            }
            for (Path file : legacy) {
                String key = bucketDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (KeyFileNames.problem(key) != null) {
                    LOG.warn("stored object {} left as it is: not a valid S3 key", key);
                    continue;
                }
                Path target = bucketDir.resolve(KeyFileNames.fileName(key));
                if (Files.exists(target)) {
                    LOG.warn("stored object {} left as it is: its new file already exists", key);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                moved++;
            }
            removeEmptyFolders(bucketDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move stored objects to their new file names", e);
        }
        if (moved > 0) {
            LOG.info("{} stored object(s) in {} moved to literal-key file names", moved, bucketDir.getFileName());
        }
        return moved;
    }

    /** Ours never lacks a '%'; s3proxy's own folders (.mpus-, .s3proxy-versions) start with a dot. */
    private static boolean isLegacy(Path relative) {
        return !relative.toString().contains("%") && !relative.getName(0).toString().startsWith(".");
    }

    private static void removeEmptyFolders(Path bucketDir) throws IOException {
        List<Path> dirs;
        try (Stream<Path> all = Files.walk(bucketDir)) {
            dirs = all.filter(Files::isDirectory).filter(d -> !d.equals(bucketDir))
                    .filter(d -> isLegacy(bucketDir.relativize(d))).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path d : dirs) {
            try (Stream<Path> in = Files.list(d)) {
                if (in.findAny().isEmpty()) {
                    Files.delete(d);
                }
            }
        }
    }
}
