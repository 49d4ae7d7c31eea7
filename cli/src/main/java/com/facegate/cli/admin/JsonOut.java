package com.facegate.cli.admin;

import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Sanitize;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/**
 * {@code --json} output: the project's mapper (ISO-8601 times), indented, one document per command. Values from
 * outside (a door's reason, a badge's name) reach a terminal here too, so every code point a terminal could act
 * on (C1 controls, bidi overrides, line separators) is written as a JSON {@code \\uXXXX} escape: the same string
 * to a JSON reader, inert on a screen.
 */
final class JsonOut {
    private static final ObjectMapper MAPPER = MessageCodec.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        MAPPER.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
    }

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

    /** JSON's own escapes for ASCII, plus {@code \\uXXXX} for every non-ASCII char {@link Sanitize} calls unsafe. */
    static final class TerminalSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Sanitize.unsafe(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
