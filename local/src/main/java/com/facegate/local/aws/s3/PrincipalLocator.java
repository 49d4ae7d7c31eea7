package com.facegate.local.aws.s3;

import com.facegate.local.aws.auth.Principal;
import com.facegate.local.aws.auth.Principals;
import java.time.Clock;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.BlobStoreLocator;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * s3proxy's multi-identity hook: for the access key a request names, the secret to check its SigV4 signature with
 * and the store as that caller may use it ({@link PolicyBlobStore}). Unknown and expired keys get nothing, which
 * s3proxy answers with S3's own refusal.
 */
final class PrincipalLocator implements BlobStoreLocator {
    private final Principals principals;
    private final BlobStore store;
    private final Clock clock;

    PrincipalLocator(Principals principals, BlobStore store, Clock clock) {
        this.principals = principals;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public AccessGrant locateBlobStore(String identity, String container, String blob) {
        Principal p = identity == null ? null : principals.find(identity).orElse(null);
        if (p == null || p.expiredAt(clock.instant())) {
            return null;
        }
        return new AccessGrant(p.secretAccessKey(), new PolicyBlobStore(store, p));
    }
}
