package com.facegate.device.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** USB keyboard-wedge card readers: real input_event bytes with interleaved junk, partial numbers, timeouts. */
class HidCardReaderTest {
    private static final Duration KEY_TIMEOUT = Duration.ofMillis(500);
    private final List<Presented> presented = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private List<String> cards() {
        return presented.stream().map(p -> ((Presented.Card) p).number()).toList();
    }

    @Test
    void givenAnInputEvent_whenWrittenAndReadBack_thenEveryFieldSurvivesThe24Bytes() {
        InputEvent e = new InputEvent(1_764_000_000_123_456L, InputEvent.EV_KEY, 0x20b, -2);

        byte[] b = e.bytes();

        assertThat(b).hasSize(24);
        assertThat(InputEvent.read(ByteBuffer.wrap(b))).isEqualTo(e);
    }

    @Test
    void givenDigitsWithShiftLettersRepeatsAndScanCodesBetween_whenEnterComes_thenOnlyTheDigitsFormTheCard() {
        Keystrokes in = new Keystrokes(1_000_000, 300).digits("0012")
                .event(KeyMap.KEY_LEFTSHIFT, InputEvent.PRESSED).key(30).event(KeyMap.KEY_LEFTSHIFT,
                        InputEvent.RELEASED) // Shift+A
                .event(Keystrokes.digitKey('3'), InputEvent.PRESSED)
                .event(Keystrokes.digitKey('3'), InputEvent.REPEATED)
                .event(Keystrokes.digitKey('3'), InputEvent.REPEATED)
                .event(Keystrokes.digitKey('3'), InputEvent.RELEASED)
                .key(57).digits("4567").enter(); // space

        in.typeInto(new CardKeys("test", KEY_TIMEOUT, presented::add));

        assertThat(cards()).containsExactly("001234567");
    }

    @Test
    void givenAStrayPartialNumberThenATimeout_whenTheNextCardComes_thenThePartialDoesNotJoinIt() {
        Keystrokes in = new Keystrokes(1_000_000, 300).digits("987").pause(800).digits("11223344").enter();

        in.typeInto(new CardKeys("test", KEY_TIMEOUT, presented::add));

        assertThat(cards()).containsExactly("11223344");
    }

    @Test
    void givenEnterLongAfterTheDigitsOrEnterAlone_whenTyped_thenNoCardIsPresented() {
        Keystrokes in = new Keystrokes(1_000_000, 300).enter().digits("5555").pause(900).enter()
                .key(KeyMap.KEY_KPENTER);

        in.typeInto(new CardKeys("test", KEY_TIMEOUT, presented::add));

        assertThat(presented).isEmpty();
    }

    @Test
    void givenMoreDigitsThanAnyCardHas_whenEnterComes_thenTheNumberIsDroppedNotCutShort() {
        Keystrokes in = new Keystrokes(1_000_000, 300).digits("1".repeat(CardKeys.MAX_DIGITS + 3)).enter()
                .digits("42").enter();

        in.typeInto(new CardKeys("test", KEY_TIMEOUT, presented::add));

        assertThat(cards()).containsExactly("42");
    }

    @Test
    void givenKeypadBlockDigits_whenTypedByAWedge_thenTheyCountLikeTopRowDigits() {
        Keystrokes in = new Keystrokes(1_000_000, 300).key(79).key(80).key(81).key(82).key(KeyMap.KEY_KPENTER);

        in.typeInto(new CardKeys("test", KEY_TIMEOUT, presented::add));

        assertThat(cards()).containsExactly("1230");
    }

    @Test
    void givenEventBytesThroughAPipe_whenAPartialNumberIsLeftStanding_thenTheReaderDropsItAndReadsTheNextCard()
            throws Exception {
        PipedOutputStream device = new PipedOutputStream();
        PipedInputStream readEnd = new PipedInputStream(device, 1 << 16);
        long now = System.currentTimeMillis() * 1000;
        try (EvdevReader reader = EvdevReader.cards("pipe", () -> EventSource.of(readEnd), KEY_TIMEOUT,
                Clock.systemUTC(), Duration.ofMillis(50), presented::add).start()) {
            // Half a record first: the reader must wait for the rest, not misread it.
            byte[] partial = new Keystrokes(now, 200).digits("777").bytes();
            device.write(partial, 0, 10);
            device.write(partial, 10, partial.length - 10);
            device.flush();
            Thread.sleep(KEY_TIMEOUT.toMillis() + 400); // the wall clock passes the key timeout

            long later = System.currentTimeMillis() * 1000;
            device.write(new Keystrokes(later, 200).digits("20261202").enter().bytes());
            device.flush();

            await().atMost(Duration.ofSeconds(10)).until(() -> !presented.isEmpty());
            assertThat(cards()).containsExactly("20261202");
            assertThat(reader.name()).isEqualTo("pipe");
        }
    }

    @Test
    void givenARegularFileOfEvents_whenOpenedThroughLibcWithoutGrab_thenItsRecordsAreRead() throws Exception {
        Path file = dir.resolve("event-file");
        byte[] bytes = new Keystrokes(1_000_000, 300).digits("31").enter().bytes();
        Files.write(file, bytes);
        List<InputEvent> read = new ArrayList<>();

        try (EvdevDevice dev = EvdevDevice.open(file, false)) {
            byte[] buf = new byte[InputEvent.BYTES * 8];
            ByteBuffer all = ByteBuffer.allocate(bytes.length);
            int n;
            while ((n = dev.read(buf, 100)) > 0) {
                all.put(buf, 0, n);
            }
            all.flip();
            while (all.remaining() >= InputEvent.BYTES) {
                read.add(InputEvent.read(all));
            }
        }

        assertThat(read).hasSize(bytes.length / InputEvent.BYTES);
        assertThat(read.get(1)).isEqualTo(new InputEvent(1_000_300, InputEvent.EV_KEY, Keystrokes.digitKey('3'),
                InputEvent.PRESSED));
    }

    @Test
    void givenSomethingThatIsNoEventDevice_whenGrabbed_thenOpeningFailsNamingTheGrab() throws IOException {
        Path file = Files.write(dir.resolve("not-a-device"), new byte[24]);

        assertThatThrownBy(() -> EvdevDevice.open(file, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot grab " + file + " (EVIOCGRAB)");
        assertThatThrownBy(() -> EvdevDevice.open(dir.resolve("missing"), true)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot open").hasMessageContaining("errno 2");
    }
}
