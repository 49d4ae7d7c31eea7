package com.facegate.device.capture;

import java.io.IOException;
import java.util.Optional;

/** Where frames come from: a V4L2 camera, an RTSP stream, a video file or an image folder. */
public interface FrameSource extends AutoCloseable {

    /** The next frame, blocking until there is one; empty at the end of a finite source. */
    Optional<Frame> next() throws IOException;

    @Override
    void close();
}
