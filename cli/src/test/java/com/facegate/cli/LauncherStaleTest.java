package com.facegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `./facegate` launcher rebuilds only when the project's own sources changed: files a running stack writes
 * under data/ (properties, broker XML) once made every call rebuild for ~40 s. Runs the real script on a copy of
 * the project's layout.
 */
class LauncherStaleTest {
    private static final Path LAUNCHER = Path.of("..", "facegate").toAbsolutePath().normalize();
    private static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path project;

    @BeforeEach
    void aBuiltProject() throws IOException {
        Files.copy(LAUNCHER, project.resolve("facegate"));
        write("pom.xml", BUILT.minusSeconds(60));
        write("cli/pom.xml", BUILT.minusSeconds(60));
        write("cli/src/main/java/A.java", BUILT.minusSeconds(60));
        write("engine/pom.xml", BUILT.minusSeconds(60));
        write("engine/models.lock", BUILT.minusSeconds(60));
        Files.createDirectories(project.resolve("cli/target/lib"));
        write("cli/target/facegate-cli.jar", BUILT);
    }

    @Test
    void filesTheStackWritesDoNotMakeTheBuildStale() throws Exception {
        Instant later = BUILT.plusSeconds(600);
        write("data/credentials.properties", later);
        write("data/endpoints.properties", later);
        write("data/broker/config.xml", later);
        write("data/doors/front-door-01/door.properties", later);
        write("data/doors/front-door-01/camera/Visitor.java", later);
        write("cli/target/classes/B.class", later);

        assertThat(check()).isEqualTo("fresh");
    }

    @Test
    void aChangedSourcePomOrModelLockMakesItStale() throws Exception {
        assertThat(check()).isEqualTo("fresh");
        write("cli/src/main/java/A.java", BUILT.plusSeconds(1));
        assertThat(check()).isEqualTo("stale");

        write("cli/src/main/java/A.java", BUILT.minusSeconds(1));
        write("engine/models.lock", BUILT.plusSeconds(1));
        assertThat(check()).isEqualTo("stale");

        write("engine/models.lock", BUILT.minusSeconds(1));
        write("pom.xml", BUILT.plusSeconds(1));
        assertThat(check()).isEqualTo("stale");
    }

    @Test
    void aMissingJarMeansABuild() throws Exception {
        Files.delete(project.resolve("cli/target/facegate-cli.jar"));
        assertThat(check()).isEqualTo("stale");
    }

    private String check() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", project.resolve("facegate").toString())
                .redirectErrorStream(true);
        pb.environment().put("FACEGATE_STALE_CHECK", "1");
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private void write(String relative, Instant modified) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, "x");
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
