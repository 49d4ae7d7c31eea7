package com.facegate.cloud.access;

import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;

/**
 * Carries the local Rekognition-compatible endpoint's per-face {@code "Liveness": {"Score": 0..100}} (a member
 * Amazon Rekognition does not have, so the typed SDK response drops it) into the typed response as the
 * {@value LivenessCheck#HEADER} header, comma-separated in FaceDetails order, where {@link LivenessCheck#fromHeader()}
 * reads it. Register it on the Rekognition client ({@link com.facegate.cloud.CloudClients} does); against AWS it
 * finds no scores and changes nothing.
 */
public final class LivenessInterceptor implements ExecutionInterceptor {
    private static final ExecutionAttribute<String> SCORES = new ExecutionAttribute<>("facegate.liveness.scores");
    private static final int MAX_BODY = 1024 * 1024;

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !context.httpResponse().isSuccessful()
                || !"DetectFaces".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return body;
        }
        try {
            byte[] bytes = body.get().readNBytes(MAX_BODY + 1);
            if (bytes.length <= MAX_BODY) {
                scores(bytes).ifPresent(s -> attributes.putAttribute(SCORES, s));
                return Optional.of(new ByteArrayInputStream(bytes));
            }
            // Implausibly large: hand everything back unparsed.
            return Optional.of(new java.io.SequenceInputStream(new ByteArrayInputStream(bytes), body.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        String scores = attributes.getAttribute(SCORES);
        if (scores == null || !(context.response() instanceof DetectFacesResponse r) || r.sdkHttpResponse() == null) {
            return context.response();
        }
        return r.toBuilder().sdkHttpResponse(r.sdkHttpResponse().toBuilder()
                .putHeader(LivenessCheck.HEADER, scores).build()).build();
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
