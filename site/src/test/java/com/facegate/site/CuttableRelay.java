package com.facegate.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a free loopback port in front of a real endpoint (the local S3, say), for fault tests: {@link #cut}
 * closes every open connection and closes new ones at once, as a network outage would, until {@link #restore}.
 * Bytes pass untouched, TLS and SigV4 included, so the client and the server see each other end to end.
 */
public final class CuttableRelay implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile URI target;
    private volatile boolean cut;

    /** Relaying to {@code target}'s host and port at once. */
    public CuttableRelay(URI target) throws IOException {
        this();
        this.target = target;
        this.cut = false;
    }

    /**
     * Cut until {@link #target(URI)} says where to relay and {@link #restore()} opens it: a stack's ports are known
     * only once it runs, and the door must be told the relay's port before.
     */
    public CuttableRelay() throws IOException {
        this.cut = true;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** The loopback port clients connect to instead of the endpoint's. */
    public int port() {
        return server.getLocalPort();
    }

    public void target(URI where) {
        this.target = where;
    }

    public void cut() {
        cut = true;
        open.forEach(CuttableRelay::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                URI to = target;
                if (cut || to == null) {
                    closeQuietly(in);
                    continue;
                }
                Socket out = new Socket(to.getHost(), to.getPort());
                open.add(in);
                open.add(out);
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                // The server socket closed (the relay's end), or the target refused: that connection fails.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // Cut, or one side closed: the other side is closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
    }
}
