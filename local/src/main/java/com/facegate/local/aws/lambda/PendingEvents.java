package com.facegate.local.aws.lambda;

import com.facegate.local.aws.pki.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications accepted but not yet handled, one file each under {@code <dir>/<configurationId>/}: written before
 * the event is queued (inside the PUT), removed once a handler took it or it was dead-lettered, and handed back
 * when its rule is configured again after a restart or a crash. S3 keeps an accepted notification the same way;
 * an in-memory queue would lose captures and enrollment photos with the process.
 */
final class PendingEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PendingEvents.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** One event kept on disk (file null when it could not be written: then it lives in memory only). */
    record Pending(Path file, String eventJson) {}

    private final Path dir;
    private final Clock clock;

    PendingEvents(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** {@code <time>-<uuid>.json}: unique, and listing sorts it by time (pending and dead-letter files alike). */
    static String fileName(Clock clock) {
        return FILE_TIME.format(clock.instant()) + "-" + UUID.randomUUID() + ".json";
    }

    Pending keep(String configurationId, String eventJson) {
        Path file = dir.resolve(configurationId).resolve(fileName(clock));
        try {
            SecureFiles.write(file, eventJson.getBytes(StandardCharsets.UTF_8), true);
            return new Pending(file, eventJson);
        } catch (RuntimeException e) {
            // The PUT has succeeded already; the event still goes out, it just would not survive a crash.
            LOG.error("could not keep an event for {} on disk: {}", configurationId, e.toString());
            return new Pending(null, eventJson);
        }
    }

    void done(Pending p) {
        if (p.file() == null) {
            return;
        }
        try {
            Files.deleteIfExists(p.file());
        } catch (IOException e) {
            LOG.warn("could not remove handled event {}: {}", p.file().getFileName(), e.toString());
        }
    }

    /** The events left for this rule by an earlier run, oldest first. */
    List<Pending> left(String configurationId) {
        Path ruleDir = dir.resolve(configurationId);
        List<Pending> out = new ArrayList<>();
        if (!Files.isDirectory(ruleDir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(ruleDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.add(new Pending(f, Files.readString(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            LOG.error("could not read events left for {}: {}", configurationId, e.toString());
        }
        return out;
    }
}
