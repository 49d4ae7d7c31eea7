package com.facegate.cloud.access;

import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Carries the local Rekognition-compatible endpoint's per-face {@code "Liveness": {"Score": 0..100}} (a member
 * Amazon Rekognition does not have, so the typed SDK response drops it) into the typed response as the
 * {@value LivenessCheck#HEADER} header, comma-separated in FaceDetails order, where {@link LivenessCheck#fromHeader()}
 * reads it. Register it on the Rekognition client ({@link com.facegate.cloud.CloudClients} does); against AWS it
 * finds no scores and changes nothing.
 */
public final class LivenessInterceptor implements ExecutionInterceptor {
    private static final ExecutionAttribute<byte[]> BODY = new ExecutionAttribute<>("facegate.liveness.body");
    private static final ExecutionAttribute<InputStream> REST = new ExecutionAttribute<>("facegate.liveness.rest");
    private static final int MAX_BODY = 1024 * 1024;

    /**
     * Reads the DetectFaces body here (before unmarshalling) and adds the header to the HTTP response itself: the
     * SDK derives the typed response's {@code sdkHttpResponse()} from it. The body is handed back unchanged in
     * {@link #modifyHttpResponseContent}.
     */
    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !context.httpResponse().isSuccessful()
                || !"DetectFaces".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return context.httpResponse();
        }
        try {
            byte[] bytes = body.get().readNBytes(MAX_BODY + 1);
            attributes.putAttribute(BODY, bytes);
            if (bytes.length > MAX_BODY) {
                attributes.putAttribute(REST, body.get());
                return context.httpResponse();
            }
            Optional<String> scores = scores(bytes);
            return scores.isEmpty() ? context.httpResponse()
                    : context.httpResponse().toBuilder().putHeader(LivenessCheck.HEADER, scores.get()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        byte[] read = attributes.getAttribute(BODY);
        if (read == null) {
            return context.responseBody();
        }
        attributes.putAttribute(BODY, null);
        InputStream rest = attributes.getAttribute(REST);
        InputStream head = new ByteArrayInputStream(read);
        return Optional.of(rest == null ? head : new SequenceInputStream(head, rest));
    }

    /** "s0,s1,..." when every face has a numeric Liveness.Score; empty otherwise. */
    static Optional<String> scores(byte[] json) {
        try {
            JsonNode faces = MessageCodec.mapper().readTree(json).path("FaceDetails");
            if (!faces.isArray() || faces.isEmpty()) {
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            for (JsonNode f : faces) {
                JsonNode s = f.path("Liveness").path("Score");
                if (!s.isNumber()) {
                    return Optional.empty();
                }
                out.add(String.valueOf(s.asDouble()));
            }
            return Optional.of(String.join(",", out));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
