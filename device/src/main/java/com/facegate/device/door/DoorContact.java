package com.facegate.device.door;

import java.util.function.Consumer;

/** The door position switch (reed contact): open or closed. */
public interface DoorContact extends AutoCloseable {

    boolean isOpen();

    /** Called with true on open, false on close. */
    void onChange(Consumer<Boolean> listener);

    @Override
    void close();
}
