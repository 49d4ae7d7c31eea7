package com.facegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The main job's demo, as `./facegate local --demo` runs it (on the stack's usual loopback ports): two people
 * enrolled from the labelled folder are let in with another photo of themselves, and the stranger is not.
 */
class LocalCommandTest {
    @TempDir
    Path data;

    @Test
    void givenTheDemo_whenItsPeopleWalkUp_thenBothAreLetInAndTheStrangerIsNot() {
        String faces = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        assumeTrue(faces != null && Files.isDirectory(Path.of(faces, "lfw")),
                "skipped: no labelled faces (set -Dfacegate.faces or FACEGATE_FACES to the shared faces folder)");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new FaceGate()).execute("local", "--data", data.toString(), "--faces", faces,
                    "--demo", "--exit-after-demo", "--free-ports"); // free ports: runs beside a developer's own site
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(exit).isZero();
        assertThat(out).contains("enrolled B-DEMO-1: [ENROLLED", "enrolled B-DEMO-2:");
        assertThat(out).contains("UNLOCKED badge B-DEMO-1 (MATCHED)", "UNLOCKED badge B-DEMO-2 (MATCHED)");
        // Exactly two unlocks: the stranger, last to walk up, is denied.
        assertThat(out.lines().filter(l -> l.startsWith("  [door ") && l.contains(" UNLOCKED "))).hasSize(2);
        assertThat(out).containsPattern("DENIED \\([A-Z_]+\\)");
    }
}
