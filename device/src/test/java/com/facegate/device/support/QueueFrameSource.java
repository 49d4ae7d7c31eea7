package com.facegate.device.support;

import com.facegate.device.capture.Frame;
import com.facegate.device.capture.FrameSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * A camera the test points at photos: frames are image files offered by the test, stamped when taken; between
 * photos it sees an empty corridor (a plain grey frame every 100 ms), as a real camera keeps delivering frames.
 */
public final class QueueFrameSource implements FrameSource {
    private static final java.awt.image.BufferedImage EMPTY = emptyCorridor();
    private static final byte[] EMPTY_JPEG = com.facegate.device.capture.Jpeg.encode(EMPTY, 90);

    private static java.awt.image.BufferedImage emptyCorridor() {
        var img = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        var g = img.createGraphics();
        g.setColor(new java.awt.Color(120, 120, 110));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        return img;
    }

    private final BlockingQueue<Path> files = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private long seq;

    public void show(Path... photos) {
        files.addAll(java.util.List.of(photos));
    }

    @Override
    public Optional<Frame> next() throws IOException {
        while (!closed) {
            Path p;
            try {
                p = files.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (p != null) {
                byte[] bytes = Files.readAllBytes(p);
                return Optional.of(new Frame(seq++, Instant.now(),
                        ImageIO.read(new ByteArrayInputStream(bytes)), bytes));
            }
            return Optional.of(new Frame(seq++, Instant.now(), EMPTY, EMPTY_JPEG));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
