package com.facegate.device.config;

import static com.facegate.device.config.DoorConfigKeys.CONTACT_PIN;
import static com.facegate.device.config.DoorConfigKeys.EXIT_BUTTON_PIN;
import static com.facegate.device.config.DoorConfigKeys.FEEDBACK_ACTIVE_HIGH;
import static com.facegate.device.config.DoorConfigKeys.FEEDBACK_PIN;
import static com.facegate.device.config.DoorConfigKeys.KEYPAD_DEVICE;
import static com.facegate.device.config.DoorConfigKeys.KEYPAD_KEY_TIMEOUT;
import static com.facegate.device.config.DoorConfigKeys.KEYPAD_MAX_DIGITS;
import static com.facegate.device.config.DoorConfigKeys.KEYPAD_PIN_PUBLIC_KEY;
import static com.facegate.device.config.DoorConfigKeys.KEYPAD_TYPE;
import static com.facegate.device.config.DoorConfigKeys.READER_D0_PIN;
import static com.facegate.device.config.DoorConfigKeys.READER_D1_PIN;
import static com.facegate.device.config.DoorConfigKeys.READER_DEVICE;
import static com.facegate.device.config.DoorConfigKeys.READER_FRAME_SILENCE;
import static com.facegate.device.config.DoorConfigKeys.READER_KEY_TIMEOUT;
import static com.facegate.device.config.DoorConfigKeys.READER_MIN_BIT_GAP;
import static com.facegate.device.config.DoorConfigKeys.READER_TYPE;
import static com.facegate.device.config.DoorConfigKeys.RELAY_PIN;

import com.facegate.device.config.DoorConfig.ReaderType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader, keypad and feedback keys of {@link DoorConfigLoader}: what each reader type needs, and no GPIO pin
 * used twice. A feedback line on the relay's pin would flash the lock open, so pin clashes are refused outright.
 */
final class ReaderSettings {
    private ReaderSettings() {}

    /** A parsed key's value, or null if it was missing or invalid (already reported). */
    interface Values {
        <T> T get(DoorSetting<T> s);
    }

    static DoorConfig.Readers readers(Values v) {
        return new DoorConfig.Readers(
                new DoorConfig.CardReader(v.get(READER_TYPE), v.get(READER_DEVICE), v.get(READER_D0_PIN),
                        v.get(READER_D1_PIN), v.get(READER_FRAME_SILENCE),
                        Duration.ofNanos(v.get(READER_MIN_BIT_GAP) * 1000L), v.get(READER_KEY_TIMEOUT)),
                new DoorConfig.Keypad(v.get(KEYPAD_TYPE), v.get(KEYPAD_DEVICE), v.get(KEYPAD_KEY_TIMEOUT),
                        v.get(KEYPAD_MAX_DIGITS), v.get(KEYPAD_PIN_PUBLIC_KEY)),
                new DoorConfig.Feedback(v.get(FEEDBACK_PIN), v.get(FEEDBACK_ACTIVE_HIGH)));
    }

    /** Adds every problem joining these keys (and the door's own pins) to {@code problems}. */
    static void check(Values v, List<String> problems) {
        ReaderType reader = v.get(READER_TYPE);
        ReaderType keypad = v.get(KEYPAD_TYPE);
        if (reader == ReaderType.HID && v.get(READER_DEVICE) == null) {
            problems.add("reader.type=HID needs reader.device (the reader's /dev/input event device)");
        }
        if (reader == ReaderType.WIEGAND) {
            Integer d0 = v.get(READER_D0_PIN);
            Integer d1 = v.get(READER_D1_PIN);
            if ((d0 != null && d0 < 0) || (d1 != null && d1 < 0)) {
                problems.add("reader.type=WIEGAND needs reader.d0Pin and reader.d1Pin");
            }
            Duration silence = v.get(READER_FRAME_SILENCE);
            Integer gap = v.get(READER_MIN_BIT_GAP);
            if (silence != null && gap != null && silence.toNanos() <= gap * 1000L) {
                problems.add("reader.frameSilence must be longer than reader.minBitGapMicros");
            }
        }
        if (keypad == ReaderType.HID) {
            if (v.get(KEYPAD_DEVICE) == null) {
                problems.add("keypad.type=HID needs keypad.device (the keypad's /dev/input event device)");
            } else if (reader == ReaderType.HID && v.get(KEYPAD_DEVICE).equals(v.get(READER_DEVICE))) {
                problems.add("keypad.device must not be reader.device (keys of one device cannot be told apart)");
            }
        }
        if (keypad == ReaderType.WIEGAND && reader != ReaderType.WIEGAND) {
            problems.add("keypad.type=WIEGAND needs reader.type=WIEGAND (the keypad sends on the reader's lines)");
        }
        pinClashes(v, reader, problems);
    }

    private static void pinClashes(Values v, ReaderType reader, List<String> problems) {
        Map<DoorSetting<Integer>, Integer> door = new LinkedHashMap<>();
        door.put(RELAY_PIN, v.get(RELAY_PIN));
        door.put(CONTACT_PIN, v.get(CONTACT_PIN));
        door.put(EXIT_BUTTON_PIN, v.get(EXIT_BUTTON_PIN));
        Map<DoorSetting<Integer>, Integer> ours = new LinkedHashMap<>();
        if (reader == ReaderType.WIEGAND) {
            ours.put(READER_D0_PIN, v.get(READER_D0_PIN));
            ours.put(READER_D1_PIN, v.get(READER_D1_PIN));
        }
        ours.put(FEEDBACK_PIN, v.get(FEEDBACK_PIN));
        List<Map.Entry<DoorSetting<Integer>, Integer>> seen = new ArrayList<>(door.entrySet());
        for (Map.Entry<DoorSetting<Integer>, Integer> e : ours.entrySet()) {
            Integer pin = e.getValue();
            if (pin == null || pin < 0) {
                continue;
            }
            for (Map.Entry<DoorSetting<Integer>, Integer> earlier : seen) {
                if (pin.equals(earlier.getValue())) {
                    problems.add(e.getKey().key() + " uses GPIO " + pin + ", already " + earlier.getKey().key());
                }
            }
            seen.add(e);
        }
    }
}
