package com.facegate.device.gate;

import java.time.Duration;

/** Told when the capture loop loses its camera and when frames flow again, so that the door audits both. */
public interface CameraWatch {
    CameraWatch NONE = new CameraWatch() {
        @Override
        public void down(String reason) { }

        @Override
        public void restored(Duration downFor) { }
    };

    /** The camera failed (once per outage); {@code reason} names what failed, without untrusted text. */
    void down(String reason);

    /** A frame arrived again after {@link #down}. */
    void restored(Duration downFor);
}
