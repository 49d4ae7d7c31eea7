package com.facegate.bench.rush;

import com.facegate.bench.kit.DecisionTap;
import com.facegate.device.mqtt.DoorLink;
import com.facegate.protocol.CaptureKey;
import com.facegate.site.VisitCamera;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * One door's corridor during the rush: its camera, and hooks around the door's S3 client (which capture it
 * uploaded) and MQTT link (which decisions it received), feeding the {@link Tally}. A door serves one person at a
 * time; {@link #current} is the visit in front of it. No part of the door changes.
 */
final class DoorLane {
    /** A visit in front of the door: its face frame, the capture it became, whether the relay opened for it. */
    static final class Visit {
        final Arrivals.Arrival arrival;
        volatile long faceFrame;
        volatile Tally.Capture capture;
        volatile long relayHigh;

        Visit(Arrivals.Arrival arrival) {
            this.arrival = arrival;
        }
    }

    final String doorId;
    final VisitCamera camera;
    private final Tally tally;
    private volatile Visit current;
    /** Visits whose face left the camera and whose capture is not uploaded yet, oldest first (a slow door). */
    private final Deque<Visit> awaitingUpload = new ConcurrentLinkedDeque<>();

    DoorLane(String doorId, Tally tally, long idleFrameMillis) {
        this.doorId = doorId;
        this.tally = tally;
        this.camera = new VisitCamera(idleFrameMillis, this::faceFrame);
    }

    Visit begin(Arrivals.Arrival a) {
        Visit v = new Visit(a);
        current = v;
        return v;
    }

    private void faceFrame(long at) {
        Visit v = current;
        if (v != null && v.faceFrame == 0) {
            v.faceFrame = at;
            awaitingUpload.add(v);
        }
    }

    void relayHigh() {
        long now = System.nanoTime();
        Visit v = current;
        if (v != null && v.relayHigh == 0) {
            v.relayHigh = now;
            Tally.Capture c = v.capture;
            if (c != null && c.relayHigh == 0) {
                c.relayHigh = now;
            }
        }
    }

    S3Client s3(S3Client s3) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    // Counted before the put: the capture's S3 event may reach the cloud before the reply.
                    if (method.getName().equals("putObject") && args != null
                            && args[0] instanceof PutObjectRequest put) {
                        CaptureKey.parse(put.key()).ifPresent(k -> {
                            // The oldest face still waiting: a loaded door may upload after its visitor moved on.
                            Visit v = awaitingUpload.poll();
                            Tally.Capture c = tally.uploaded(doorId, k.captureId(), v == null ? 0 : v.faceFrame);
                            if (v != null) {
                                v.capture = c;
                            }
                        });
                    }
                    try {
                        return method.invoke(s3, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    DoorLink link(DoorLink link) {
        return DecisionTap.around(link, (d, received) -> tally.decision(doorId, d, received));
    }
}
