package com.facegate.device.capture;

import java.awt.image.BufferedImage;
import java.time.Instant;

/**
 * One camera frame. {@code encoded} is the JPEG/PNG as it came (folder source) or null (camera), in which case it
 * is encoded once when the gate needs it.
 */
public record Frame(long seq, Instant at, BufferedImage image, byte[] encoded) {}
