package com.facegate.device.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) without libsystemd: one datagram to $NOTIFY_SOCKET. The JDK has Unix stream sockets but no Unix
 * datagrams, so jnr-unixsocket sends it. No NOTIFY_SOCKET (not under systemd) = no-op. Abstract sockets
 * ("@name") are supported.
 */
public final class SystemdNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    private final String socket;

    public SystemdNotifier(String socket) {
        this.socket = socket == null || socket.isBlank() ? null : socket;
    }

    public static SystemdNotifier fromEnvironment() {
        return new SystemdNotifier(System.getenv("NOTIFY_SOCKET"));
    }

    public boolean enabled() {
        return socket != null;
    }

    public void ready() {
        send("READY=1\nSTATUS=door daemon running");
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    public void stopping() {
        send("STOPPING=1");
    }

    /** Sends one notification; returns false (and logs at debug) when it could not. */
    public boolean send(String state) {
        if (socket == null) {
            return false;
        }
        String path = socket.startsWith("@") ? "\0" + socket.substring(1) : socket;
        try (UnixDatagramChannel ch = UnixDatagramChannel.open()) {
            ch.send(ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8)), new UnixSocketAddress(path));
            return true;
        } catch (Exception e) {
            LOG.debug("sd_notify failed: {}", e.toString());
            return false;
        }
    }
}
