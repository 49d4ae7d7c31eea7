package com.facegate.device.door;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay on one GPIO line through Pi4J. Initial and shutdown states are "off" so that Pi4J itself drops the relay
 * when the context shuts down; the pulse length is clamped to a hard cap so no caller can hold the door open.
 */
public final class GpioRelay implements Relay {
    private static final Logger LOG = LoggerFactory.getLogger(GpioRelay.class);

    private final DigitalOutput out;
    private final DigitalState on;
    private final DigitalState off;
    private final Duration maxPulse;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "relay-timer");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pendingOff;
    private volatile boolean closed;

    public GpioRelay(Context pi4j, int bcmPin, boolean activeHigh, Duration maxPulse) {
        this.on = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.off = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
        this.maxPulse = maxPulse;
        this.out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                .id("relay-" + bcmPin).name("lock relay").address(bcmPin)
                .initial(off).shutdown(off));
        out.state(off);
    }

    @Override
    public synchronized void pulse(Duration duration) {
        if (closed) {
            return;
        }
        Duration d = duration.compareTo(maxPulse) > 0 ? maxPulse : duration;
        if (d.isNegative() || d.isZero()) {
            return;
        }
        if (pendingOff != null) {
            pendingOff.cancel(false);
        }
        try {
            out.state(on);
            pendingOff = timer.schedule(this::off, d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.error("relay pulse failed; forcing off", e);
            off();
        }
    }

    @Override
    public synchronized void off() {
        if (pendingOff != null) {
            pendingOff.cancel(false);
            pendingOff = null;
        }
        try {
            out.state(off);
        } catch (RuntimeException e) {
            // Nothing more to do in software; the hardware side (fail-secure lock, watchdog) covers this.
            LOG.error("could not drive relay off", e);
        }
    }

    @Override
    public boolean energised() {
        return out.state() == on;
    }

    @Override
    public synchronized void close() {
        off();
        closed = true;
        timer.shutdownNow();
    }
}
