package com.facegate.cloud.access;

import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import java.util.Optional;

/**
 * Decides one capture already known to be in the configured bucket: the step both entry points (the S3 event and
 * the door's announcement) end in, so a deployment can wrap it once for both (a benchmark's stage clock, a test's
 * "cloud down"). {@link AccessDecisionHandler#handle(CaptureKey)} is the real one.
 */
@FunctionalInterface
public interface CaptureDecisions {
    /**
     * Returns the decision published, or empty when skipped (already decided, or not published). Throws
     * {@link CaptureBusyException} while another delivery holds the capture's claim.
     */
    Optional<Decision> decide(CaptureKey capture);
}
