package com.facegate.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.facegate.protocol.Sanitize;

/**
 * {@code %msg}: the formatted message with every control, line-separator and format character as '?', cut at
 * {@value #MAX} characters so that one hostile value cannot flood the journal.
 */
public class SafeMessageConverter extends MessageConverter {
    static final int MAX = 2000;

    @Override
    public String convert(ILoggingEvent event) {
        return Sanitize.inline(super.convert(event), MAX);
    }
}
