package com.facegate.cloud.enroll;

import com.facegate.protocol.Failures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of a badge changed through one {@link BadgeAdmin} (enrolled, updated, revoked, erased), by badge id,
 * after the change is stored: e.g. a console's people list, so that an admin sees their own change at once. A
 * listener's failure is logged and never undoes or breaks the change.
 */
final class BadgeChanges {
    private static final Logger LOG = LoggerFactory.getLogger(BadgeChanges.class);

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<String> listener) {
        listeners.add(listener);
    }

    void remove(Consumer<String> listener) {
        listeners.remove(listener);
    }

    void changed(String badgeId) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(badgeId);
            } catch (RuntimeException e) {
                LOG.warn("badge change listener failed badge={} error={}", badgeId, Failures.describe(e));
            }
        }
    }
}
