package com.facegate.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Watches a folder: each photo dropped into it is shown to the door's camera once, then moved to {@code seen/}. */
public final class InboxCamera implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboxCamera.class);

    private final Path inbox;
    private final VisitCamera camera;
    private final Thread thread;
    private volatile boolean running = true;

    public InboxCamera(Path inbox, VisitCamera camera) {
        this.inbox = inbox;
        this.camera = camera;
        this.thread = new Thread(this::watch, "camera-inbox");
        thread.setDaemon(true);
    }

    public InboxCamera start() {
        thread.start();
        return this;
    }

    private void watch() {
        Path seen = inbox.resolve("seen");
        while (running) {
            try (Stream<Path> files = Files.list(inbox)) {
                for (Path f : files.filter(Files::isRegularFile).filter(InboxCamera::isImage).sorted().toList()) {
                    try {
                        camera.show(VisitCamera.load(f));
                    } catch (IOException | RuntimeException e) {
                        // A dropped photo, never a dead camera: the next file is shown as usual.
                        LOG.warn("not a usable photo, dropped: {}: {}", f.getFileName(),
                                e.getMessage());
                    }
                    Files.createDirectories(seen);
                    Files.move(f, seen.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Thread.sleep(200);
            } catch (IOException | RuntimeException e) {
                LOG.warn("camera inbox unreadable: {}", e.toString());
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
