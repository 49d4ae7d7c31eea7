package com.facegate.bench.rush;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts, on the handlers' own SDK clients, Rekognition calls, their HTTP attempts (so the SDK's retries), and
 * attempts answered with ThrottlingException (HTTP 500 from the local endpoint's quota, as from AWS).
 */
final class CloudCounters implements ExecutionInterceptor {
    final AtomicLong calls = new AtomicLong();
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong failedCalls = new AtomicLong();

    private static boolean rekognition(ExecutionAttributes attrs) {
        return "Rekognition".equalsIgnoreCase(attrs.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
        if (rekognition(attrs)) {
            calls.incrementAndGet();
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
        if (rekognition(attrs)) {
            attempts.incrementAndGet();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attrs) {
        if (rekognition(attrs) && context.httpResponse().statusCode() == 500) {
            throttled.incrementAndGet();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attrs) {
        if (rekognition(attrs)) {
            failedCalls.incrementAndGet();
        }
    }

    long retries() {
        return Math.max(0, attempts.get() - calls.get());
    }
}
