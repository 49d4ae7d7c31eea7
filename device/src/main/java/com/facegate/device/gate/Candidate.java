package com.facegate.device.gate;

import com.facegate.device.capture.Frame;
import com.facegate.engine.Face;

/** The best frame of one approach, ready to upload: the frame, its JPEG and the chosen face. */
public record Candidate(Frame frame, byte[] jpeg, Face face, double score, int framesConsidered) {}
