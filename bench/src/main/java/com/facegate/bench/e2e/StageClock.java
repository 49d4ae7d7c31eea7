package com.facegate.bench.e2e;

import com.facegate.cloud.access.CaptureDecisions;
import com.facegate.bench.kit.DecisionTap;
import com.facegate.device.mqtt.DoorLink;
import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import com.facegate.protocol.Decision;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Times one visit at a time across every stage, from the outside: wrappers around the door's engine, S3 client
 * and MQTT link, around the access handler, and an SDK interceptor on the handlers' clients. No part changes.
 * Visits are sequential, so every event belongs to the current visit.
 */
final class StageClock {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("facegate-bench-start");

    /** Event times (System.nanoTime) of one visit; 0 = did not happen. */
    static final class Visit {
        volatile long shown;
        volatile long faceFrame;
        volatile boolean expectAnalyze;
        volatile long analyzeStart;
        volatile long analyzeEnd;
        volatile long uploadStart;
        volatile long uploadEnd;
        volatile long handlerStart;
        volatile long handlerEnd;
        /** First Rekognition call's start and last one's end: the calls may overlap, so a span, not a sum. */
        volatile long searchStart;
        volatile long searchEnd;
        volatile long publishStart;
        volatile long publishEnd;
        volatile long received;
        volatile long relayHigh;
        volatile Decision decision;
        /** The capture this visit uploaded: a late decision for an earlier visit's capture is not this one's. */
        volatile String captureKey;
        /** Every SDK call the cloud made for this visit: "Service Operation" and its nanoseconds. */
        final java.util.Queue<Call> calls = new java.util.concurrent.ConcurrentLinkedQueue<>();
    }

    /** One SDK call of a handler, with its start relative to the handler's (for the call breakdown). */
    record Call(String name, long startAfterHandler, long nanos) {}

    private final AtomicReference<Visit> current = new AtomicReference<>(new Visit());

    Visit begin() {
        Visit v = new Visit();
        v.shown = System.nanoTime();
        current.set(v);
        return v;
    }

    void faceFrame(long at) {
        Visit v = current.get();
        v.faceFrame = at;
        v.expectAnalyze = true;
    }

    void relayHigh() {
        Visit v = current.get();
        if (v.relayHigh == 0) {
            v.relayHigh = System.nanoTime();
        }
    }

    FaceEngine engine(FaceEngine engine) {
        return new FaceEngine() {
            @Override
            public List<Face> analyze(byte[] image, Detail detail) throws ImageRejectedException {
                Visit v = current.get();
                boolean timed = v.expectAnalyze;
                long t0 = System.nanoTime();
                try {
                    return engine.analyze(image, detail);
                } finally {
                    if (timed) {
                        v.expectAnalyze = false;
                        v.analyzeStart = t0;
                        v.analyzeEnd = System.nanoTime();
                    }
                }
            }

            @Override
            public int embeddingSize() {
                return engine.embeddingSize();
            }

            @Override
            public void close() {
                // The bench owns the engine.
            }
        };
    }

    S3Client s3(S3Client s3) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    boolean upload = method.getName().equals("putObject");
                    if (upload && args != null && args[0] instanceof software.amazon.awssdk.services.s3.model
                            .PutObjectRequest put) {
                        current.get().captureKey = put.key(); // before the put: its S3 event may beat the reply
                    }
                    long t0 = System.nanoTime();
                    try {
                        return method.invoke(s3, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (upload) {
                            Visit v = current.get();
                            v.uploadStart = t0;
                            v.uploadEnd = System.nanoTime();
                        }
                    }
                });
    }

    /**
     * Times the capture decision, whichever entry point reaches it first (announcement or S3 event); the later one
     * finds the capture decided and is not this visit's handler time, nor is a late S3 event of an earlier visit.
     */
    CaptureDecisions access(CaptureDecisions decisions) {
        return capture -> {
            Visit v = current.get();
            long t0 = System.nanoTime();
            boolean first;
            synchronized (v) {
                first = v.handlerStart == 0 && capture.key().equals(v.captureKey);
                if (first) {
                    v.handlerStart = t0;
                }
            }
            try {
                return decisions.decide(capture);
            } finally {
                if (first) {
                    v.handlerEnd = System.nanoTime();
                }
            }
        };
    }

    /** Rekognition calls count as search (first start to last end); the IoT data-plane publish is timed on its own. */
    ExecutionInterceptor interceptor() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
                attrs.putAttribute(STARTED, System.nanoTime());
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attrs) {
                long t0 = attrs.getAttribute(STARTED);
                long t1 = System.nanoTime();
                String service = attrs.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
                Visit v = current.get();
                if (v.handlerStart != 0) {
                    v.calls.add(new Call(service + " " + attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                            t0 - v.handlerStart, t1 - t0));
                }
                if ("Rekognition".equalsIgnoreCase(service)) {
                    synchronized (v) {
                        v.searchStart = v.searchStart == 0 ? t0 : Math.min(v.searchStart, t0);
                        v.searchEnd = Math.max(v.searchEnd, t1);
                    }
                } else if ("Publish".equals(attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    v.publishStart = t0;
                    v.publishEnd = t1;
                }
            }
        };
    }

    DoorLink link(DoorLink link) {
        return DecisionTap.around(link, (d, received) -> {
            Visit v = current.get();
            String key = v.captureKey;
            if (key != null && key.endsWith("/" + d.captureId() + ".jpg")) {
                v.received = received;
                v.decision = d;
            }
        });
    }
}
