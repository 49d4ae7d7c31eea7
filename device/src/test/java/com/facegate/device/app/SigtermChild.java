package com.facegate.device.app;

import com.facegate.device.config.DoorConfigLoader;
import com.facegate.device.support.TestDoors;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A door daemon process stopped as systemd stops it (SIGTERM → JVM shutdown hook → {@code close()}), wired like
 * {@link DoorDaemon#main} but with the mock GPIO and no camera. Prints "online" once its subscriptions are acked.
 */
public final class SigtermChild {
    public static void main(String[] args) throws Exception {
        var pi4j = TestDoors.mockPi4j();
        DoorDaemon daemon = DoorDaemon.builder(DoorConfigLoader.load(Path.of(args[0]))).pi4j(pi4j).noCapture().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            pi4j.shutdown();
            stopped.countDown();
        }, "shutdown"));
        while (!daemon.link().online()) {
            Thread.sleep(50);
        }
        System.out.println("online");
        System.out.flush();
        stopped.await();
    }
}
