package com.facegate.device.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real small disk for full-disk tests: a tmpfs of the given size mounted by the test (CI runs as root; the test
 * is skipped with a message where mounting is not permitted). Writes beyond it fail with ENOSPC from the kernel.
 */
public final class TinyDisk implements AutoCloseable {
    private final Path at;

    private TinyDisk(Path at) {
        this.at = at;
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax: {@code 1m}) at {@code dir}, created if needed. */
    public static TinyDisk mount(Path dir, String size) throws Exception {
        return mountWith(dir, "size=" + size);
    }

    /**
     * A tmpfs of {@code size} that holds at most {@code inodes} files and folders (its root is one): once
     * {@link #fillInodes} used them up no file or folder can be created, whatever space is left.
     */
    public static TinyDisk mount(Path dir, String size, int inodes) throws Exception {
        return mountWith(dir, "size=" + size + ",nr_inodes=" + inodes);
    }

    private static TinyDisk mountWith(Path dir, String options) throws Exception {
        Path at = Files.createDirectories(dir);
        String failure = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString());
        assumeTrue(failure == null, "skipped: cannot mount a tmpfs here (" + failure + ")");
        return new TinyDisk(at);
    }

    public Path path() {
        return at;
    }

    /** Writes {@code file} until the disk refuses (ENOSPC): every page of the disk is then in use. */
    public Path fill(String file) {
        Path p = at.resolve(file);
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(p)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
        return p;
    }

    /** Remounts the disk read-only or back read-write, as a kernel does to a failing disk (ext4 errors=remount-ro). */
    public void readOnly(boolean on) throws Exception {
        String failure = run("mount", "-o", "remount," + (on ? "ro" : "rw"), at.toString());
        if (failure != null) {
            throw new IllegalStateException("cannot remount " + at + ": " + failure);
        }
    }

    /** Creates empty files {@code prefix-N} until the disk refuses one (ENOSPC): no inode is left. */
    public List<Path> fillInodes(String prefix) {
        List<Path> made = new ArrayList<>();
        try {
            while (true) {
                made.add(Files.createFile(at.resolve(prefix + "-" + made.size())));
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
        return made;
    }

    @Override
    public void close() throws Exception {
        // Lazy: a test that failed half-way may still hold a file open on it.
        String failure = run("umount", "-l", at.toString());
        if (failure != null) {
            throw new IllegalStateException("cannot unmount " + at + ": " + failure);
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }
}
