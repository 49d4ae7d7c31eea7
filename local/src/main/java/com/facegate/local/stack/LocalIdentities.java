package com.facegate.local.stack;

import com.facegate.local.aws.auth.Principal;
import com.facegate.local.aws.auth.Principals;
import com.facegate.local.aws.auth.TemporaryCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every credential the local stack's endpoints accept: the admin's key, one key per handler role, and the doors'
 * temporary credentials issued by the IoT credentials endpoint. Each comes with its policy.
 */
public final class LocalIdentities implements Principals {
    private final Principals longTerm;
    private final TemporaryCredentials temporary;
    private final LocalPolicies policies;

    LocalIdentities(LocalCredentials admin, Map<LocalRole, LocalCredentials> roles, LocalPolicies policies,
            Clock clock) {
        this.policies = policies;
        List<Principal> keys = new ArrayList<>();
        keys.add(Principal.longTerm("admin", admin.accessKeyId(), admin.secretAccessKey(), policies.admin()));
        roles.forEach((role, c) -> keys.add(Principal.longTerm("role/" + role.id(), c.accessKeyId(),
                c.secretAccessKey(), policies.role(role))));
        this.longTerm = Principals.of(keys);
        this.temporary = new TemporaryCredentials(clock);
    }

    @Override
    public Optional<Principal> find(String accessKeyId) {
        return longTerm.find(accessKeyId).or(() -> temporary.find(accessKeyId));
    }

    /** Temporary credentials for one door, scoped as the role alias's role: its own captures and gallery. */
    public Principal issueDoor(String doorId, Duration lifetime) {
        return temporary.issue("door/" + doorId, policies.door(), Map.of(LocalPolicies.DOOR_ID, doorId), lifetime);
    }
}
