package com.facegate.cli.admin;

import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.enroll.BadgeAdmin;

/**
 * One admin command's connection to a target: the BadgeAdmin and the SDK clients it uses (closed at the end), and
 * the settings the target's handlers run with as far as the admin can know them (similarity, site target).
 */
record AdminSession(BadgeAdmin admin, CloudClients clients, String collectionId, String target, boolean canPublish,
                    CloudConfig config) implements AutoCloseable {
    @Override
    public void close() {
        clients.s3().close();
        clients.rekognition().close();
        clients.iot().close();
    }
}
