package com.facegate.local.pki;

/**
 * Connection settings written into each door's {@code door.properties}: where its broker and S3 endpoint are,
 * and the S3 credentials of the local stack (in AWS a door would get an IoT role alias instead).
 */
public record DoorSettings(String mqttHost, int mqttPort, String s3Endpoint, String bucket, String region,
        String s3AccessKeyId, String s3SecretAccessKey) {}
