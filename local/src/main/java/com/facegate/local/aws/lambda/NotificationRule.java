package com.facegate.local.aws.lambda;

import java.util.Objects;

/** An S3 bucket notification configuration: ObjectCreated events for keys with this prefix and suffix. */
public record NotificationRule(String configurationId, String prefix, String suffix, LambdaTarget target) {
    public NotificationRule {
        Objects.requireNonNull(configurationId, "configurationId");
        if (!configurationId.matches("[A-Za-z0-9._-]{1,128}")) {
            // It names a dead-letter folder too.
            throw new IllegalArgumentException("configurationId must be [A-Za-z0-9._-]{1,128}");
        }
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
        Objects.requireNonNull(target, "target");
    }

    /** S3 filters on the object key as stored (not URL-encoded). */
    public boolean matches(String key) {
        return key.startsWith(prefix) && key.endsWith(suffix);
    }
}
