package com.facegate.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.facegate.protocol.Sanitize;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * {@code %kvp}: the event's key/value pairs ({@code LOG.atInfo().addKeyValue("door", id)}) as
 * {@code  key="value" key2=7}, each after a space, nothing when there are none (so {@code %msg%kvp} reads well).
 * Text values are quoted and cut as {@link Sanitize#forLog} does, a quote inside becoming ', so that a value cannot
 * close its quotes and fake the next field; numbers, booleans, enums and null stay bare, as codes.
 */
public class SafeKeyValueConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (KeyValuePair p : pairs) {
            b.append(' ').append(Sanitize.inline(p.key, 40)).append('=').append(value(p.value));
        }
        return b.toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof Enum<?>) {
            return Sanitize.inline(String.valueOf(v), 80);
        }
        return Sanitize.forLog(String.valueOf(v));
    }
}
