package com.facegate.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON for door messages. Unknown fields are ignored (newer writers); duplicate keys, missing, malformed or
 * out-of-range required fields are rejected with every problem at once, each naming its field and rule, so nothing
 * half-valid is ever acted on.
 */
public final class MessageCodec {
    /** Door messages are small; anything bigger is hostile or broken. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(8192).build());
    }

    /**
     * Messages are read with duplicate keys refused: with last-one-wins, {@code "type":"LOCKDOWN", ...
     * "type":"UNLOCK"} would be shown by one reader and acted on differently by another.
     */
    private static final ObjectReader READER = MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private MessageCodec() {}

    /** The shared mapper (ISO-8601 instants, unknown fields ignored), for documents beside the messages. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Message message) {
        List<String> problems = message.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("refusing to send an invalid " + message.getClass().getSimpleName()
                    + ": " + String.join("; ", problems));
        }
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String encodeToString(Message message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static <T extends Message> T decode(byte[] json, Class<T> type) throws InvalidMessageException {
        if (json == null || json.length == 0) {
            throw new InvalidMessageException(new Problem(Problem.WHOLE, "empty"));
        }
        if (json.length > MAX_BYTES) {
            throw new InvalidMessageException(new Problem(Problem.WHOLE, "larger than " + MAX_BYTES + " bytes"));
        }
        T message;
        try {
            message = READER.forType(type).readValue(json);
        } catch (IOException | RuntimeException e) {
            throw new InvalidMessageException(JsonProblems.of(e, type));
        }
        if (message == null) {
            throw new InvalidMessageException(new Problem(Problem.WHOLE, "null"));
        }
        List<Problem> problems = message.violations();
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems, message.id());
        }
        return message;
    }

    public static <T extends Message> T decode(String json, Class<T> type) throws InvalidMessageException {
        return decode(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }
}
