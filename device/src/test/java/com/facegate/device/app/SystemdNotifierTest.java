package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify datagrams reach a real Unix datagram socket, as systemd's NOTIFY_SOCKET would receive them. */
class SystemdNotifierTest {
    @TempDir
    Path dir;

    @Test
    void givenNotifySocket_whenReadyAndWatchdog_thenDatagramsArrive() throws Exception {
        Path sock = dir.resolve("notify.sock");
        try (UnixDatagramChannel server = UnixDatagramChannel.open()) {
            server.bind(new UnixSocketAddress(sock.toFile()));
            SystemdNotifier n = new SystemdNotifier(sock.toString());

            n.ready();
            n.watchdog();

            assertThat(receive(server)).startsWith("READY=1");
            assertThat(receive(server)).isEqualTo("WATCHDOG=1");
        }
    }

    @Test
    void givenNoNotifySocket_whenNotifying_thenNothingHappens() {
        assertThat(new SystemdNotifier(null).send("READY=1")).isFalse();
    }

    private static String receive(UnixDatagramChannel ch) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(256);
        ch.receive(b);
        b.flip();
        return StandardCharsets.UTF_8.decode(b).toString();
    }
}
