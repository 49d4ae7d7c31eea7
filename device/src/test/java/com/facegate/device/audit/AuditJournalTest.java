package com.facegate.device.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditJournalTest {
    @TempDir
    Path dir;

    private static AuditEvent event(int i) {
        return AuditEvent.of("door-1", AuditEvent.Type.DENIED, AuditEvent.SOURCE_DEVICE, Instant.now())
                .withReason("R" + i);
    }

    private static long segments(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }

    @Test
    void givenAppendedEvents_whenReopened_thenUnacknowledgedOnesAreStillThereInOrder() throws Exception {
        try (AuditJournal j = new AuditJournal(dir, 4096, 1 << 20, 0.8)) {
            for (int i = 0; i < 5; i++) {
                j.append(event(i));
            }
            List<AuditJournal.Entry> first = j.unacknowledged(2);
            j.acknowledge(first.get(1).next(), 2);
        }
        try (AuditJournal j = new AuditJournal(dir, 4096, 1 << 20, 0.8)) {
            assertThat(j.pending()).isEqualTo(3);
            List<AuditJournal.Entry> rest = j.unacknowledged(10);
            assertThat(rest).extracting(e -> decode(e).reason()).containsExactly("R2", "R3", "R4");
        }
    }

    @Test
    void givenTornTail_whenReopened_thenItIsCutAndNewRecordsFollowCleanly() throws Exception {
        try (AuditJournal j = new AuditJournal(dir, 1 << 20, 4 << 20, 0.8)) {
            j.append(event(0));
            j.append(event(1));
        }
        Path seg = dir.resolve(String.format("%016d.seg", 1));
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 7, 7})); // half a header: power cut mid-write
        }
        try (AuditJournal j = new AuditJournal(dir, 1 << 20, 4 << 20, 0.8)) {
            assertThat(j.pending()).isEqualTo(2);
            j.append(event(2));
            assertThat(j.unacknowledged(10)).extracting(e -> decode(e).reason()).containsExactly("R0", "R1", "R2");
        }
    }

    @Test
    void givenManySegments_whenAllAcknowledged_thenOldSegmentsAreDeleted() throws Exception {
        try (AuditJournal j = new AuditJournal(dir, 4096, 1 << 20, 0.8)) {
            for (int i = 0; i < 100; i++) {
                j.append(event(i));
            }
            assertThat(segments(dir)).isGreaterThan(3);
            List<AuditJournal.Entry> all = j.unacknowledged(1000);
            assertThat(all).hasSize(100);
            j.acknowledge(all.get(all.size() - 1).next(), all.size());
            assertThat(j.pending()).isZero();
            assertThat(segments(dir)).isEqualTo(1);
        }
    }

    @Test
    void givenFullJournal_whenAppending_thenNearFullIsSignalledOnceAndOldestSegmentIsDroppedWithoutBlocking()
            throws Exception {
        try (AuditJournal j = new AuditJournal(dir, 4096, 16384, 0.8)) {
            int signals = 0;
            for (int i = 0; i < 300; i++) {
                if (j.append(event(i))) {
                    signals++;
                }
            }
            assertThat(signals).isEqualTo(1);
            assertThat(j.totalBytes()).isLessThanOrEqualTo(16384);
            assertThat(j.dropped()).isPositive();
            assertThat(j.pending() + j.dropped()).isEqualTo(300);
            List<AuditJournal.Entry> left = j.unacknowledged(1000);
            assertThat(decode(left.get(left.size() - 1)).reason()).isEqualTo("R299"); // newest kept
        }
    }

    private static AuditEvent decode(AuditJournal.Entry e) {
        try {
            return MessageCodec.decode(e.json(), AuditEvent.class);
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }
}
