package com.facegate.local.auth;

/**
 * Outcome of verifying one request. On success {@link #accessKeyId()} names the caller; on failure
 * {@link #failure()} says why, with the error name and HTTP status AWS JSON services answer with.
 */
public record SigV4Result(String accessKeyId, Failure failure, String message) {

    /** Why a request was refused, mapped onto the error names AWS services return. */
    public enum Failure {
        /** No Authorization header at all. */
        MISSING_AUTHENTICATION("MissingAuthenticationTokenException", 403),
        /** Authorization header present but not a well-formed AWS4-HMAC-SHA256 header, or required parts missing. */
        INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
        /** Access key not configured. */
        UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
        /** Credential scope names another region or service, or its date disagrees with X-Amz-Date. */
        WRONG_SCOPE("InvalidSignatureException", 400),
        /** X-Amz-Date more than the allowed skew away from the server clock. */
        SIGNATURE_EXPIRED("InvalidSignatureException", 400),
        /** x-amz-content-sha256 does not match the body, or is a payload mode we do not accept. */
        BODY_HASH_MISMATCH("InvalidSignatureException", 400),
        /** The recomputed signature differs (wrong secret, tampered request). */
        SIGNATURE_MISMATCH("InvalidSignatureException", 400);

        private final String awsErrorCode;
        private final int httpStatus;

        Failure(String awsErrorCode, int httpStatus) {
            this.awsErrorCode = awsErrorCode;
            this.httpStatus = httpStatus;
        }

        public String awsErrorCode() {
            return awsErrorCode;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    public static SigV4Result ok(String accessKeyId) {
        return new SigV4Result(accessKeyId, null, null);
    }

    public static SigV4Result fail(Failure failure, String message) {
        return new SigV4Result(null, failure, message);
    }

    public boolean isValid() {
        return failure == null;
    }

    /** AWS error name for the failure (e.g. {@code InvalidSignatureException}); null when valid. */
    public String errorCode() {
        return failure == null ? null : failure.awsErrorCode();
    }

    /** HTTP status to answer with; 200 when valid. */
    public int httpStatus() {
        return failure == null ? 200 : failure.httpStatus();
    }
}
