package com.facegate.device.door;

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

    public GpioInput(Context pi4j, String id, int bcmPin, boolean activeHigh) {
        this.active = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id + "-" + bcmPin).name(id).address(bcmPin)
                .pull(activeHigh ? PullResistance.PULL_DOWN : PullResistance.PULL_UP).debounce(3000L));
        in.addListener(e -> {
            boolean isActive = e.state() == active;
            listeners.forEach(l -> l.accept(isActive));
        });
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
