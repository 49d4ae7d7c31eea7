package com.facegate.local.aws.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A principal's permissions: Allow statements only, so anything no statement allows is denied (IAM's implicit
 * deny). The local stack's policies are in {@code stack/LocalPolicies}.
 */
public record Policy(String name, List<Statement> statements) {

    public Policy {
        statements = List.copyOf(statements);
    }

    /** Every action on every resource: the site owner's key, and verifiers built from a plain key map. */
    public static Policy allowAll(String name) {
        return new Policy(name, List.of(Statement.allow("All", Set.of("*"), List.of("*"))));
    }

    public boolean allows(AccessRequest request, Map<String, String> variables) {
        return statements.stream().anyMatch(s -> s.allows(request, variables));
    }
}
