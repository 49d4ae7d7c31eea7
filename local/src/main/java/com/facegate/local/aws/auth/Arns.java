package com.facegate.local.aws.auth;

/**
 * The ARNs local endpoints authorize against, shaped as in AWS (partition {@code aws}, the local stack's account
 * {@value #ACCOUNT}), so policies read like {@code cloud/template.yaml}'s.
 */
public final class Arns {
    public static final String ACCOUNT = "000000000000";

    private Arns() {}

    public static String bucket(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    public static String object(String bucket, String key) {
        return bucket(bucket) + "/" + key;
    }

    public static String collection(String region, String collectionId) {
        return "arn:aws:rekognition:" + region + ":" + ACCOUNT + ":collection/" + collectionId;
    }

    public static String topic(String region, String topic) {
        return "arn:aws:iot:" + region + ":" + ACCOUNT + ":topic/" + topic;
    }
}
