package com.facegate.it.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Labelled faces from ../shared/faces (or FACEGATE_FACES); tests skip, saying so, when they are absent. */
final class Lfw {
    private Lfw() {}

    static Path root() {
        String dir = System.getenv("FACEGATE_FACES");
        if (dir == null) {
            dir = System.getProperty("facegate.faces", "../../shared/faces");
        }
        Path lfw = Path.of(dir).resolve("lfw");
        assumeTrue(Files.isDirectory(lfw), "labelled faces not found at " + lfw.toAbsolutePath()
                + " (set FACEGATE_FACES or -Dfacegate.faces): end-to-end tests skipped");
        return lfw;
    }

    static Path photo(String name, int n) {
        return root().resolve(name).resolve(String.format("%s_%04d.jpg", name, n));
    }
}
