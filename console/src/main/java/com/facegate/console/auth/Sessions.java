package com.facegate.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, in memory (a restart signs everyone out). The cookie carries only a 256-bit random id; each
 * session has its own CSRF token. Sessions before sign-in exist too, so that the sign-in form has a CSRF token.
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SESSIONS = 10_000;

    /** A session: {@code account} is null until sign-in. */
    public record Session(String id, String csrf, Account account, Instant created, Instant lastSeen) {
        public boolean signedIn() {
            return account != null;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Session anonymous() {
        return store(new Session(token(), token(), null, clock.instant(), clock.instant()));
    }

    /** After a successful sign-in: a fresh id and token (no fixation), the old session ended. */
    public Session signIn(Session old, Account account) {
        if (old != null) {
            sessions.remove(old.id());
        }
        return store(new Session(token(), token(), account, clock.instant(), clock.instant()));
    }

    public void end(Session s) {
        if (s != null) {
            sessions.remove(s.id());
        }
    }

    /** The live session for a cookie value, touched; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen().plus(IDLE)) || now.isAfter(s.created().plus(ABSOLUTE))) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.csrf(), s.account(), s.created(), now);
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    private Session store(Session s) {
        if (sessions.size() >= MAX_SESSIONS) {
            Instant now = clock.instant();
            sessions.values().removeIf(x -> now.isAfter(x.lastSeen().plus(IDLE)) || !x.signedIn());
        }
        sessions.put(s.id(), s);
        return s;
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
