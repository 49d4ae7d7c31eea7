package com.facegate.device.upload;

import com.facegate.device.config.DoorConfig;
import com.facegate.protocol.Failures;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Sanitize;
import com.facegate.protocol.retry.Jitter;
import com.facegate.protocol.retry.RetryDelays;
import com.facegate.protocol.retry.RetryPolicy;
import com.facegate.protocol.retry.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * S3 upload credentials from the AWS IoT credentials provider: the door presents its X.509 certificate over
 * mutual TLS at {@code GET https://{endpoint}/role-aliases/{roleAlias}/credentials} with header
 * {@code x-amzn-iot-thingname: {doorId}} and receives short-lived keys of the role behind the alias
 * ({@code {"credentials":{"accessKeyId","secretAccessKey","sessionToken","expiration"}}}).
 *
 * <p>The keys are cached and fetched again {@link #DEFAULT_REFRESH_BEFORE} before they expire. A failed refresh
 * while the cached keys are still valid keeps them (and waits {@link #RETRY_AFTER_FAILURE} before trying again);
 * with no valid keys it throws {@link SdkClientException}. Each fetch retries, with exponential backoff and
 * jitter, only what can pass: I/O errors other than TLS refusals, HTTP 5xx and 429. Nothing secret is logged or
 * put in a message: only the endpoint, role alias, thing name, HTTP status and the service's error text.
 */
public final class IotCredentialsProvider implements AwsCredentialsProvider {
    private static final Logger LOG = LoggerFactory.getLogger(IotCredentialsProvider.class);
    public static final Duration DEFAULT_REFRESH_BEFORE = Duration.ofMinutes(5);
    /** Keys this close to their expiry are never handed out (clock skew, a slow upload). */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    static final int MAX_ATTEMPTS = 3;

    private final URI url;
    private final String roleAlias;
    private final String thingName;
    private final HttpClient http;
    private final Clock clock;
    private final Duration refreshBefore;
    private final Duration requestTimeout;
    private final RetryPolicy retries;
    private Cached cached;
    private Instant nextAttempt = Instant.MIN;

    private record Cached(AwsSessionCredentials credentials, Instant expiration) {}

    private IotCredentialsProvider(Builder b) {
        Objects.requireNonNull(b.endpoint, "endpoint");
        this.roleAlias = Objects.requireNonNull(b.roleAlias, "roleAlias");
        this.thingName = Objects.requireNonNull(b.thingName, "thingName");
        String base = b.endpoint.toString().replaceAll("/+$", "");
        this.url = URI.create(base + "/role-aliases/" + URLEncoder.encode(roleAlias, StandardCharsets.UTF_8)
                + "/credentials");
        this.clock = b.clock;
        this.refreshBefore = b.refreshBefore;
        this.requestTimeout = b.requestTimeout;
        // Waits of backoffMin, then up to 2x; capped at 8x should MAX_ATTEMPTS grow.
        this.retries = new RetryPolicy(MAX_ATTEMPTS, RetryDelays.exponential(b.backoffMin, 2,
                b.backoffMin.multipliedBy(8), Jitter.ABOVE_INITIAL), RetryPolicy.onlyOn(Transient.class), b.sleeper);
        this.http = HttpClient.newBuilder().sslContext(Objects.requireNonNull(b.sslContext, "sslContext"))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The provider for a door config's {@code s3.credentials=iot} settings. */
    public static IotCredentialsProvider create(DoorConfig.IotCredentials cfg) {
        return builder().endpoint(cfg.endpoint()).roleAlias(cfg.roleAlias()).thingName(cfg.thingName())
                .sslContext(PemTls.clientContext(cfg.certFile(), cfg.keyFile(), cfg.caFile())).build();
    }

    @Override
    public synchronized AwsCredentials resolveCredentials() {
        Instant now = clock.instant();
        Cached c = cached;
        boolean usable = c != null && now.isBefore(c.expiration().minus(EXPIRY_MARGIN));
        boolean fresh = usable && now.isBefore(c.expiration().minus(refreshBefore));
        if (fresh || (usable && now.isBefore(nextAttempt))) {
            return c.credentials();
        }
        try {
            cached = fetch();
            nextAttempt = Instant.MIN;
            LOG.info("S3 credentials from the IoT credentials provider for {} (role alias {}), valid until {}",
                    thingName, roleAlias, cached.expiration());
            return cached.credentials();
        } catch (SdkClientException e) {
            if (usable) {
                nextAttempt = now.plus(RETRY_AFTER_FAILURE);
                LOG.warn("could not refresh S3 credentials ({}); the current ones stay valid until {}",
                        e.getMessage(), c.expiration());
                return c.credentials();
            }
            throw e;
        }
    }

    private Cached fetch() {
        try {
            return retries.call(this::fetchOnce);
        } catch (Transient t) {
            if (Thread.currentThread().isInterrupted()) { // while waiting to retry
                throw failure("interrupted (" + t.getMessage() + ")", t.getCause());
            }
            throw failure(t.getMessage() + " after " + MAX_ATTEMPTS + " attempts", t.getCause());
        }
    }

    /** One request; {@link Transient} for what another attempt may get past, {@link SdkClientException} otherwise. */
    private Cached fetchOnce() throws Transient {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).GET().timeout(requestTimeout)
                    .header("x-amzn-iot-thingname", thingName).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (tlsRefusal(e)) {
                // The endpoint refused our certificate or we refused its: retrying will not change that.
                throw failure("TLS refused (" + Failures.describe(Failures.root(e)) + ")", e);
            }
            throw new Transient("I/O error (" + Failures.describe(Failures.root(e)) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return parse(response.body());
        }
        String problem = "HTTP " + status + errorText(response);
        if (status != 429 && status < 500) {
            throw failure(problem, null);
        }
        throw new Transient(problem, null);
    }

    /** A failed fetch worth another attempt: I/O other than a TLS refusal, HTTP 429 or 5xx. */
    private static final class Transient extends Exception {
        private static final long serialVersionUID = 1L;

        Transient(String problem, Exception cause) {
            super(problem, cause, false, false); // only its message and cause reach the final failure
        }
    }

    /** An SSLException anywhere in the chain: a certificate or handshake refusal (TLS 1.3 reports it late). */
    private static boolean tlsRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    private Cached parse(String body) {
        try {
            JsonNode c = MessageCodec.mapper().readTree(body).path("credentials");
            String id = c.path("accessKeyId").asText(null);
            String secret = c.path("secretAccessKey").asText(null);
            String token = c.path("sessionToken").asText(null);
            String expiration = c.path("expiration").asText(null);
            if (id == null || secret == null || token == null || expiration == null
                    || id.isBlank() || secret.isBlank() || token.isBlank()) {
                throw failure("malformed response (credentials incomplete)", null);
            }
            Instant expires = Instant.parse(expiration);
            if (!clock.instant().isBefore(expires.minus(EXPIRY_MARGIN))) {
                throw failure("the credentials it returned expire at " + expires + ", check the door's clock", null);
            }
            return new Cached(AwsSessionCredentials.builder().accessKeyId(id).secretAccessKey(secret)
                    .sessionToken(token).expirationTime(expires).build(), expires);
        } catch (IOException | DateTimeParseException e) {
            throw failure("malformed response (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** AWS's error JSON {@code {"message": "..."}}, shortened; never the body of a successful response. */
    private static String errorText(HttpResponse<String> response) {
        try {
            String m = MessageCodec.mapper().readTree(response.body()).path("message").asText("");
            return m.isBlank() ? "" : " " + Sanitize.forLog(m);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private SdkClientException failure(String what, Throwable cause) {
        return SdkClientException.builder().message("cannot get S3 credentials for door "
                + Sanitize.forLog(thingName) + " from the IoT credentials provider " + url + ": " + what)
                .cause(cause).build();
    }

    @Override
    public String toString() {
        return "IotCredentialsProvider[" + url + ", thing " + thingName + "]";
    }

    public static final class Builder {
        private URI endpoint;
        private String roleAlias;
        private String thingName;
        private SSLContext sslContext;
        private Clock clock = Clock.systemUTC();
        private Duration refreshBefore = DEFAULT_REFRESH_BEFORE;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration backoffMin = Duration.ofMillis(200);
        private Sleeper sleeper = Sleeper.real();

        /** {@code https://<account>.credentials.iot.<region>.amazonaws.com} (or the local stack's). */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder roleAlias(String roleAlias) {
            this.roleAlias = roleAlias;
            return this;
        }

        /** The door id: the IoT thing its certificate is attached to. */
        public Builder thingName(String thingName) {
            this.thingName = thingName;
            return this;
        }

        /** Presents the door certificate and trusts the endpoint's CA ({@link PemTls#clientContext}). */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Fetch new keys this long before the current ones expire (default 5 minutes). */
        public Builder refreshBefore(Duration refreshBefore) {
            this.refreshBefore = Objects.requireNonNull(refreshBefore);
            return this;
        }

        public Builder timeouts(Duration connect, Duration request) {
            this.connectTimeout = connect;
            this.requestTimeout = request;
            return this;
        }

        /** First retry delay (doubling, with jitter, capped at 8x). */
        public Builder backoff(Duration min) {
            this.backoffMin = min;
            return this;
        }

        /** How the waits between attempts are spent (tests record them instead). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        public IotCredentialsProvider build() {
            return new IotCredentialsProvider(this);
        }
    }
}
