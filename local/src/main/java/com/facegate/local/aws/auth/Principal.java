package com.facegate.local.aws.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Who signed a request: a name for logs ({@code admin}, {@code role/enrollment}, {@code door/front-door-01}),
 * the access key and secret, for temporary credentials the session token and expiry, the policy, and the policy
 * variables bound to this credential ({@code doorId} for a door).
 *
 * @param sessionToken null for long-term keys
 * @param expiresAt    null for long-term keys
 */
public record Principal(String name, String accessKeyId, String secretAccessKey, String sessionToken,
                        Instant expiresAt, Policy policy, Map<String, String> variables) {

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(policy, "policy");
        variables = Map.copyOf(variables);
        if ((sessionToken == null) != (expiresAt == null)) {
            throw new IllegalArgumentException("temporary credentials need both a session token and an expiry");
        }
    }

    public static Principal longTerm(String name, String accessKeyId, String secretAccessKey, Policy policy) {
        return new Principal(name, accessKeyId, secretAccessKey, null, null, policy, Map.of());
    }

    public boolean temporary() {
        return sessionToken != null;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Constant-time comparison of a presented session token with this credential's. */
    public boolean tokenMatches(String presented) {
        if (!temporary()) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                sessionToken.getBytes(StandardCharsets.UTF_8));
    }

    public boolean allows(AccessRequest request) {
        return policy.allows(request, variables);
    }

    @Override
    public String toString() {
        return "Principal[" + name + ", accessKeyId=" + accessKeyId + ", policy=" + policy.name()
                + (expiresAt == null ? "" : ", expires " + expiresAt) + "]";
    }
}
