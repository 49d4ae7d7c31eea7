package com.facegate.local.aws.s3;

import java.io.InputStream;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Object keys as opaque strings over s3proxy's file store: every key is checked as S3 checks it (empty, over 1024
 * UTF-8 bytes: S3's 400 errors) and handed down under its {@link KeyFileNames file name}; listings are decoded
 * back and filtered by {@link LiteralKeyListing} with S3's prefix, delimiter and paging rules.
 */
public final class LiteralKeyBlobStore extends ForwardingBlobStore {
    public LiteralKeyBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** The stored name of a key, or S3's 400 for a key S3 refuses. */
    static String stored(String key) {
        String[] problem = KeyFileNames.problem(key);
        if (problem != null) {
            throw s3Error(400, problem[0], problem[1]);
        }
        return KeyFileNames.fileName(key);
    }

    static S3Exception s3Error(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().message(message).statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build())
                .build();
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        return new LiteralKeyListing(delegate()).list(request);
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        throw s3Error(501, "NotImplemented", "The local S3 does not keep object versions.");
    }

    @Override
    public boolean blobExists(String container, String key) {
        return delegate().blobExists(container, stored(key));
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        return delegate().putBlob(request.toBuilder().key(stored(request.key())).build(), payload);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return delegate().copyBlob(request.toBuilder().sourceKey(stored(request.sourceKey()))
                .destinationKey(stored(request.destinationKey())).build());
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        return delegate().blobMetadata(request.toBuilder().key(stored(request.key())).build());
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        return delegate().getBlob(request.toBuilder().key(stored(request.key())).build());
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return delegate().removeBlob(request.toBuilder().key(stored(request.key())).build());
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key) {
        return delegate().getBlobAccess(container, stored(key));
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key, String versionId) {
        return delegate().getBlobAccess(container, stored(key), versionId);
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        return delegate().getBlobAcl(request.toBuilder().key(stored(request.key())).build());
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access) {
        delegate().setBlobAccess(container, stored(key), access);
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access, String versionId) {
        delegate().setBlobAccess(container, stored(key), access, versionId);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        MultipartUpload mpu = delegate().initiateMultipartUpload(
                request.toBuilder().key(stored(request.key())).build());
        return new MultipartUpload(mpu.id(), request,
                mpu.response() == null ? null : mpu.response().toBuilder().key(request.key()).build());
    }

    private static MultipartUpload down(MultipartUpload mpu) {
        return new MultipartUpload(mpu.id(), mpu.request().toBuilder().key(stored(mpu.request().key())).build(),
                mpu.response() == null ? null : mpu.response().toBuilder().key(stored(mpu.request().key())).build());
    }

    @Override
    public void abortMultipartUpload(MultipartUpload mpu) {
        delegate().abortMultipartUpload(down(mpu));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload mpu,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse r = delegate().completeMultipartUpload(down(mpu),
                request.toBuilder().key(stored(request.key())).build());
        return r.toBuilder().key(request.key()).build();
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload mpu, UploadPartRequest request,
            InputStream payload) {
        return delegate().uploadMultipartPart(down(mpu), request.toBuilder().key(stored(request.key())).build(),
                payload);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload mpu) {
        return delegate().listMultipartUpload(down(mpu));
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        return delegate().listMultipartUploads(container).stream()
                .flatMap(u -> KeyFileNames.key(u.key()).map(k -> u.toBuilder().key(k).build()).stream())
                .toList();
    }
}
