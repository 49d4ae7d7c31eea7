package com.facegate.engine;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The labelled faces folder (system property facegate.faces or env FACEGATE_FACES); tests skip without it. */
final class Faces {
    private Faces() {}

    static Path root() {
        String dir = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        Path p = dir == null ? null : Path.of(dir);
        Assumptions.assumeTrue(p != null && Files.isDirectory(p.resolve("lfw")),
                "labelled faces not found (set -Dfacegate.faces or FACEGATE_FACES to the shared faces folder); "
                        + "skipping");
        return p;
    }

    static byte[] photo(String person, int n) {
        try {
            return Files.readAllBytes(root().resolve("lfw").resolve(person)
                    .resolve(String.format("%s_%04d.jpg", person, n)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
