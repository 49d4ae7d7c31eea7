package com.facegate.local.aws.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files atomically; secrets are created owner-only (0600) before any byte lands in them. */
public final class SecureFiles {
    private SecureFiles() {}

    public static void writeSecret(Path file, byte[] content) {
        write(file, content, true);
    }

    public static void writeSecret(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8), true);
    }

    public static void writePublic(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8), false);
    }

    public static void write(Path file, byte[] content, boolean secret) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                restrict(tmp, secret);
                Files.write(tmp, content);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Creates a directory readable by its owner only (for folders that hold keys and passwords). */
    public static Path privateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (supportsPosix(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void restrict(Path file, boolean secret) throws IOException {
        if (supportsPosix(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        }
    }

    private static boolean supportsPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
