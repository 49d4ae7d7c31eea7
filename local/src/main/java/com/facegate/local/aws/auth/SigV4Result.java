package com.facegate.local.aws.auth;

/**
 * Outcome of verifying one request. On success {@link #principal()} is the caller (its policy decides what it
 * may do); on failure
 * {@link #failure()} says why, with the error name and HTTP status AWS JSON services answer with.
 */
public record SigV4Result(Principal principal, Failure failure, String message) {

    /** Why a request was refused, mapped onto the error names AWS services return. */
    public enum Failure {
        /** No Authorization header at all. */
        MISSING_AUTHENTICATION("MissingAuthenticationTokenException", 403),
        /** Authorization header present but not a well-formed AWS4-HMAC-SHA256 header, or required parts missing. */
        INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
        /** Access key not configured, or a temporary key without its session token (or with another one). */
        UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
        /** Temporary credentials past their expiry. */
        EXPIRED_TOKEN("ExpiredTokenException", 400),
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

    public static SigV4Result ok(Principal principal) {
        return new SigV4Result(principal, null, null);
    }

    /** The caller's access key id; null when the request was refused. */
    public String accessKeyId() {
        return principal == null ? null : principal.accessKeyId();
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
