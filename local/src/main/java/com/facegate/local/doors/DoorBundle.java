package com.facegate.local.doors;

import java.math.BigInteger;
import java.nio.file.Path;

/** What a provisioned door receives: its certificate, key, the CA to trust, and its connection settings. */
public record DoorBundle(String doorId, Path directory, Path certificate, Path privateKey, Path caCertificate,
        Path properties, BigInteger serial) {}
