package com.facegate.cloud;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Removes the {@code Expect: 100-continue} header the S3 client adds to uploads. With the url-connection HTTP
 * client, a keep-alive connection the server has closed fails the 100-continue handshake with "Unexpected end of
 * file from server", which the SDK surfaces unretried (seen against the local S3 endpoint). Our objects are small,
 * so the handshake saves nothing.
 */
public final class NoExpectContinue implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest r = context.httpRequest();
        return r.firstMatchingHeader("Expect").isPresent() ? r.toBuilder().removeHeader("Expect").build() : r;
    }
}
