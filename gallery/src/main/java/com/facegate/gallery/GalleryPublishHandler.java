package com.facegate.gallery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.engine.OnnxFaceEngine;
import java.time.Clock;

/**
 * The scheduled Lambda (EventBridge, every few minutes) that republishes every door's offline gallery, so that an
 * enrollment, revocation, erasure or schedule boundary reaches the doors within one period. A round in which some
 * door failed throws after the others are done, so the failure shows in the function's error metric.
 */
public final class GalleryPublishHandler implements RequestHandler<ScheduledEvent, GalleryPublisher.Outcome> {
    private final GalleryPublisher publisher;

    /** Lambda entry point: clients and the face engine's sessions are built once per container. */
    public GalleryPublishHandler() {
        this(CloudConfig.fromEnv(), CloudClients.fromEnv(), Clock.systemUTC());
    }

    public GalleryPublishHandler(CloudConfig config, CloudClients clients, Clock clock) {
        this(new GalleryPublisher(clients.s3(), config.bucket(), OnnxFaceEngine.load(),
                new S3DoorKeys(clients.s3(), config.bucket()), clock));
    }

    public GalleryPublishHandler(GalleryPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public GalleryPublisher.Outcome handleRequest(ScheduledEvent event, Context context) {
        GalleryPublisher.Outcome outcome = publisher.publishAll();
        if (!outcome.failed().isEmpty()) {
            throw new IllegalStateException("galleries not published for door(s) " + outcome.failed()
                    + " (published: " + outcome.published().size() + ")");
        }
        return outcome;
    }
}
