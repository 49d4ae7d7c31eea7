package com.facegate.local.aws.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Short-lived credentials (what STS issues behind an IoT role alias): a fresh access key id ({@code ASIA...}),
 * secret and session token each time, valid until an expiry. Requests must carry the token and are refused once
 * it expired; an expired credential stays known for {@link #REMEMBER_EXPIRED} so the refusal can say "expired",
 * then it is forgotten. At most {@link #MAX_PER_HOLDER} live credentials per holder (a door refreshing early does
 * not pile them up): issuing one more retires the oldest.
 */
public final class TemporaryCredentials implements Principals {
    static final int MAX_PER_HOLDER = 4;
    static final Duration REMEMBER_EXPIRED = Duration.ofHours(1);
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Principal> byKey = new HashMap<>();
    private final Map<String, Deque<String>> keysByHolder = new HashMap<>();

    public TemporaryCredentials(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** New credentials for {@code holder} (a log name such as {@code door/front-door-01}) under {@code policy}. */
    public synchronized Principal issue(String holder, Policy policy, Map<String, String> variables,
            Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("credential lifetime must be positive");
        }
        forgetOld();
        Instant expires = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        Principal p = new Principal(holder, "ASIA" + pick(KEY_ALPHABET, 16), pick(SECRET_ALPHABET, 40), token(),
                expires, policy, variables);
        byKey.put(p.accessKeyId(), p);
        Deque<String> keys = keysByHolder.computeIfAbsent(holder, h -> new ArrayDeque<>());
        keys.addLast(p.accessKeyId());
        while (keys.size() > MAX_PER_HOLDER) {
            byKey.remove(keys.removeFirst());
        }
        return p;
    }

    @Override
    public synchronized Optional<Principal> find(String accessKeyId) {
        return Optional.ofNullable(accessKeyId == null ? null : byKey.get(accessKeyId));
    }

    /** Drops credentials that expired more than {@link #REMEMBER_EXPIRED} ago. */
    private void forgetOld() {
        Instant now = clock.instant();
        byKey.values().removeIf(p -> p.expiresAt().plus(REMEMBER_EXPIRED).isBefore(now));
        keysByHolder.values().forEach(keys -> keys.removeIf(k -> !byKey.containsKey(k)));
        keysByHolder.values().removeIf(Deque::isEmpty);
    }

    private String token() {
        byte[] b = new byte[96];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private String pick(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
