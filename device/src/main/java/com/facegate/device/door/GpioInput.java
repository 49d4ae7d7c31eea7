package com.facegate.device.door;

import com.facegate.device.config.DoorConfig;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A debounced GPIO input that reports "active" (door open, button pressed) per its wiring. */
public final class GpioInput implements DoorContact {
    private final DigitalInput in;
    private final DigitalState active;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param activeHigh whether a high level means "active" (door open, button pressed)
     * @param pull       the Pi's internal pull resistor, chosen by the wiring (independent of the active level:
     *                   a contact closed to ground while the door is shut needs pull-up and active-high)
     */
    public GpioInput(Context pi4j, String id, int bcmPin, boolean activeHigh, DoorConfig.Pull pull) {
        this.active = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id + "-" + bcmPin).name(id).address(bcmPin)
                .pull(resistance(pull)).debounce(3000L));
        in.addListener(e -> {
            boolean isActive = e.state() == active;
            listeners.forEach(l -> l.accept(isActive));
        });
    }

    static PullResistance resistance(DoorConfig.Pull pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case NONE -> PullResistance.OFF;
        };
    }

    @Override
    public boolean isOpen() {
        return in.state() == active;
    }

    @Override
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
