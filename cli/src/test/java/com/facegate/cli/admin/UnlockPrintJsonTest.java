package com.facegate.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.device.command.CommandGate;
import com.facegate.device.decision.HonouredIds;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Validity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code admin unlock --print-json}: the exact command to paste into the AWS IoT console's MQTT test client. It
 * needs no stack (nothing is sent), decodes with the protocol codec, and the door's own gate admits it once.
 */
class UnlockPrintJsonTest {
    private static final String DOOR = "front-door-01";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run unlock(String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AdminCommand.configure(new CommandLine(new AdminCommand()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] args = new String[3 + extra.length];
        args[0] = "unlock";
        args[1] = DOOR;
        args[2] = "--print-json";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void givenPrintJson_whenRunWithoutAnyStack_thenOneFreshCommandValidForTheTtlIsPrinted() throws Exception {
        Instant before = Instant.now().minusMillis(1);
        Run r = unlock("--reason", "courier at the gate", "--by", "ops@example.com", "--ttl", "2m",
                "--data", dir.resolve("no-stack-here").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.err()).contains("publish on topic facegate/doors/front-door-01/commands (QoS 1)");

        DoorCommand c = MessageCodec.decode(r.out().strip(), DoorCommand.class);
        assertThat(c.type()).isEqualTo(DoorCommand.Type.UNLOCK);
        assertThat(c.doorId()).isEqualTo(DOOR);
        assertThat(c.reason()).isEqualTo("courier at the gate");
        assertThat(c.requestedBy()).isEqualTo("ops@example.com");
        assertThat(c.issuedAt()).isBetween(before, Instant.now());
        assertThat(Duration.between(c.issuedAt(), c.expiresAt())).isEqualTo(Duration.ofMinutes(2));

        DoorCommand again = MessageCodec.decode(unlock("--reason", "courier at the gate").out().strip(),
                DoorCommand.class);
        assertThat(again.requestId()).isNotEqualTo(c.requestId());
        assertThat(Duration.between(again.issuedAt(), again.expiresAt())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenPrintedCommand_whenTheDoorReceivesItTwice_thenItIsAdmittedOnceThenDuplicate() throws Exception {
        byte[] printed = unlock("--reason", "console test").out().strip().getBytes(StandardCharsets.UTF_8);
        Duration skew = Duration.ofSeconds(2);
        try (HonouredIds ids = new HonouredIds(dir.resolve("honoured-ids.log"), 100,
                Validity.rememberFor(Validity.MAX, skew))) {
            CommandGate door = new CommandGate(DOOR, ids, Clock.systemUTC(), skew);
            CommandGate.Admission first = door.evaluate(printed);
            assertThat(first.admitted()).as("%s %s", first.ignoredReason(), first.problems()).isTrue();
            assertThat(door.evaluate(printed).ignoredReason()).isEqualTo(Reasons.DUPLICATE);
        }
    }

    @Test
    void givenTtlBeyondWhatTheDoorAccepts_whenPrinting_thenRefusedAsAUsageError() {
        Run r = unlock("--reason", "x", "--ttl", "6m");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--ttl must be more than 0 and at most 5m");
        assertThat(r.out()).isEmpty();
        // the CLI's limit is the door's: a command it sends or prints is never refused for its validity
        assertThat(BadgeAdmin.MAX_UNLOCK_TTL).isEqualTo(Validity.MAX);
    }
}
