package com.facegate.cloud.registry;

import com.facegate.protocol.AuditEvent;
import java.time.Instant;
import java.util.Map;

/** The audit record of a registry document a listing skipped: a cloud FAULT naming the key and what was wrong. */
public final class BadDocuments {
    /** The audit reason of a skipped registry document. */
    public static final String REASON = "REGISTRY_DOCUMENT_INVALID";

    private BadDocuments() {}

    public static AuditEvent fault(BadDocumentException bad, Instant at) {
        return AuditEvent.of(null, AuditEvent.Type.FAULT, AuditEvent.SOURCE_CLOUD, at).withReason(REASON)
                .withDetails(Map.of("key", bad.key(), "problem", bad.problem()));
    }
}
