package com.facegate.cli.admin;

import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** {@code --json} output: the project's mapper (ISO-8601 times), indented, one document per command. */
final class JsonOut {
    private static final ObjectMapper MAPPER = MessageCodec.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOut() {}

    static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage());
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
