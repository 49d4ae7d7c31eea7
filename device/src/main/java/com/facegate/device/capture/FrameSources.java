package com.facegate.device.capture;

import com.facegate.device.config.DoorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Opens the configured frame source. */
public final class FrameSources {
    private FrameSources() {}

    public static FrameSource open(DoorConfig.Capture cfg, Clock clock) throws IOException {
        if ("folder".equals(cfg.source())) {
            return new FolderFrameSource(Path.of(cfg.location()), cfg.fps(), cfg.loop(), clock.instant());
        }
        return new GrabberFrameSource(cfg, clock);
    }
}
