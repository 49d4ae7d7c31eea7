package com.facegate.local.aws.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a handler writes to its Lambda logger goes to SLF4J under {@code lambda.<function>}. */
final class Slf4jLambdaLogger implements LambdaLogger {
    private final Logger log;

    Slf4jLambdaLogger(String functionName) {
        this.log = LoggerFactory.getLogger("lambda." + functionName);
    }

    @Override
    public void log(String message) {
        log.info("{}", strip(message));
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        String m = strip(message);
        switch (level == null ? LogLevel.INFO : level) {
            case TRACE -> log.trace("{}", m);
            case DEBUG -> log.debug("{}", m);
            case WARN -> log.warn("{}", m);
            case ERROR, FATAL -> log.error("{}", m);
            default -> log.info("{}", m);
        }
    }

    private static String strip(String m) {
        return m == null ? "null" : m.endsWith("\n") ? m.substring(0, m.length() - 1) : m;
    }
}
