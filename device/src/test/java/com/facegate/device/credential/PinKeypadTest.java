package com.facegate.device.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PIN entry: # submits, * / ESC clears, a pause between keys or too many digits clears, the buffer is wiped. */
class PinKeypadTest {
    private final List<Presented.Pin> pins = new ArrayList<>();
    private final PinKeypad keypad = new PinKeypad("test keypad", 6, Duration.ofSeconds(5),
            p -> pins.add((Presented.Pin) p));

    private static String digits(Presented.Pin p) {
        return new String(p.digits());
    }

    @Test
    void givenDigitsThenHash_whenTyped_thenOnePinWithThoseDigitsIsPresented() {
        Keystrokes in = new Keystrokes(1_000_000, 1000).digits("2468").key(KeyMap.KEY_NUMERIC_POUND);

        in.typeInto(keypad);

        assertThat(pins).extracting(PinKeypadTest::digits).containsExactly("2468");
    }

    @Test
    void givenStarEscOrBackspace_whenTypedMidEntry_thenTheDigitsBeforeAreGone() {
        Keystrokes in = new Keystrokes(1_000_000, 1000).digits("99").key(KeyMap.KEY_ESC).digits("12")
                .key(KeyMap.KEY_KPASTERISK).digits("34").key(KeyMap.KEY_BACKSPACE).digits("5678")
                .key(KeyMap.KEY_ENTER);

        in.typeInto(keypad);

        assertThat(pins).extracting(PinKeypadTest::digits).containsExactly("5678");
    }

    @Test
    void givenShift3AndShift8FromAWedgeKeypad_whenTyped_thenTheyAreHashAndStar() {
        Keystrokes in = new Keystrokes(1_000_000, 1000).digits("11")
                .event(KeyMap.KEY_RIGHTSHIFT, InputEvent.PRESSED).key(Keystrokes.digitKey('8'))
                .event(KeyMap.KEY_RIGHTSHIFT, InputEvent.RELEASED).digits("4321")
                .event(KeyMap.KEY_LEFTSHIFT, InputEvent.PRESSED).key(Keystrokes.digitKey('3'))
                .event(KeyMap.KEY_LEFTSHIFT, InputEvent.RELEASED);

        in.typeInto(keypad);

        assertThat(pins).extracting(PinKeypadTest::digits).containsExactly("4321");
    }

    @Test
    void givenMoreThanFiveSecondsBetweenKeys_whenTheEntryGoesOn_thenTheEarlierDigitsAreDropped() {
        Keystrokes in = new Keystrokes(1_000_000, 1000).digits("12").pause(5_100).digits("3456").key(96);

        in.typeInto(keypad);

        assertThat(pins).extracting(PinKeypadTest::digits).containsExactly("3456");
    }

    @Test
    void givenAnEntryLeftStanding_whenTheKeypadIsIdlePastTheTimeout_thenHashAfterwardsPresentsNothing() {
        keypad.key('1', 1_000_000);
        keypad.key('2', 1_500_000);

        keypad.idle(1_500_000 + 4_000_000);
        keypad.key('#', 1_500_000 + 4_500_000);
        keypad.key('3', 20_000_000);
        keypad.idle(20_000_000 + 5_000_001);
        keypad.key('#', 20_000_000 + 5_000_002);

        assertThat(pins).extracting(PinKeypadTest::digits).containsExactly("12");
    }

    @Test
    void givenMoreDigitsThanTheMaximum_whenHashComes_thenNothingIsPresentedAndTheNextEntryWorks() {
        Keystrokes in = new Keystrokes(1_000_000, 1000).digits("1234567").enter().enter().digits("0000").enter();

        in.typeInto(keypad);

        assertThat(pins).extracting(PinKeypadTest::digits).containsExactly("0000");
    }

    @Test
    void givenAPinHandedOver_whenTheEntryGoesOn_thenTheHandedArrayIsTheReceiversAndTheEntryStartsEmpty() {
        KeyEntry entry = new KeyEntry(8, Duration.ofSeconds(5));
        entry.add('4', 1);
        entry.add('2', 2);

        char[] taken = entry.take();
        entry.add('9', 3);

        assertThat(taken).containsExactly('4', '2');
        assertThat(entry.length()).isEqualTo(1);
        new Presented.Pin(taken, java.time.Instant.EPOCH).clear();
        assertThat(taken).containsOnly('\0');
    }

    @Test
    void givenAPin_whenPrinted_thenNeitherItsDigitsNorTheirCountShow() {
        new Keystrokes(1_000_000, 1000).digits("97531").enter().typeInto(keypad);

        assertThat(pins.get(0).toString()).doesNotContain("97531");
    }
}
