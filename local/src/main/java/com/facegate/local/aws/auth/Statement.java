package com.facegate.local.aws.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One IAM-style Allow statement: actions (exact, or with {@code *}), resource patterns (IAM globs: {@code *} any
 * run of characters, {@code ?} one character) that may name policy variables such as {@code ${doorId}}, and an
 * optional {@code StringLike} condition on one request key (e.g. {@code s3:prefix}).
 *
 * @param conditionKey     null for no condition; a request lacking the key then does not match
 * @param conditionPatterns the key's value must match one of these
 */
public record Statement(String sid, Set<String> actions, List<String> resources, String conditionKey,
                        List<String> conditionPatterns) {

    public Statement {
        Objects.requireNonNull(sid, "sid");
        actions = Set.copyOf(actions);
        resources = List.copyOf(resources);
        conditionPatterns = conditionPatterns == null ? List.of() : List.copyOf(conditionPatterns);
    }

    public static Statement allow(String sid, Set<String> actions, List<String> resources) {
        return new Statement(sid, actions, resources, null, null);
    }

    public static Statement allow(String sid, Set<String> actions, List<String> resources, String conditionKey,
            List<String> patterns) {
        return new Statement(sid, actions, resources, conditionKey, patterns);
    }

    /** True when this statement allows the request; a variable the principal lacks matches nothing. */
    public boolean allows(AccessRequest request, Map<String, String> variables) {
        if (actions.stream().noneMatch(a -> glob(a, Map.of()).matcher(request.action()).matches())) {
            return false;
        }
        if (resources.stream().noneMatch(r -> matches(r, request.resource(), variables))) {
            return false;
        }
        if (conditionKey == null) {
            return true;
        }
        String value = request.context().get(conditionKey);
        return value != null && conditionPatterns.stream().anyMatch(p -> matches(p, value, variables));
    }

    private static boolean matches(String pattern, String value, Map<String, String> variables) {
        Pattern p = glob(pattern, variables);
        return p != null && p.matcher(value).matches();
    }

    /** The glob as a regex; a variable's value is literal (a door id never acts as a wildcard). */
    private static Pattern glob(String pattern, Map<String, String> variables) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '$' && pattern.startsWith("${", i)) {
                int end = pattern.indexOf('}', i);
                String value = end < 0 ? null : variables.get(pattern.substring(i + 2, end));
                if (value == null || value.isEmpty()) {
                    return null;
                }
                regex.append(Pattern.quote(value));
                i = end;
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
