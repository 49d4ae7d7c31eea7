package com.facegate.device.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * {@code @TempDir(factory = MemoryTempDir.class)}: a temporary folder on tmpfs ({@code /dev/shm}) where there is
 * one, for tests that make thousands of fsync'd writes to check logic, not the disk; the usual temp folder
 * elsewhere.
 */
public final class MemoryTempDir implements TempDirFactory {
    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, "facegate-test-");
        }
        return Files.createTempDirectory("facegate-test-");
    }
}
