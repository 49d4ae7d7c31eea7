package com.facegate.local.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A Lambda function the local stack can invoke: a typed {@code RequestHandler<S3Event, ?>} (the event JSON is
 * deserialised with the Lambda Java runtime's own serializer, so handlers see what they would see in AWS) or a
 * {@code RequestStreamHandler} (raw JSON in).
 */
public final class LambdaTarget {
    private static final PojoSerializer<S3Event> S3_EVENTS =
            LambdaEventSerializers.serializerFor(S3Event.class, LambdaTarget.class.getClassLoader());

    private final String functionName;
    private final RequestHandler<S3Event, ?> typed;
    private final RequestStreamHandler stream;
    /** Null: one instance, always warm; else each invocation runs in one of these containers. */
    private final LambdaContainers containers;

    private LambdaTarget(String functionName, RequestHandler<S3Event, ?> typed, RequestStreamHandler stream,
            LambdaContainers containers) {
        this.functionName = Objects.requireNonNull(functionName);
        this.typed = typed;
        this.stream = stream;
        this.containers = containers;
    }

    public static LambdaTarget of(String functionName, RequestHandler<S3Event, ?> handler) {
        return new LambdaTarget(functionName, Objects.requireNonNull(handler), null, null);
    }

    public static LambdaTarget ofStream(String functionName, RequestStreamHandler handler) {
        return new LambdaTarget(functionName, null, Objects.requireNonNull(handler), null);
    }

    /** A function whose invocations run in containers started on demand (see {@link LambdaContainers}). */
    public static LambdaTarget inContainers(LambdaContainers containers) {
        return new LambdaTarget(containers.functionName(), null, null, containers);
    }

    public String functionName() {
        return functionName;
    }

    /** The runtime's deserialisation of an S3 event, shared with tests that need the same view. */
    public static S3Event parse(String json) {
        return S3_EVENTS.fromJson(json);
    }

    void invoke(String eventJson, Context context) throws Exception {
        if (containers != null) {
            LambdaTarget container = containers.acquire();
            try {
                container.invoke(eventJson, context);
            } finally {
                containers.release(container);
            }
        } else if (typed != null) {
            typed.handleRequest(parse(eventJson), context);
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
        }
    }
}
