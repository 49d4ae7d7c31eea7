package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.device.audit.AuditJournal;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera is the last part a door starts. When it cannot be opened the start fails, and everything started
 * before it is stopped again, newest first: the door stays locked, the MQTT link is closed, and the audit
 * journal (opened early, closed late) still takes the DAEMON_STOPPED record.
 */
class DoorStartFailureTest {
    /** Never asked anything: the start fails before the first frame. */
    private static final FaceEngine NO_FRAMES_EXPECTED = new FaceEngine() {
        @Override
        public List<Face> analyze(byte[] encodedImage, Detail detail) {
            throw new AssertionError("no frame can reach the engine when the camera did not open");
        }

        @Override
        public int embeddingSize() {
            return 512;
        }

        @Override
        public void close() {}
    };

    @TempDir
    Path dir;
    private final Context pi4j = TestDoors.mockPi4j();

    @AfterEach
    void tearDown() {
        pi4j.shutdown();
    }

    @Test
    void aCameraThatCannotOpenStopsWhatAlreadyStartedAndLeavesTheRelayOff() throws Exception {
        Properties p = TestDoors.props(dir, "door-fail-1");
        p.setProperty("capture.source", "folder");
        p.setProperty("capture.location", dir.resolve("no-camera-here").toString());
        DoorConfig cfg = TestDoors.config(p, dir);
        // Offline, so the replayer acknowledges nothing and the journal keeps every record for the check below.
        LoopbackLink link = new LoopbackLink().startOffline();

        assertThatThrownBy(() -> DoorDaemon.builder(cfg).pi4j(pi4j).link(link).engine(NO_FRAMES_EXPECTED).start())
                .isInstanceOf(IOException.class);

        DigitalOutput relay = pi4j.io("relay-" + cfg.door().lock().relayPin(), DigitalOutput.class);
        assertThat(relay.state()).isEqualTo(DigitalState.LOW);
        assertThat(link.closed()).as("link closed").isTrue();
        assertThat(journalTypes(cfg)).containsSubsequence(AuditEvent.Type.DAEMON_STARTED,
                AuditEvent.Type.DAEMON_STOPPED);
    }

    private static List<AuditEvent.Type> journalTypes(DoorConfig cfg) throws Exception {
        List<AuditEvent.Type> types = new ArrayList<>();
        try (AuditJournal journal = new AuditJournal(cfg.stateDir().resolve("journal"), cfg.journal().segmentBytes(),
                cfg.journal().maxBytes(), cfg.journal().nearFullRatio())) {
            for (AuditJournal.Entry e : journal.unacknowledged(100)) {
                types.add(MessageCodec.decode(e.json(), AuditEvent.class).type());
            }
        }
        return types;
    }
}
