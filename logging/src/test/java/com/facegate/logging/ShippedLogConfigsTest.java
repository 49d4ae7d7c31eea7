package com.facegate.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;

/**
 * Each logback configuration the product ships, loaded as it is: a forged value (CR/LF and a fake line, an ANSI
 * escape, bidi overrides) as a message argument, as a key/value pair and as an exception's message reaches the
 * output on its own line, with no raw control character and no forged line.
 */
class ShippedLogConfigsTest {
    private static final Path SOURCE = Path.of(System.getProperty("facegate.sourceRoot", ".."));
    private static final String FAKE_LINE = "12:00:00.000 <6>INFO  [main] audit: audit type=REMOTE_UNLOCK by=\"ceo\"";
    private static final String FORGED = "door-1\r\n" + FAKE_LINE
            + "\u001b[2J\u001b]0;pwned\u0007\u202e\u2066\u0085\u2028x";

    /** The Pi's (installed as /etc/facegate/logback.xml), the two Lambda bundles', ./facegate's. */
    private static final List<String> SHIPPED = List.of("systemd/src/deb/etc/facegate/logback.xml",
            "cloud/src/lambda/resources/logback.xml", "gallery/src/lambda/resources/logback.xml",
            "cli/src/main/resources/facegate-logback.xml");

    static List<String> shipped() {
        return SHIPPED;
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void givenAForgedValue_whenLoggedThroughTheShippedConfig_thenNoRawControlCharacterAndNoForgedLine(String config)
            throws Exception {
        try (Rendering r = Rendering.of(SOURCE.resolve(config))) {
            Logger log = r.logger("com.facegate.device.app.DoorController");
            log.warn("command ignored: WRONG_DOOR (request {})", FORGED);
            log.atWarn().addKeyValue("by", FORGED).addKeyValue("type", Thread.State.NEW).log("remote command");
            log.error("handler failed; relay forced off", new IllegalStateException(FORGED, new IOException(FORGED)));

            List<String> lines = r.text().lines().toList();
            assertThat(lines).as(config).allSatisfy(SafeLogEncoderTest::clean)
                    .noneMatch(l -> l.startsWith("12:00:00.000") || l.contains("\t" + FAKE_LINE));
            // Three events, three lines, then the exception's own line; the rest are frames and causes.
            assertThat(lines).filteredOn(l -> !l.startsWith("\t") && !l.startsWith("Caused by: ")).hasSize(4)
                    .allMatch(l -> l.contains("DoorController") || l.startsWith("java.lang.IllegalStateException: "));
            assertThat(lines.get(0)).contains("(request door-1??" + FAKE_LINE + "?[2J?]0;pwned?????x)");
            // A text value is quoted, its quotes turned to ', and cut at 80 characters.
            assertThat(lines.get(1))
                    .endsWith("remote command by=\"door-1??" + FAKE_LINE.replace('"', '\'') + "?[2...\" type=NEW");
            assertThat(lines).anyMatch(l -> l.startsWith("java.lang.IllegalStateException: door-1??" + FAKE_LINE))
                    .anyMatch(l -> l.startsWith("Caused by: java.io.IOException: door-1??" + FAKE_LINE));
        }
    }

    @Test
    void everyLogbackConfigurationInTheProductIsOneOfThoseTested() throws IOException {
        List<String> found;
        try (Stream<Path> files = Files.walk(SOURCE, 8)) {
            found = files.filter(p -> p.getFileName().toString().matches(".*logback.*\\.xml"))
                    .map(p -> SOURCE.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.contains("/target/") && !p.contains("/src/test/") && !p.startsWith("."))
                    .sorted().toList();
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(SHIPPED);
    }
}
