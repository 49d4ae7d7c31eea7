package com.facegate.device.audit;

import com.facegate.device.app.DoorDaemon;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Message;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A door daemon process for the kill -9 test: starts the real daemon (its broker is down), writes audit events
 * {@code from..to} with deterministic ids through the daemon's audit sink and prints "appended N" after each one
 * is durable. The parent kills it with destroyForcibly() part-way.
 */
public final class DurabilityChild {
    public static void main(String[] args) throws Exception {
        var cfg = DoorConfigLoader.load(Path.of(args[0]));
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        var pi4j = TestDoors.mockPi4j();
        DoorDaemon daemon = DoorDaemon.builder(cfg).pi4j(pi4j).noCapture().start();
        for (int i = from; i <= to; i++) {
            daemon.audit().record(new AuditEvent(Message.SCHEMA_VERSION, String.format("durability-%06d", i),
                    cfg.doorId(), AuditEvent.Type.OFFLINE_DECISION, Instant.now(), AuditEvent.SOURCE_DEVICE,
                    null, null, null, null, "TEST", null, Map.of("seq", Integer.toString(i))));
            System.out.println("appended " + i);
            System.out.flush();
            Thread.sleep(2);
        }
        System.out.println("done");
        System.out.flush();
        daemon.close();
        pi4j.shutdown();
        System.exit(0);
    }
}
