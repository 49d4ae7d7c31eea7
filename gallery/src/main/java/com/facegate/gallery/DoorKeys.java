package com.facegate.gallery;

import java.util.Optional;

/** Where the publisher finds each door's 256-bit gallery key; a door without a key gets no gallery. */
public interface DoorKeys {
    Optional<byte[]> existing(String doorId);
}
