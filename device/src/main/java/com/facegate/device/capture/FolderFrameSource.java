package com.facegate.device.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Image files of a folder (recursively, sorted by path) as a camera would deliver them: frame times advance by
 * 1/fps from the start, so gate windows are deterministic in tests and demos. Optionally loops.
 */
public final class FolderFrameSource implements FrameSource {
    private final List<Path> files;
    private final Duration frameInterval;
    private final boolean loop;
    private final Instant start;
    private long seq;

    public FolderFrameSource(Path folder, int fps, boolean loop, Instant start) throws IOException {
        this(list(folder), fps, loop, start);
    }

    public FolderFrameSource(List<Path> files, int fps, boolean loop, Instant start) {
        this.files = List.copyOf(files);
        this.frameInterval = Duration.ofNanos(1_000_000_000L / Math.max(1, fps));
        this.loop = loop;
        this.start = start;
    }

    public static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
            }).sorted().collect(Collectors.toList());
        }
    }

    @Override
    public Optional<Frame> next() throws IOException {
        while (true) {
            if (files.isEmpty() || (!loop && seq >= files.size())) {
                return Optional.empty();
            }
            Path p = files.get((int) (seq % files.size()));
            long n = seq++;
            byte[] bytes = Files.readAllBytes(p);
            var image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            if (image == null) {
                continue; // not an image after all: a camera would just drop the frame
            }
            return Optional.of(new Frame(n, start.plus(frameInterval.multipliedBy(n)), image, bytes));
        }
    }

    @Override
    public void close() {
        // nothing held open between frames
    }
}
