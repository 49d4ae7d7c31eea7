package com.facegate.local.aws.s3;

import com.facegate.local.aws.auth.AccessRequest;
import com.facegate.local.aws.auth.Arns;
import com.facegate.local.aws.auth.Principal;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The store as one caller may use it: every operation s3proxy performs for a request is first checked against the
 * caller's policy as the IAM action S3 would evaluate ({@code HeadObject} is {@code s3:GetObject}, a listing is
 * {@code s3:ListBucket} with condition key {@code s3:prefix}, a copy needs both ends). A refusal is S3's
 * {@code AccessDenied} (403), logged with who asked for what.
 */
final class PolicyBlobStore extends ForwardingBlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyBlobStore.class);

    private final Principal principal;

    PolicyBlobStore(BlobStore delegate, Principal principal) {
        super(delegate);
        this.principal = principal;
    }

    private void require(String action, String resource, Map<String, String> context) {
        AccessRequest request = new AccessRequest(action, resource, context);
        if (!principal.allows(request)) {
            LOG.warn("S3 refused {}: {} not allowed", principal.name(), request);
            throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "Access Denied");
        }
    }

    private void onObject(String action, String bucket, String key) {
        require(action, Arns.object(bucket, key), Map.of());
    }

    private void onBucket(String action, String bucket) {
        require(action, Arns.bucket(bucket), Map.of());
    }

    private void listing(String bucket, String prefix) {
        require("s3:ListBucket", Arns.bucket(bucket), Map.of("s3:prefix", prefix == null ? "" : prefix));
    }

    /** {@code call}'s answer, once the caller may perform {@code action} on the object. */
    private <T> T onObject(String action, String bucket, String key, Supplier<T> call) {
        onObject(action, bucket, key);
        return call.get();
    }

    /** {@code call}'s answer, once the caller may perform {@code action} on the bucket. */
    private <T> T onBucket(String action, String bucket, Supplier<T> call) {
        onBucket(action, bucket);
        return call.get();
    }

    /** {@code call}'s answer, once the caller may list the bucket under {@code prefix}. */
    private <T> T listing(String bucket, String prefix, Supplier<T> call) {
        listing(bucket, prefix);
        return call.get();
    }

    @Override
    public ListBucketsResponse list() {
        require("s3:ListAllMyBuckets", "*", Map.of());
        return super.list();
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        return listing(request.bucket(), request.prefix(), () -> super.list(request));
    }

    @Override
    public ListObjectsResponse listV1(ListObjectsRequest request) {
        return listing(request.bucket(), request.prefix(), () -> delegate().listV1(request));
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        return onBucket("s3:ListBucket", request.bucket(), () -> super.headBucket(request));
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        return onBucket("s3:CreateBucket", request.bucket(), () -> super.createContainer(request));
    }

    @Override
    public BucketCannedACL getContainerAccess(String bucket) {
        return onBucket("s3:GetBucketAcl", bucket, () -> super.getContainerAccess(bucket));
    }

    @Override
    public GetBucketAclResponse getContainerAcl(GetBucketAclRequest request) {
        return onBucket("s3:GetBucketAcl", request.bucket(), () -> super.getContainerAcl(request));
    }

    @Override
    public void setContainerAccess(String bucket, BucketCannedACL access) {
        onBucket("s3:PutBucketAcl", bucket);
        super.setContainerAccess(bucket, access);
    }

    @Override
    public void clearContainer(ListObjectsV2Request request) {
        onBucket("s3:DeleteBucket", request.bucket());
        super.clearContainer(request);
    }

    @Override
    public void deleteContainer(String bucket) {
        onBucket("s3:DeleteBucket", bucket);
        super.deleteContainer(bucket);
    }

    @Override
    public void deleteBucket(String bucket) {
        onBucket("s3:DeleteBucket", bucket);
        super.deleteBucket(bucket);
    }

    @Override
    public boolean blobExists(String bucket, String key) {
        return onObject("s3:GetObject", bucket, key, () -> super.blobExists(bucket, key));
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
        return onObject("s3:PutObject", request.bucket(), request.key(), () -> super.putBlob(request, body));
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        onObject("s3:GetObject", request.sourceBucket(), request.sourceKey());
        return onObject("s3:PutObject", request.destinationBucket(), request.destinationKey(),
                () -> super.copyBlob(request));
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        return onObject("s3:GetObject", request.bucket(), request.key(), () -> super.blobMetadata(request));
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(HeadObjectRequest request) {
        return onObject("s3:GetObject", request.bucket(), request.key(),
                () -> delegate().blobMetadataIfPresent(request));
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        return onObject("s3:GetObject", request.bucket(), request.key(), () -> super.getBlob(request));
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return onObject("s3:DeleteObject", request.bucket(), request.key(), () -> super.removeBlob(request));
    }

    /** A multi-object delete is refused whole when any one key is not the caller's to delete. */
    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        List<ObjectIdentifier> objects = request.delete() == null ? List.of() : request.delete().objects();
        for (ObjectIdentifier o : objects) {
            onObject("s3:DeleteObject", request.bucket(), o.key());
        }
        return delegate().removeBlobs(request);
    }

    @Override
    public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
        return onBucket("s3:PutBucketVersioning", request.bucket(), () -> super.putBucketVersioning(request));
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        return onBucket("s3:GetBucketVersioning", request.bucket(), () -> super.getBucketVersioning(request));
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        require("s3:ListBucketVersions", Arns.bucket(request.bucket()),
                Map.of("s3:prefix", request.prefix() == null ? "" : request.prefix()));
        return super.listVersions(request);
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        return onBucket("s3:GetEncryptionConfiguration", request.bucket(), () -> super.getBucketEncryption(request));
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        return onBucket("s3:PutEncryptionConfiguration", request.bucket(), () -> super.putBucketEncryption(request));
    }

    @Override
    public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
        return onBucket("s3:PutEncryptionConfiguration", request.bucket(), () -> super.deleteBucketEncryption(request));
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key) {
        return onObject("s3:GetObjectAcl", bucket, key, () -> super.getBlobAccess(bucket, key));
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key, String versionId) {
        return onObject("s3:GetObjectAcl", bucket, key, () -> super.getBlobAccess(bucket, key, versionId));
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        return onObject("s3:GetObjectAcl", request.bucket(), request.key(), () -> super.getBlobAcl(request));
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL access) {
        onObject("s3:PutObjectAcl", bucket, key);
        super.setBlobAccess(bucket, key, access);
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL access, String versionId) {
        onObject("s3:PutObjectAcl", bucket, key);
        super.setBlobAccess(bucket, key, access, versionId);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        return onObject("s3:PutObject", request.bucket(), request.key(), () -> super.initiateMultipartUpload(request));
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        onObject("s3:AbortMultipartUpload", upload.containerName(), upload.blobName());
        super.abortMultipartUpload(upload);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        return onObject("s3:PutObject", upload.containerName(), upload.blobName(),
                () -> super.completeMultipartUpload(upload, request));
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
            InputStream body) {
        return onObject("s3:PutObject", upload.containerName(), upload.blobName(),
                () -> super.uploadMultipartPart(upload, request, body));
    }

    /** Part copies would read another object unchecked; this store offers none. */
    @Override
    public boolean supportsCopyMultipartPart() {
        return false;
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        return onObject("s3:ListMultipartUploadParts", upload.containerName(), upload.blobName(),
                () -> super.listMultipartUpload(upload));
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String bucket) {
        return onBucket("s3:ListBucketMultipartUploads", bucket, () -> super.listMultipartUploads(bucket));
    }
}
