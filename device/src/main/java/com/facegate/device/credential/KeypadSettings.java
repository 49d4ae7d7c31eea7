package com.facegate.device.credential;

import java.time.Duration;

/** A PIN keypad's limits: the longest PIN, and how long between two keys before the entry is dropped. */
public record KeypadSettings(int maxDigits, Duration keyTimeout) {}
