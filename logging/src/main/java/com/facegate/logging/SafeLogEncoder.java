package com.facegate.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.PatternLayoutEncoderBase;

/**
 * The encoder of every logback.xml FaceGate ships: a {@code PatternLayoutEncoder} whose {@code %msg}, {@code %kvp}
 * and exception words (and the stack trace Logback appends when a pattern names none) escape control characters,
 * so a value from outside (a topic, a request id, an S3 key, a parser error quoting a payload) cannot start a
 * forged line, move the cursor of the operator's terminal or reorder the text with bidi overrides. Call sites log
 * plain values; the rule is {@link com.facegate.protocol.Sanitize}'s.
 *
 * <pre>{@code
 * <encoder class="com.facegate.logging.SafeLogEncoder"><pattern>%-5level %logger - %msg%kvp%n</pattern></encoder>
 * }</pre>
 */
public class SafeLogEncoder extends PatternLayoutEncoderBase<ILoggingEvent> {
    @Override
    public void start() {
        SafeLogLayout safe = new SafeLogLayout();
        safe.setContext(context);
        safe.setPattern(getPattern());
        safe.setOutputPatternAsHeader(outputPatternAsHeader);
        safe.start();
        this.layout = safe;
        super.start();
    }
}
