package com.facegate.local.aws.auth;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Looks up the credential behind an access key id; expired temporary ones are still found (to say so). */
@FunctionalInterface
public interface Principals {

    Optional<Principal> find(String accessKeyId);

    /** Fixed keys, each allowed everything: for endpoints run on their own (tests, a single-user setup). */
    static Principals allowAll(Map<String, String> secretsByAccessKey) {
        Map<String, Principal> byKey = secretsByAccessKey.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> Principal.longTerm("key/" + e.getKey(), e.getKey(), e.getValue(),
                        Policy.allowAll("allow-all"))));
        return key -> Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** The first that knows the key. */
    default Principals or(Principals other) {
        return key -> find(key).or(() -> other.find(key));
    }

    static Principals of(Iterable<Principal> principals) {
        Map<String, Principal> byKey = new java.util.HashMap<>();
        for (Principal p : principals) {
            byKey.put(p.accessKeyId(), p);
        }
        Map<String, Principal> frozen = Map.copyOf(byKey);
        return key -> Optional.ofNullable(key == null ? null : frozen.get(key));
    }
}
