package com.facegate.device.support;

import com.facegate.local.aws.mqtt.LocalBroker;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.local.doors.DoorSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/** The local stack's real MQTT broker (HiveMQ, mTLS, per-door ACLs) on loopback, and provisioned door bundles. */
public final class LocalMqtt implements AutoCloseable {
    private final Path dir;
    private final LocalCa ca;
    private final int port;
    private LocalBroker broker;

    public LocalMqtt(Path dir) throws IOException {
        this.dir = dir;
        this.ca = LocalCa.openOrCreate(dir.resolve("pki"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** Starts (or restarts) the broker on the fixed port chosen at construction. */
    public LocalBroker start() {
        broker = LocalBroker.builder().dataDir(dir.resolve("broker")).host("127.0.0.1").port(port).ca(ca)
                .serverCredentials(ca.serverCredentials(Set.of())).persistent(true).build().start();
        return broker;
    }

    public LocalBroker broker() {
        return broker;
    }

    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    public DoorBundle provision(String doorId) {
        DoorProvisioner p = new DoorProvisioner(ca, dir.resolve("doors"), () -> new DoorSettings("127.0.0.1", port,
                "http://127.0.0.1:1", "facegate", "us-east-1", "https://127.0.0.1:1", "alias"));
        return p.provision(doorId);
    }

    /** Door properties using the provisioned bundle (certificate, key, CA) and this broker. */
    public static Properties props(DoorBundle bundle, Path stateDir) {
        Properties p = new Properties();
        p.setProperty("door.id", bundle.doorId());
        p.setProperty("bundle.dir", bundle.directory().toString());
        p.setProperty("mqtt.host", "127.0.0.1");
        p.setProperty("s3.bucket", "facegate");
        p.setProperty("s3.endpoint", "http://127.0.0.1:1");
        p.setProperty("s3.accessKeyId", "test");
        p.setProperty("s3.secretAccessKey", "testsecret");
        p.setProperty("mqtt.reconnectMinSecs", "1");
        p.setProperty("mqtt.reconnectMaxSecs", "2");
        p.setProperty("state.dir", stateDir.toString());
        return p;
    }

    @Override
    public void close() {
        stop();
    }
}
