package com.facegate.local.aws.rekognition;

import com.facegate.local.aws.auth.SigV4Request;
import com.facegate.local.aws.auth.SigV4Result;
import com.facegate.local.aws.auth.SigV4Verifier;
import com.facegate.local.http.JsonExchange;
import com.facegate.local.http.RequestBodies;
import com.facegate.protocol.Sanitize;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS JSON 1.1 over HTTP: size cap, SigV4, {@code X-Amz-Target} dispatch, the caller's policy, and errors as
 * {@code {"__type": ..., "message": ...}} with Rekognition's status codes.
 */
final class RekognitionHttpHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RekognitionHttpHandler.class);
    private static final String TARGET_PREFIX = "RekognitionService.";
    private static final String JSON_11 = "application/x-amz-json-1.1";
    /** Largest body read: a 5 MB image in base64 is ~6.7 MB; anything bigger cannot be a valid request. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    /** Oversized bodies up to this are read and discarded so the client sees the error; beyond it we hang up. */
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;
    /** Unauthenticated requests: read at most this much of the body before refusing (no buffering either way). */
    private static final long EARLY_REJECT_DRAIN_BYTES = 1024L * 1024;

    private final SigV4Verifier verifier;
    private final RekognitionAuthorizer authorizer;
    private final Map<String, Operation> operations;

    RekognitionHttpHandler(SigV4Verifier verifier, RekognitionAuthorizer authorizer,
            Map<String, Operation> operations) {
        this.verifier = verifier;
        this.authorizer = authorizer;
        this.operations = Map.copyOf(operations);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        String target = request.getHeaders().get("X-Amz-Target");
        int status;
        byte[] body;
        try {
            ObjectNode result = process(request, target);
            status = 200;
            body = RekognitionJson.MAPPER.writeValueAsBytes(result);
        } catch (RekognitionException e) {
            status = e.status();
            body = errorBody(e);
        } catch (RuntimeException | IOException e) {
            LOG.error("Rekognition request {} failed", requestId, e);
            RekognitionException internal = RekognitionErrors.internal();
            status = internal.status();
            body = errorBody(internal);
        }
        LOG.debug("{} {} -> {} in {} ms", target, requestId, status,
                (System.nanoTime() - started) / 1_000_000);
        response.setStatus(status);
        response.getHeaders().put("x-amzn-RequestId", requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_11);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private ObjectNode process(Request request, String target) throws IOException {
        String path = request.getHttpURI().getPath();
        String query = request.getHttpURI().getQuery();
        Map<String, List<String>> headers = JsonExchange.headers(request);
        // Refuse unknown keys, stale dates and unsigned requests before buffering a body of up to 8 MB.
        SigV4Result early = verifier.verify(new SigV4Request(request.getMethod(), path, query, headers, new byte[0]));
        if (!early.isValid() && early.failure() != SigV4Result.Failure.BODY_HASH_MISMATCH
                && early.failure() != SigV4Result.Failure.SIGNATURE_MISMATCH) {
            RequestBodies.discard(Content.Source.asInputStream(request), EARLY_REJECT_DRAIN_BYTES);
            throw new RekognitionException(early.errorCode(), early.httpStatus(), early.message());
        }
        if (request.getLength() > MAX_DRAIN_BYTES) {
            throw RekognitionErrors.imageTooLarge("Request body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        byte[] bytes = readBody(request);
        SigV4Result auth = verifier.verify(new SigV4Request(request.getMethod(), path, query, headers, bytes));
        if (!auth.isValid()) {
            throw new RekognitionException(auth.errorCode(), auth.httpStatus(), auth.message());
        }
        if (!"POST".equals(request.getMethod()) || !"/".equals(path)) {
            throw RekognitionErrors.unknownOperation(request.getMethod() + " " + Sanitize.forLog(path));
        }
        Operation op = target != null && target.startsWith(TARGET_PREFIX)
                ? operations.get(target.substring(TARGET_PREFIX.length())) : null;
        if (op == null) {
            throw RekognitionErrors.unknownOperation(Sanitize.forLog(String.valueOf(target)));
        }
        JsonNode json;
        try {
            json = bytes.length == 0 ? RekognitionJson.object() : RekognitionJson.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw RekognitionErrors.serialization("Request body is not valid JSON.");
        }
        if (json == null || !json.isObject()) {
            throw RekognitionErrors.serialization("Request body must be a JSON object.");
        }
        authorizer.check(auth.principal(), target.substring(TARGET_PREFIX.length()), json);
        return op.handle(new Params(json));
    }

    private static byte[] readBody(Request request) throws IOException {
        InputStream in = Content.Source.asInputStream(request);
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            RequestBodies.discard(in, MAX_DRAIN_BYTES);
            throw RekognitionErrors.imageTooLarge("Request body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        return bytes;
    }

    private static byte[] errorBody(RekognitionException e) {
        ObjectNode error = RekognitionJson.object().put("__type", e.code()).put("message", e.getMessage());
        return error.toString().getBytes(StandardCharsets.UTF_8);
    }
}
