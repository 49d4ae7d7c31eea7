package com.facegate.device.credential;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A status LED / buzzer on one GPIO output through Pi4J, off at start and at Pi4J's shutdown. It is a line of
 * its own: the config refuses a feedback pin that is the relay's (or any other pin in use), so no cue can ever
 * release the lock.
 */
public final class GpioIndicator implements Indicator {
    private static final Logger LOG = LoggerFactory.getLogger(GpioIndicator.class);

    private final DigitalOutput out;
    private final DigitalState on;
    private final DigitalState off;

    public GpioIndicator(Context pi4j, int bcmPin, boolean activeHigh) {
        this.on = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.off = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
        this.out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("feedback-" + bcmPin)
                .name("status LED/buzzer").address(bcmPin).initial(off).shutdown(off));
        out.state(off);
    }

    @Override
    public void set(boolean lit) {
        out.state(lit ? on : off);
    }

    /** Whether the line is driven to its "on" level (tests, status). */
    public boolean lit() {
        return out.state() == on;
    }

    @Override
    public void close() {
        try {
            out.state(off);
        } catch (RuntimeException e) {
            LOG.error("could not turn the feedback line off", e);
        }
    }
}
