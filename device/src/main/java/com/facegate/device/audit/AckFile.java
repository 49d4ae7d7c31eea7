package com.facegate.device.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The journal's acknowledgement position, {@code ack} in the journal's folder: "segment offset". Replaced whole
 * (write, fsync, rename) so that a crash leaves the old position or the new one, never half of either.
 */
final class AckFile {
    private final Path file;
    private final Path tmp;

    AckFile(Path dir) {
        this.file = dir.resolve("ack");
        this.tmp = dir.resolve("ack.tmp");
    }

    /** The stored position, empty when none was ever written. */
    Optional<JournalPosition> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
        return Optional.of(new JournalPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
    }

    /** Durable before returning. */
    void write(JournalPosition at) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((at.segment() + " " + at.offset() + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
