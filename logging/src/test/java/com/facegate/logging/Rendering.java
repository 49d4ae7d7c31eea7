package com.facegate.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * A logback configuration loaded into a context of its own, its root appender writing to memory instead of the
 * console: what the shipped file would print, byte for byte, without touching the test JVM's own logging.
 */
final class Rendering implements AutoCloseable {
    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Rendering(InputStream config) throws JoranException {
        context.setMDCAdapter(new LogbackMDCAdapter()); // a context of one's own needs one (SLF4J's is elsewhere)
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config);
        failOnProblems();
        Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        if (!it.hasNext() || !(it.next() instanceof OutputStreamAppender<ILoggingEvent> appender)) {
            throw new IllegalStateException("the configuration has no root output stream appender");
        }
        appender.setOutputStream(out);
    }

    static Rendering of(Path config) throws Exception {
        try (InputStream in = Files.newInputStream(config)) {
            return new Rendering(in);
        }
    }

    /** A configuration whose root appender's encoder is {@code encoder} (XML) around {@code pattern}. */
    static Rendering ofPattern(String pattern) throws JoranException {
        String xml = "<configuration><appender name='OUT' class='ch.qos.logback.core.ConsoleAppender'>"
                + "<encoder class='com.facegate.logging.SafeLogEncoder'><pattern>" + pattern + "</pattern></encoder>"
                + "</appender><root level='INFO'><appender-ref ref='OUT'/></root></configuration>";
        return new Rendering(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    org.slf4j.Logger logger(String name) {
        return context.getLogger(name);
    }

    /** What was printed; fails when Logback reported a problem (a bad pattern, an appender that threw). */
    String text() {
        failOnProblems();
        return out.toString(StandardCharsets.UTF_8);
    }

    private void failOnProblems() {
        List<Status> problems = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(st -> st.getEffectiveLevel() >= Status.WARN).toList();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("logback reported problems: " + problems);
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
