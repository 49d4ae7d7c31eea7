package com.facegate.device.support;

import com.facegate.device.mqtt.DoorLink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-process transport for daemon-logic tests: what the door publishes is delivered to {@link #published} and
 * to subscribers (the "cloud side"), acknowledged only while {@link #setOnline online}; tests deliver decisions
 * and commands with {@link #deliver}. It makes no decisions: it just moves bytes like a broker would.
 */
public final class LoopbackLink implements DoorLink {
    public record Published(String topic, byte[] payload) {}

    public final List<Published> published = new CopyOnWriteArrayList<>();
    private final List<Consumer<Published>> cloud = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<Inbound> handler = m -> { };
    private volatile boolean online;
    private volatile boolean startOnline = true;
    private volatile boolean closed;

    public LoopbackLink startOffline() {
        startOnline = false;
        return this;
    }

    public void onCloud(Consumer<Published> c) {
        cloud.add(c);
    }

    @Override
    public void start() {
        if (startOnline) {
            setOnline(true);
        }
    }

    public void setOnline(boolean now) {
        if (online != now) {
            online = now;
            listeners.forEach(l -> l.accept(now));
        }
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        if (!online) {
            return CompletableFuture.failedFuture(new IllegalStateException("offline"));
        }
        Published p = new Published(topic, payload.clone());
        published.add(p);
        cloud.forEach(c -> c.accept(p));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void subscribe(Consumer<Inbound> h, String... topics) {
        this.handler = h;
    }

    @Override
    public void onlineListener(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean online() {
        return online;
    }

    /** A message from the cloud to the door. */
    public void deliver(String topic, byte[] payload) {
        handler.accept(new Inbound(topic, payload));
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        setOnline(false);
    }
}
