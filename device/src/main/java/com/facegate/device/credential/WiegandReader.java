package com.facegate.device.credential;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Wiegand reader on two GPIO inputs through Pi4J: a falling edge on D0 is a 0 bit, on D1 a 1 bit; the
 * {@link WiegandDecoder} makes frames of them, checked every few milliseconds for the silence that ends one.
 * Cards go to the sink, keypad bursts to the {@link PinKeypad} if the reader has one, refused frames to the log
 * with their reason (never the bits). The lines idle high (open collector, pulled up, through a level shifter
 * from the reader's 5 V).
 */
public final class WiegandReader implements CredentialReader {
    private static final Logger LOG = LoggerFactory.getLogger(WiegandReader.class);
    private static final long TICK_MILLIS = 5;

    private final String name;
    private final DigitalInput d0;
    private final DigitalInput d1;
    private final WiegandDecoder decoder;
    private final Consumer<Presented> sink;
    private final PinKeypad keypad;
    private final Clock clock;
    private final LongSupplier nanos;
    private final DigitalStateChangeListener onD0 = edge(0);
    private final DigitalStateChangeListener onD1 = edge(1);
    private final Context pi4j;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wiegand-frames");
        t.setDaemon(true);
        return t;
    });

    /** The two data lines (BCM numbers). */
    public record Lines(int d0Pin, int d1Pin) {}

    /**
     * @param keypad a keypad wired to the same lines (4/8 bit bursts), or null: bursts are then refused
     * @param nanos  monotonic time of an edge ({@code System::nanoTime}; tests step it by hand)
     */
    public WiegandReader(Context pi4j, Lines lines, WiegandDecoder decoder, Consumer<Presented> sink,
                         KeypadSettings keypad, Clock clock, LongSupplier nanos) {
        this.pi4j = pi4j;
        this.name = "wiegand D0=" + lines.d0Pin() + " D1=" + lines.d1Pin();
        this.decoder = decoder;
        this.sink = sink;
        this.keypad = keypad == null ? null : new PinKeypad(name + " keypad", keypad.maxDigits(),
                keypad.keyTimeout(), sink);
        this.clock = clock;
        this.nanos = nanos;
        this.d0 = input(pi4j, "wiegand-d0", lines.d0Pin());
        DigitalInput second;
        try {
            second = input(pi4j, "wiegand-d1", lines.d1Pin());
        } catch (RuntimeException e) {
            pi4j.shutdown(d0.id());
            throw e;
        }
        this.d1 = second;
    }

    private static DigitalInput input(Context pi4j, String id, int pin) {
        // No debounce: a Wiegand pulse is 20-100 us long, far shorter than any debounce window.
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id + "-" + pin).name(id).address(pin)
                .pull(PullResistance.PULL_UP).debounce(0L));
    }

    @Override
    public WiegandReader start() {
        d0.addListener(onD0);
        d1.addListener(onD1);
        var unused = ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    private DigitalStateChangeListener edge(int bit) {
        return e -> {
            if (e.state() == DigitalState.LOW) {
                // Frames are handled under the lock too, so keys reach the keypad in the order they came.
                synchronized (decoder) {
                    decoder.bit(bit, nanos.getAsLong()).ifPresent(this::handle);
                }
            }
        };
    }

    private void tick() {
        try {
            synchronized (decoder) {
                decoder.endIfSilent(nanos.getAsLong()).ifPresent(this::handle);
            }
            if (keypad != null) {
                keypad.idle(clock.millis() * 1000);
            }
        } catch (RuntimeException e) {
            // A failing receiver must not end the ticker: the next frame would never be closed.
            LOG.error("{}: handling a frame failed", name, e);
        }
    }

    private void handle(WiegandFrame f) {
        if (f instanceof WiegandFrame.Card c) {
            sink.accept(new Presented.Card(c.joined(), clock.instant()));
        } else if (f instanceof WiegandFrame.Key k) {
            if (keypad != null) {
                keypad.key(k.key(), clock.millis() * 1000);
            } else {
                LOG.warn("{}: keypad burst ignored (keypad.type is not wiegand)", name);
            }
        } else if (f instanceof WiegandFrame.Rejected r) {
            LOG.warn("{}: frame rejected ({} bits): {}", name, r.bits(), r.reason());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        d0.removeListener(onD0);
        d1.removeListener(onD1);
        if (keypad != null) {
            keypad.reset();
        }
        for (DigitalInput line : new DigitalInput[] {d0, d1}) {
            try {
                pi4j.shutdown(line.id());
            } catch (RuntimeException e) {
                LOG.debug("{}: releasing {} failed (context already shut down?)", name, line.id(), e);
            }
        }
    }
}
