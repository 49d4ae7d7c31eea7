package com.facegate.local.doors;

/**
 * Connection settings written into each door's {@code door.properties}: where its broker, S3 endpoint and IoT
 * credentials provider are, and the role alias it asks the latter for. No secret: the door's S3 credentials come
 * from exchanging its certificate at the credentials endpoint, as in AWS.
 */
public record DoorSettings(String mqttHost, int mqttPort, String s3Endpoint, String bucket, String region,
        String credentialsEndpoint, String roleAlias) {}
