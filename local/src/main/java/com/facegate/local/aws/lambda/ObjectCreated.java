package com.facegate.local.aws.lambda;

/** One successful write S3 would announce: the event name suffix is Put, Copy or CompleteMultipartUpload. */
public record ObjectCreated(String eventName, String bucket, String key, long size, String eTag, String sequencer) {
    public static final String PUT = "ObjectCreated:Put";
    public static final String COPY = "ObjectCreated:Copy";
    public static final String COMPLETE_MULTIPART = "ObjectCreated:CompleteMultipartUpload";
}
