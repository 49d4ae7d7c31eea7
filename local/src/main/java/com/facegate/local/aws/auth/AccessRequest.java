package com.facegate.local.aws.auth;

import java.util.Map;
import java.util.Objects;

/**
 * What a caller asks to do, in IAM terms: an action ({@code s3:PutObject}), the resource's ARN, and condition
 * keys of the request ({@code s3:prefix} for a listing).
 */
public record AccessRequest(String action, String resource, Map<String, String> context) {

    public AccessRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = Map.copyOf(context);
    }

    public static AccessRequest of(String action, String resource) {
        return new AccessRequest(action, resource, Map.of());
    }

    @Override
    public String toString() {
        return action + " on " + resource + (context.isEmpty() ? "" : " " + context);
    }
}
