package com.facegate.site;

import com.facegate.device.capture.FolderFrameSource;
import com.facegate.device.capture.Frame;
import com.facegate.device.capture.FrameSource;
import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.image.ImageDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A camera pointed at a corridor: an empty frame every {@code frameMillis} until someone is shown, then that
 * person's photo as a raw frame (no JPEG: the door encodes it, as it would a camera frame).
 */
public final class VisitCamera implements FrameSource {
    private final BufferedImage corridor;
    private final long frameMillis;
    private final BlockingQueue<BufferedImage> shown = new LinkedBlockingQueue<>();
    private final LongConsumer onFaceFrame;
    private volatile boolean closed;
    private long seq;

    /** {@code onFaceFrame} gets System.nanoTime() when a shown photo leaves the camera. */
    public VisitCamera(long frameMillis, LongConsumer onFaceFrame) {
        this.frameMillis = frameMillis;
        this.onFaceFrame = onFaceFrame;
        corridor = new BufferedImage(250, 250, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = corridor.createGraphics();
        g.setColor(new Color(118, 120, 112));
        g.fillRect(0, 0, 250, 250);
        g.dispose();
    }

    /**
     * Decodes the photo now, so the visit's clock starts when the face is in front of the camera. Decoded as the
     * engine decodes (size from the header first, EXIF upright, a truncated file refused): this camera re-encodes
     * what it shows, so ImageIO's grey-filled half of a truncated JPEG would otherwise reach the cloud as a face.
     */
    public static BufferedImage load(Path photo) throws IOException {
        if (Files.size(photo) > FolderFrameSource.MAX_FILE_BYTES) {
            throw new IOException("larger than " + FolderFrameSource.MAX_FILE_BYTES + " bytes");
        }
        try {
            return ImageDecoder.decodeImage(Files.readAllBytes(photo));
        } catch (ImageRejectedException e) {
            throw new IOException(e.kind() + ": " + e.getMessage(), e);
        }
    }

    public void show(BufferedImage frame) {
        shown.add(frame);
    }

    @Override
    public Optional<Frame> next() {
        while (!closed) {
            BufferedImage img;
            try {
                img = shown.poll(frameMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (img != null) {
                onFaceFrame.accept(System.nanoTime());
                return Optional.of(new Frame(seq++, Instant.now(), img, null));
            }
            return Optional.of(new Frame(seq++, Instant.now(), corridor, null));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
