package com.facegate.device.app;

import com.facegate.device.config.ConfigException;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The door daemon's entry point (the Pi jar's Main-Class; the systemd unit runs
 * {@code java -jar facegate-device.jar --config /etc/facegate/door.properties}): load the config, start the door,
 * stop it on SIGTERM.
 */
public final class DoorMain {
    /** EX_CONFIG: systemd shows it, and RestartPreventExitStatus=78 keeps Restart= from looping on it. */
    static final int EX_CONFIG = 78;

    private DoorMain() {}

    public static void main(String[] args) throws Exception {
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                config = Path.of(args[++i]);
            }
        }
        if (config == null) {
            System.err.println("usage: DoorMain --config /etc/facegate/door.properties");
            System.exit(2);
        }
        DoorConfig cfg;
        try {
            cfg = DoorConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(EX_CONFIG);
            return;
        }
        FaceEngine engine = OnnxFaceEngine.load();
        DoorDaemon daemon = DoorDaemon.start(cfg, engine);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            engine.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
