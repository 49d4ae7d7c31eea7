package com.facegate.device.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The labelled faces in ../shared/faces (system property facegate.faces or env FACEGATE_FACES). */
public final class Faces {
    private Faces() {}

    public static Path lfw() {
        String p = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        Path dir = p == null ? null : Path.of(p, "lfw");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "labelled faces not found: set -Dfacegate.faces or FACEGATE_FACES to the shared faces folder");
        return dir;
    }

    public static Path photo(String name, int i) {
        return lfw().resolve(name).resolve(String.format("%s_%04d.jpg", name, i));
    }
}
