package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.credential.Presented;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import com.facegate.protocol.gallery.ModeSpan;
import com.pi4j.context.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a card shown while the door runs FACE (face alone; the cloud ignores a card there) starts no capture:
 * the door knows its modes from the timeline in its gallery (published by the cloud from the door's schedule) and
 * records one IGNORED CARD_NOT_TAKEN instead of a visit the cloud would deny NO_FACE. In a window whose mode takes a
 * card, and past the timeline (mode not known), a card is held for a capture as before: with no camera here it ends
 * in the door's own FACTOR_TIMEOUT, which shows that it was held.
 */
class CardAtFaceDoorTest {
    private static final String DOOR = "door-face-card-1";

    @TempDir
    Path dir;

    /** The door's clock, moved by the test across the gallery's mode spans. */
    private static final class DoorClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void givenAFaceWindowThenACardWindowThenNoTimeline_whenACardIsShownInEach_thenOnlyTheFaceWindowIgnoresIt()
            throws Exception {
        DoorClock clock = new DoorClock();
        Instant t0 = clock.now;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Properties p = TestDoors.props(dir, DOOR);
        p.setProperty("offline.galleryKeyBase64", Base64.getEncoder().encodeToString(key));
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        Gallery gallery = new Gallery(DOOR, t0, 4, Map.of(), List.of(
                new ModeSpan(t0.minus(Duration.ofHours(1)), "FACE", false),
                new ModeSpan(t0.plus(Duration.ofHours(1)), "CARD_AND_FACE", true)), t0.plus(Duration.ofHours(2)));
        Files.write(state.resolve("gallery.bin"), GalleryCodec.encrypt(gallery, key));
        Context pi4j = TestDoors.mockPi4j();
        LoopbackLink link = new LoopbackLink();
        try (DoorDaemon daemon = DoorDaemon.builder(TestDoors.config(p, dir)).pi4j(pi4j).link(link).clock(clock)
                .noCapture().start()) {
            DoorController door = daemon.doorController();

            assertThat(door.presented(new Presented.Card("00704242", clock.instant()))).isFalse();
            await().atMost(Duration.ofSeconds(5)).until(() -> !ofReason(link, Reasons.CARD_NOT_TAKEN).isEmpty());
            assertThat(ofReason(link, Reasons.CARD_NOT_TAKEN)).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(AuditEvent.Type.IGNORED);
                assertThat(e.details()).containsEntry("mode", "FACE").containsEntry("presented", "card");
                assertThat(e.details().values()).noneMatch(v -> v.contains("00704242"));
            });
            clock.advance(Duration.ofSeconds(20));
            Thread.sleep(1000); // several ticks, each of which would forget a held card and deny it
            assertThat(ofReason(link, Reasons.FACTOR_TIMEOUT)).as("nothing held, no visit").isEmpty();

            clock.now = t0.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(1));
            assertThat(door.presented(new Presented.Card("00704242", clock.instant()))).isTrue();
            clock.advance(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(5)).until(() -> ofReason(link, Reasons.FACTOR_TIMEOUT).size() == 1);

            clock.now = t0.plus(Duration.ofHours(3));
            assertThat(door.presented(new Presented.Card("00704242", clock.instant())))
                    .as("past the timeline the door does not know its mode").isTrue();
            clock.advance(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(5)).until(() -> ofReason(link, Reasons.FACTOR_TIMEOUT).size() == 2);
            assertThat(ofReason(link, Reasons.CARD_NOT_TAKEN)).hasSize(1);
        } finally {
            pi4j.shutdown();
        }
    }

    /** Each event once (a redelivery carries the same id). */
    private static List<AuditEvent> ofReason(LoopbackLink link, String reason) {
        Set<String> seen = new HashSet<>();
        return link.published.stream().filter(p -> p.topic().equals(Topics.audit(DOOR))).map(p -> {
            try {
                return MessageCodec.decode(p.payload(), AuditEvent.class);
            } catch (InvalidMessageException e) {
                throw new AssertionError(e);
            }
        }).filter(e -> seen.add(e.id()) && reason.equals(e.reason())).toList();
    }
}
