package com.facegate.cloud;

import com.facegate.protocol.retry.Jitter;
import com.facegate.protocol.retry.RetryDelays;
import com.facegate.protocol.retry.RetryPolicy;
import com.facegate.protocol.retry.Sleeper;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The handlers' retries of AWS calls: only on an allow-list of errors that a retry can fix (throttling and
 * server-side 5xx); everything else, network errors included, fails at once. The SDK's own retries are off
 * ({@link CloudClients}) so that these are the only ones.
 */
public final class AwsRetries {
    private static final Set<String> RETRYABLE_CODES = Set.of(
            "ThrottlingException", "ProvisionedThroughputExceededException", "Throttling", "SlowDown",
            "RequestLimitExceeded", "TooManyRequestsException", "ServiceUnavailable", "InternalError",
            "InternalServerError");

    /** 50 ms doubling to an 800 ms cap, full jitter: handlers that were throttled together come back spread. */
    public static final RetryDelays DELAYS =
            RetryDelays.exponential(Duration.ofMillis(50), 2, Duration.ofMillis(800), Jitter.FULL);
    public static final int MAX_ATTEMPTS = 4;

    private AwsRetries() {
    }

    /** 4 attempts: worst case ~1.4 s of waiting, well inside a 5 s decision budget. */
    public static RetryPolicy standard() {
        return new RetryPolicy(MAX_ATTEMPTS, DELAYS, AwsRetries::retryable, Sleeper.real());
    }

    /** Throttling, any 5xx, or one of the service error codes that mean the same. */
    public static boolean retryable(Throwable t) {
        if (t instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return e.isThrottlingException() || e.statusCode() >= 500
                    || (code != null && RETRYABLE_CODES.contains(code));
        }
        return false;
    }
}
