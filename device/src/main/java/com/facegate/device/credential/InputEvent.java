package com.facegate.device.credential;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One Linux {@code struct input_event} as /dev/input/eventN delivers it on a 64-bit kernel: {@code timeval}
 * (seconds and microseconds, 8 bytes each), {@code type} u16, {@code code} u16, {@code value} s32, 24 bytes in
 * the machine's byte order (little-endian on the Pi's arm64 as on x86_64).
 *
 * @param micros event time in microseconds (the kernel's CLOCK_REALTIME unless the device was told otherwise)
 */
public record InputEvent(long micros, int type, int code, int value) {
    public static final int BYTES = 24;
    /** Event types and key values of linux/input-event-codes.h. */
    public static final int EV_SYN = 0;
    public static final int EV_KEY = 1;
    public static final int EV_MSC = 4;
    public static final int RELEASED = 0;
    public static final int PRESSED = 1;
    public static final int REPEATED = 2;

    /** Reads one event at the buffer's position (which must hold {@link #BYTES} bytes). */
    public static InputEvent read(ByteBuffer b) {
        ByteBuffer in = b.order(ByteOrder.nativeOrder());
        long sec = in.getLong();
        long usec = in.getLong();
        int type = Short.toUnsignedInt(in.getShort());
        int code = Short.toUnsignedInt(in.getShort());
        int value = in.getInt();
        return new InputEvent(sec * 1_000_000 + usec, type, code, value);
    }

    /** The event as the kernel would write it (tests generate device input with this). */
    public byte[] bytes() {
        ByteBuffer out = ByteBuffer.allocate(BYTES).order(ByteOrder.nativeOrder());
        out.putLong(micros / 1_000_000).putLong(micros % 1_000_000).putShort((short) type).putShort((short) code)
                .putInt(value);
        return out.array();
    }
}
