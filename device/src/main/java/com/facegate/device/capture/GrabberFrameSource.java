package com.facegate.device.capture;

import com.facegate.device.config.DoorConfig;
import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.image.ImageDecoder;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A V4L2 camera, an RTSP stream or a video file through JavaCV's FFmpeg grabber (one native stack for all three,
 * so only FFmpeg's natives ship). Resolution and frame rate are requested from the device; RTSP runs over TCP so
 * that lost UDP packets do not smear the face we are about to upload. A frame larger than the engine accepts
 * fails the source (the capture loop restarts it and audits the fault) before any raster is made for it.
 */
public final class GrabberFrameSource implements FrameSource {
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final Clock clock;
    private long seq;

    public GrabberFrameSource(DoorConfig.Capture cfg, Clock clock) throws IOException {
        this.clock = clock;
        grabber = new FFmpegFrameGrabber(cfg.location());
        switch (cfg.source()) {
            case "v4l2" -> {
                grabber.setFormat("video4linux2");
                grabber.setImageWidth(cfg.width());
                grabber.setImageHeight(cfg.height());
                grabber.setFrameRate(cfg.fps());
            }
            case "rtsp" -> {
                grabber.setOption("rtsp_transport", "tcp");
                grabber.setOption("stimeout", "5000000");
            }
            default -> { /* video file: its own size and rate */ }
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot open " + cfg.source() + " source " + cfg.location() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Frame> next() throws IOException {
        try {
            org.bytedeco.javacv.Frame f;
            do {
                f = grabber.grabImage();
                if (f == null) {
                    return Optional.empty();
                }
            } while (f.image == null);
            try {
                // Before the converter allocates a raster for it: a stream may claim any size.
                ImageDecoder.checkSize(f.imageWidth, f.imageHeight);
            } catch (ImageRejectedException e) {
                throw new IOException("camera frame refused: " + e.getMessage());
            }
            // The converter reuses its buffer; copy so the frame outlives the next grab.
            var img = converter.getBufferedImage(f);
            var copy = new java.awt.image.BufferedImage(img.getWidth(), img.getHeight(),
                    java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            copy.getGraphics().drawImage(img, 0, 0, null);
            return Optional.of(new Frame(seq++, clock.instant(), copy, null));
        } catch (FrameGrabber.Exception e) {
            throw new IOException("grab failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // closing
        }
        converter.close();
    }
}
