package com.facegate.it.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a real endpoint (the local S3), for fault tests: while {@link #refuse(boolean) refusing}
 * it drops every connection, open ones included, as a network outage would; otherwise it passes bytes through
 * untouched (TLS and SigV4 end to end between the real client and server).
 */
final class SwitchableProxy implements AutoCloseable {
    private final ServerSocket server;
    private volatile URI target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;

    /** Refusing until {@link #target(URI)} says where to relay (a stack's ports are known only once it runs). */
    SwitchableProxy() throws IOException {
        this.refusing = true;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::accept, "proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    /** The proxy's endpoint: {@code https://127.0.0.1:<port>} (the local stack's host, so its TLS name fits). */
    URI uri() {
        return URI.create("https://127.0.0.1:" + server.getLocalPort());
    }

    void target(URI where) {
        this.target = where;
    }

    void refuse(boolean on) {
        refusing = on;
        if (on) {
            open.forEach(SwitchableProxy::closeQuietly);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                URI to = target;
                Socket upstream = new Socket(to.getHost(), to.getPort());
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // closed, or the target refused this one connection: the client sees a dropped connection
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a dropped connection ends both directions
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(SwitchableProxy::closeQuietly);
    }
}
