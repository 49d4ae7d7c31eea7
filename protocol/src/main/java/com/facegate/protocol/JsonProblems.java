package com.facegate.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Turns a parser or binder failure into the field and rule it broke, in our words: Jackson's own messages quote
 * the offending value, which is outside data and does not belong in a door's log.
 */
final class JsonProblems {
    private JsonProblems() {}

    static Problem of(Exception e, Class<?> type) {
        if (e instanceof StreamConstraintsException c) {
            return new Problem(Problem.WHOLE, firstLine(c.getOriginalMessage()));
        }
        if (e instanceof StreamReadException r) {
            return readProblem(r);
        }
        if (e instanceof DatabindException && e.getCause() instanceof StreamReadException r) {
            return readProblem(r); // a parse error inside a nested value, wrapped by the binder
        }
        if (e instanceof DatabindException d && d instanceof JsonMappingException m) {
            return bindProblem(m, type);
        }
        return new Problem(Problem.WHOLE, "not a valid " + type.getSimpleName());
    }

    /** Syntax errors, and duplicate keys (the parser runs with strict duplicate detection). */
    private static Problem readProblem(StreamReadException e) {
        String original = String.valueOf(e.getOriginalMessage());
        JsonParser p = e.getProcessor();
        if (original.startsWith("Duplicate field") && p != null) {
            return new Problem(dotted(p.getParsingContext().pathAsPointer()), "duplicate key");
        }
        var at = e.getLocation();
        return new Problem(Problem.WHOLE, "not valid JSON" + (at == null ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }

    private static Problem bindProblem(JsonMappingException e, Class<?> type) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return new Problem(Problem.WHOLE, "not a single JSON object for a " + type.getSimpleName());
        }
        Class<?> target = e instanceof MismatchedInputException mi ? mi.getTargetType() : null;
        if (target != null && target.isEnum()) {
            return new Problem(field, "not one of " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")));
        }
        if (target == Instant.class) {
            return new Problem(field, "not an ISO-8601 instant such as 2026-11-28T08:00:00Z");
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            return new Problem(field, "not a valid " + (target == null ? "value" : target.getSimpleName()));
        }
        return new Problem(field, "not a valid value");
    }

    /** {@code /details/x} as {@code details.x}. */
    private static String dotted(JsonPointer pointer) {
        return pointer.toString().replaceFirst("^/", "").replace('/', '.').replace("~1", "/").replace("~0", "~");
    }

    private static String firstLine(String m) {
        String s = String.valueOf(m);
        int cut = s.indexOf('\n');
        return cut >= 0 ? s.substring(0, cut) : s;
    }
}
