package com.facegate.local.aws.s3;

import com.facegate.local.aws.lambda.ObjectCreated;
import com.facegate.local.aws.lambda.S3EventNotifier;
import com.facegate.local.http.RequestBodies;
import java.io.InputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The storage under the local S3 endpoint, with S3's behaviours that s3proxy's file store lacks: an
 * ObjectCreated notification after every successful write (put, copy, multipart completion), and atomic
 * conditional PutObject: {@code If-None-Match: *} (412 PreconditionFailed when the key exists), which the cloud
 * code uses to record each capture id once, and {@code If-Match: <etag>} (412 when the object changed, 404 when it
 * is gone), with which it takes over an expired claim.
 */
public final class NotifyingBlobStore extends ForwardingBlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyingBlobStore.class);
    /** Refused bodies above this are not read: the client gets a broken connection rather than tie up a thread. */
    private static final long MAX_DRAIN = 16L * 1024 * 1024;
    /** Conditional puts are rare and small; one lock is simpler than per-key striping and still correct. */
    private final ReentrantLock conditionalPuts = new ReentrantLock();
    private final S3EventNotifier notifier;

    public NotifyingBlobStore(BlobStore delegate, S3EventNotifier notifier) {
        super(delegate);
        this.notifier = notifier;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        PutObjectResponse response;
        try {
            response = store(request, payload);
        } catch (RuntimeException e) {
            RequestBodies.discard(payload, MAX_DRAIN); // so the client sees the 412, not a reset connection
            throw e;
        }
        announce(ObjectCreated.PUT, request.bucket(), request.key(), response.eTag());
        return response;
    }

    private PutObjectResponse store(PutObjectRequest request, InputStream payload) {
        if (request.ifNoneMatch() == null && request.ifMatch() == null) {
            return delegate().putBlob(request, payload);
        }
        conditionalPuts.lock();
        try {
            HeadObjectResponse current = delegate().blobMetadataIfPresent(request.bucket(), request.key());
            if ("*".equals(request.ifNoneMatch()) && current != null) {
                throw S3Exceptions.preconditionFailed(null);
            }
            if (request.ifMatch() != null) {
                if (current == null) {
                    throw LiteralKeyBlobStore.s3Error(404, "NoSuchKey", "The specified key does not exist.");
                }
                if (!unquoted(request.ifMatch()).equals(unquoted(current.eTag()))) {
                    throw S3Exceptions.preconditionFailed(null);
                }
            }
            return delegate().putBlob(request.toBuilder().ifNoneMatch(null).ifMatch(null).build(), payload);
        } finally {
            conditionalPuts.unlock();
        }
    }

    private static String unquoted(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "").trim();
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = delegate().copyBlob(request);
        announce(ObjectCreated.COPY, request.destinationBucket(), request.destinationKey(), null);
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload mpu,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = delegate().completeMultipartUpload(mpu, request);
        announce(ObjectCreated.COMPLETE_MULTIPART, mpu.containerName(), mpu.blobName(), response.eTag());
        return response;
    }

    /** The write already succeeded: a notification problem is logged, never turned into a failed PUT. */
    private void announce(String eventName, String bucket, String key, String eTag) {
        try {
            HeadObjectResponse head = delegate().blobMetadata(bucket, key);
            long size = head.contentLength() == null ? 0 : head.contentLength();
            String tag = head.eTag() != null ? head.eTag() : eTag;
            notifier.objectCreated(new ObjectCreated(eventName, bucket, key, size, tag, notifier.nextSequencer()));
        } catch (RuntimeException e) {
            LOG.error("could not announce {} of {}", eventName, key, e);
        }
    }
}
