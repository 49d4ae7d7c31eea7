package com.facegate.device.credential;

import com.facegate.device.config.DoorConfig;
import com.pi4j.context.Context;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door's card reader, PIN keypad and feedback line as configured ({@code reader.*}, {@code keypad.*},
 * {@code feedback.*}), built but not reading until {@link #start()}. What they read goes to the given consumer;
 * a card read also cues "look at the camera". {@link #close()} stops the readers and turns the line off.
 */
public final class DoorCredentials implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DoorCredentials.class);
    /** How long a lost HID device waits before it is opened again. */
    private static final Duration REOPEN = Duration.ofSeconds(2);

    private final FeedbackLine feedback;
    private final List<CredentialReader> readers = new ArrayList<>();
    private final Consumer<Presented> sink;

    private DoorCredentials(FeedbackLine feedback, Consumer<Presented> sink) {
        this.feedback = feedback;
        this.sink = sink;
    }

    /** Builds what {@code cfg} names; on a failure half-way, what was built is closed again. */
    public static DoorCredentials open(DoorConfig.Readers cfg, Context pi4j, Clock clock,
                                       Consumer<Presented> presented) {
        DoorConfig.Feedback fb = cfg.feedback();
        FeedbackLine line = new FeedbackLine(fb.fitted() ? new GpioIndicator(pi4j, fb.pin(), fb.activeHigh())
                : Indicator.none());
        DoorCredentials door = new DoorCredentials(line, presented);
        try {
            door.build(cfg, pi4j, clock);
        } catch (RuntimeException e) {
            door.close();
            throw e;
        }
        return door;
    }

    private void build(DoorConfig.Readers cfg, Context pi4j, Clock clock) {
        DoorConfig.CardReader card = cfg.card();
        DoorConfig.Keypad keypad = cfg.keypad();
        KeypadSettings keys = new KeypadSettings(keypad.maxDigits(), keypad.keyTimeout());
        Consumer<Presented> out = this::presented;
        if (card.type() == DoorConfig.ReaderType.WIEGAND) {
            readers.add(new WiegandReader(pi4j, new WiegandReader.Lines(card.d0Pin(), card.d1Pin()),
                    new WiegandDecoder(card.minBitGap(), card.frameSilence()), out,
                    keypad.type() == DoorConfig.ReaderType.WIEGAND ? keys : null, clock, System::nanoTime));
        } else if (card.type() == DoorConfig.ReaderType.HID) {
            Path dev = card.device();
            readers.add(EvdevReader.cards("hid card " + dev, () -> events(dev), card.keyTimeout(),
                    clock, REOPEN, out));
        }
        if (keypad.type() == DoorConfig.ReaderType.HID) {
            Path dev = keypad.device();
            readers.add(EvdevReader.keypad("hid keypad " + dev, () -> events(dev),
                    keypad.maxDigits(), keypad.keyTimeout(), clock, REOPEN, out));
        }
    }

    /**
     * An event device is opened and grabbed; a regular file is read as recorded {@code input_event}s as they are
     * appended (a simulated door, as the camera can be a folder): nothing is grabbed, so it is said in the log.
     */
    static EventSource events(Path dev) throws IOException {
        if (Files.isRegularFile(dev)) {
            LOG.warn("reader device {} is a regular file: reading recorded input events from it (simulation)", dev);
            return EventSource.of(new FileInputStream(dev.toFile()));
        }
        return EvdevDevice.open(dev, true);
    }

    /** Starts every reader. */
    public DoorCredentials start() {
        for (CredentialReader r : readers) {
            r.start();
            LOG.info("credential reader started: {}", r.name());
        }
        return this;
    }

    /** The door's feedback line, for whoever learns what the door waits for next (decisions). */
    public FeedbackLine feedback() {
        return feedback;
    }

    /** The readers built from the config (none for a face-only door). */
    public List<CredentialReader> readers() {
        return List.copyOf(readers);
    }

    private void presented(Presented p) {
        if (p instanceof Presented.Card) {
            feedback.show(Cue.LOOK_AT_CAMERA);
        }
        try {
            sink.accept(p);
        } catch (RuntimeException e) {
            // The reader goes on reading; this credential is lost, which keeps the door shut, never opens it.
            LOG.error("handing over a presented {} failed", p instanceof Presented.Card ? "card" : "PIN", e);
            if (p instanceof Presented.Pin pin) {
                pin.clear();
            }
        }
    }

    @Override
    public void close() {
        for (CredentialReader r : readers) {
            r.close();
        }
        feedback.close();
    }
}
