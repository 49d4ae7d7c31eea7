package com.facegate.device.capture;

import com.facegate.protocol.Failures;
import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.image.ImageDecoder;
import java.awt.image.BufferedImage;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image files of a folder (recursively, sorted by path) as a camera would deliver them: frame times advance by
 * 1/fps from the start, so gate windows are deterministic in tests and demos. Optionally loops.
 *
 * <p>Files in the folder are outside input: each is decoded as the engine decodes (size from the header before any
 * pixel, EXIF Orientation applied, a truncated JPEG refused rather than grey-filled), and a file that fails is a
 * dropped frame with a logged reason, as a camera drops a corrupt frame, never the end of the camera.
 */
public final class FolderFrameSource implements FrameSource {
    /** Larger files are not photos a camera would deliver (Rekognition's own cap on an S3 image is 15 MB). */
    public static final long MAX_FILE_BYTES = 15L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FolderFrameSource.class);

    private final List<Path> files;
    private final Duration frameInterval;
    private final boolean loop;
    private final Instant start;
    private long seq;
    private long droppedInARow;

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

    /**
     * The next usable file's frame. Unusable files are skipped; a looping folder in which no file is usable
     * fails (IOException) rather than spinning, so that the capture loop reports the camera as down.
     */
    @Override
    public Optional<Frame> next() throws IOException {
        while (true) {
            if (files.isEmpty() || (!loop && seq >= files.size())) {
                return Optional.empty();
            }
            if (droppedInARow >= files.size()) {
                droppedInARow = 0;
                throw new IOException("no usable image among the " + files.size() + " files of the camera folder");
            }
            Path p = files.get((int) (seq % files.size()));
            long n = seq++;
            Optional<Frame> frame = read(p, n);
            if (frame.isPresent()) {
                droppedInARow = 0;
                return frame;
            }
            droppedInARow++;
        }
    }

    private Optional<Frame> read(Path p, long n) {
        String name = p.getFileName().toString();
        try {
            long size = Files.size(p);
            if (size > MAX_FILE_BYTES) {
                LOG.warn("camera folder: frame {} ({}) dropped: {} bytes, more than {}", n, name, size, MAX_FILE_BYTES);
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(p);
            BufferedImage image = ImageDecoder.decodeImage(bytes);
            return Optional.of(new Frame(n, start.plus(frameInterval.multipliedBy(n)), image, bytes));
        } catch (ImageRejectedException e) {
            LOG.warn("camera folder: frame {} ({}) dropped: {} {}", n, name, e.kind(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("camera folder: frame {} ({}) dropped: {}", n, name, Failures.describe(e));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing held open between frames
    }
}
