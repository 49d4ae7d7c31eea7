package com.facegate.cloud.enroll;

/** What {@link BadgeAdmin#erase} removed for one badge. */
public record ErasureReport(String badgeId, int facesDeleted, boolean userDeleted, int photosDeleted,
                            int registryDocumentsDeleted) {}
