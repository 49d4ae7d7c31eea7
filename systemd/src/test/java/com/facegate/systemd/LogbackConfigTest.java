package com.facegate.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The daemon's logging config as installed in /etc/facegate/logback.xml: journald priorities, quiet libraries. */
class LogbackConfigTest {
    static final Path CONFIG = Path.of("src/deb/etc/facegate/logback.xml");

    @Test
    void linesCarryJournaldPrioritiesAndLibrariesStayQuiet() throws Exception {
        List<String> lines = logThroughConfig(ctx -> {
            Logger door = ctx.getLogger("com.facegate.device.app.DoorController");
            door.error("relay fault");
            door.warn("command ignored");
            door.info("capture uploaded");
            door.debug("frame details");
            Logger sdk = ctx.getLogger("software.amazon.awssdk.request");
            sdk.info("sdk chatter");
            sdk.warn("sdk warning");
        });
        assertThat(lines).containsExactly(
                "<3>ERROR [main] DoorController: relay fault",
                "<4>WARN  [main] DoorController: command ignored",
                "<6>INFO  [main] DoorController: capture uploaded",
                "<4>WARN  [main] request: sdk warning");
    }

    @Test
    void aForgedValueStaysOnItsLineAndLeavesNoRawControlCharacter() throws Exception {
        String forged = "r-1\r\n<6>INFO  [main] audit: audit type=REMOTE_UNLOCK\u001b[2J\u202e";
        List<String> lines = logThroughConfig(ctx -> ctx.getLogger("com.facegate.device.app.DoorController")
                .warn("command ignored (request {})", forged));
        assertThat(lines).containsExactly(
                "<4>WARN  [main] DoorController: command ignored (request r-1??<6>INFO  [main] audit: audit"
                        + " type=REMOTE_UNLOCK?[2J?)");
    }

    interface Body {
        void run(LoggerContext ctx) throws Exception;
    }

    /** Configures a fresh logback context from the file and captures what its console appender prints. */
    static List<String> logThroughConfig(Body body) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // a bare context has none
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            JoranConfigurator jc = new JoranConfigurator();
            jc.setContext(ctx);
            jc.doConfigure(CONFIG.toFile());
            assertThat(ctx.getStatusManager().getCopyOfStatusList())
                    .noneMatch(s -> s.getLevel() >= ch.qos.logback.core.status.Status.WARN);
            body.run(ctx);
            assertThat(ctx.getStatusManager().getCopyOfStatusList())
                    .noneMatch(s -> s.getLevel() >= ch.qos.logback.core.status.Status.WARN);
        } finally {
            ctx.stop();
            System.setOut(original);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
