package com.facegate.local.aws.s3;

import com.facegate.local.aws.auth.Principal;
import com.facegate.local.aws.auth.Principals;
import java.lang.reflect.Field;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.io.Content;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;
import org.gaul.shaded.org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks temporary credentials' session token and expiry in front of s3proxy, which verifies signatures but never
 * looks at {@code X-Amz-Security-Token}: a temporary key must come with the token it was issued with and be
 * unexpired, else S3's answer ({@code InvalidAccessKeyId} 403 without a token, {@code InvalidToken} 400 with
 * another, {@code ExpiredToken} 400 once expired). Everything else passes to s3proxy unchanged.
 */
final class SessionTokenGate extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTokenGate.class);

    private final Principals principals;
    private final Clock clock;

    private SessionTokenGate(Principals principals, Clock clock) {
        this.principals = principals;
        this.clock = clock;
    }

    /**
     * Puts the gate in front of a built, not yet started proxy. s3proxy offers no request hook and keeps its Jetty
     * server private, hence reflection; s3proxy's version is pinned, and a layout change fails the start (closed).
     */
    static void install(S3Proxy proxy, Principals principals, Clock clock) {
        try {
            Field f = S3Proxy.class.getDeclaredField("server");
            f.setAccessible(true);
            Server server = (Server) f.get(proxy);
            Handler inner = server.getHandler();
            SessionTokenGate gate = new SessionTokenGate(principals, clock);
            server.setHandler(gate);
            gate.setHandler(inner);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot guard s3proxy's session tokens (s3proxy version changed?)", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Fields query = Request.extractQueryParameters(request);
        String key = accessKey(request.getHeaders().get("Authorization"), query.getValue("X-Amz-Credential"));
        Principal p = key == null ? null : principals.find(key).orElse(null);
        if (p == null || !p.temporary()) {
            return super.handle(request, response, callback);
        }
        String token = request.getHeaders().get("x-amz-security-token");
        if (token == null) {
            token = query.getValue("X-Amz-Security-Token");
        }
        if (token == null) {
            return refuse(response, callback, p, 403, "InvalidAccessKeyId",
                    "The AWS Access Key Id you provided does not exist in our records.");
        }
        if (!p.tokenMatches(token)) {
            return refuse(response, callback, p, 400, "InvalidToken",
                    "The provided token is malformed or otherwise invalid.");
        }
        if (p.expiredAt(clock.instant())) {
            return refuse(response, callback, p, 400, "ExpiredToken", "The provided token has expired.");
        }
        return super.handle(request, response, callback);
    }

    /** The access key of {@code Authorization: AWS4-HMAC-SHA256 Credential=KEY/...} or of a presigned URL. */
    static String accessKey(String authorization, String presignedCredential) {
        String credential = presignedCredential;
        if (authorization != null) {
            int at = authorization.indexOf("Credential=");
            credential = at < 0 ? null : authorization.substring(at + "Credential=".length());
        }
        if (credential == null) {
            return null;
        }
        int slash = credential.indexOf('/');
        return slash <= 0 ? null : credential.substring(0, slash).trim();
    }

    private static boolean refuse(Response response, Callback callback, Principal p, int status, String code,
            String message) {
        LOG.warn("S3 refused {}: {}", p.name(), code);
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/xml");
        response.getHeaders().put("x-amz-request-id", requestId);
        Content.Sink.write(response, true, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                + "</Code><Message>" + message + "</Message><RequestId>" + requestId + "</RequestId></Error>",
                callback);
        return true;
    }
}
