package com.facegate.cloud.enroll;

import java.util.List;

/** The registry entry was written and these photo keys uploaded; per-photo outcomes follow asynchronously. */
public record EnrollmentReceipt(String badgeId, List<String> photoKeys) {}
