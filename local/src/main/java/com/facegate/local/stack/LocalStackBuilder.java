package com.facegate.local.stack;

import static com.facegate.local.stack.LocalStack.DEFAULT_BUCKET;
import static com.facegate.local.stack.LocalStack.DEFAULT_CREDENTIALS_DURATION;
import static com.facegate.local.stack.LocalStack.DEFAULT_CREDENTIALS_PORT;
import static com.facegate.local.stack.LocalStack.DEFAULT_IOT_DATA_PORT;
import static com.facegate.local.stack.LocalStack.DEFAULT_MQTT_PORT;
import static com.facegate.local.stack.LocalStack.DEFAULT_REGION;
import static com.facegate.local.stack.LocalStack.DEFAULT_REKOGNITION_PORT;
import static com.facegate.local.stack.LocalStack.DEFAULT_S3_PORT;

import com.facegate.cloud.CloudConfig;
import com.facegate.engine.FaceEngine;
import com.facegate.local.aws.lambda.ColdStarts;
import com.facegate.local.aws.lambda.NotificationDelay;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** How a {@link LocalStack} is set up: data folder, host and ports, bucket, face engine, handler invocation. */
public final class LocalStackBuilder {
    /** Rekognition's default SearchFacesByImage / DetectFaces quota in most regions (50 in the largest). */
    public static final int AWS_DEFAULT_TPS = 5;

    Path dataDir;
    String host = "127.0.0.1";
    String advertisedHost;
    final Set<String> serverNames = new LinkedHashSet<>();
    int s3Port = DEFAULT_S3_PORT;
    int rekognitionPort = DEFAULT_REKOGNITION_PORT;
    int iotDataPort = DEFAULT_IOT_DATA_PORT;
    int mqttPort = DEFAULT_MQTT_PORT;
    int credentialsPort = DEFAULT_CREDENTIALS_PORT;
    Duration credentialsDuration = DEFAULT_CREDENTIALS_DURATION;
    String region = DEFAULT_REGION;
    String bucket = DEFAULT_BUCKET;
    FaceEngine engine;
    boolean tls = true;
    boolean mqttPersistent = true;
    int lambdaWorkers = 4;
    Duration retryBackoff = Duration.ofSeconds(1);
    // Longer than every handler's claim lease (decision ledger 30 s, enrollment photo 2 min): what a killed run left
    // is taken over and finished, not met as busy and dead-lettered.
    Duration resumeDelay = Duration.ofMinutes(2).plusSeconds(5);
    Duration lambdaTimeout = Duration.ofSeconds(60);
    String collectionId = CloudConfig.defaults(DEFAULT_BUCKET).collectionId();
    Clock clock = Clock.systemUTC();
    NotificationDelay notificationDelay = NotificationDelay.NONE;
    int rekognitionTps;
    ColdStarts coldStarts = ColdStarts.OFF;

    /** All state lives here: credentials, pki, doors, s3, mqtt, rekognition, dead-letter. */
    public LocalStackBuilder dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    /** Bind address of every endpoint (default 127.0.0.1: loopback only). */
    public LocalStackBuilder host(String host) {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    /** Host name doors and clients use (written into door bundles, certificate SAN); default the bind host. */
    public LocalStackBuilder advertisedHost(String advertisedHost) {
        this.advertisedHost = advertisedHost;
        return this;
    }

    /** Extra DNS names / IPs for the server certificate (e.g. the host's LAN name). */
    public LocalStackBuilder serverName(String name) {
        serverNames.add(name);
        return this;
    }

    public LocalStackBuilder s3Port(int port) {
        this.s3Port = port;
        return this;
    }

    public LocalStackBuilder rekognitionPort(int port) {
        this.rekognitionPort = port;
        return this;
    }

    public LocalStackBuilder iotDataPort(int port) {
        this.iotDataPort = port;
        return this;
    }

    public LocalStackBuilder mqttPort(int port) {
        this.mqttPort = port;
        return this;
    }

    /** The IoT credentials provider endpoint (doors exchange their certificate for S3 credentials). */
    public LocalStackBuilder credentialsPort(int port) {
        this.credentialsPort = port;
        return this;
    }

    /** How long the credentials endpoint's S3 credentials are valid (default 1 hour). */
    public LocalStackBuilder credentialsDuration(Duration duration) {
        this.credentialsDuration = Objects.requireNonNull(duration);
        return this;
    }

    /** All ports 0: free ones are picked (tests). */
    public LocalStackBuilder anyFreePorts() {
        return s3Port(0).rekognitionPort(0).iotDataPort(0).mqttPort(0).credentialsPort(0);
    }

    public LocalStackBuilder region(String region) {
        this.region = region;
        return this;
    }

    public LocalStackBuilder bucket(String bucket) {
        this.bucket = bucket;
        return this;
    }

    /** The engine behind the Rekognition endpoint (shared, not closed by the stack); none: no endpoint. */
    public LocalStackBuilder faceEngine(FaceEngine engine) {
        this.engine = engine;
        return this;
    }

    /** HTTPS on S3, Rekognition and IoT data (default on; MQTT is always mTLS). */
    public LocalStackBuilder tls(boolean tls) {
        this.tls = tls;
        return this;
    }

    /** Keep MQTT sessions on disk (default); tests use in-memory. */
    public LocalStackBuilder mqttPersistent(boolean persistent) {
        this.mqttPersistent = persistent;
        return this;
    }

    public LocalStackBuilder lambdaWorkers(int workers) {
        this.lambdaWorkers = workers;
        return this;
    }

    /** Wait before the first retry of a failed handler; doubled before the second (Lambda: 1 and 2 minutes). */
    public LocalStackBuilder retryBackoff(Duration backoff) {
        this.retryBackoff = backoff;
        return this;
    }

    /** How long events left by an earlier run wait before delivery (default: past the claim leases). */
    public LocalStackBuilder resumeDelay(Duration delay) {
        this.resumeDelay = Objects.requireNonNull(delay);
        return this;
    }

    public LocalStackBuilder lambdaTimeout(Duration timeout) {
        this.lambdaTimeout = timeout;
        return this;
    }

    /** The face collection the handler roles may use (default the cloud's default, {@code facegate}). */
    public LocalStackBuilder collectionId(String collectionId) {
        this.collectionId = Objects.requireNonNull(collectionId);
        return this;
    }

    /** The clock temporary credentials are issued and expire by, and endpoints check signatures' dates with. */
    public LocalStackBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** How long S3 takes to notify the handlers (default {@link NotificationDelay#NONE}: at once). */
    public LocalStackBuilder notificationDelay(NotificationDelay delay) {
        this.notificationDelay = Objects.requireNonNull(delay);
        return this;
    }

    /** Rekognition's calls per second per operation before ThrottlingException (default 0: no quota). */
    public LocalStackBuilder rekognitionTps(int tps) {
        this.rekognitionTps = tps;
        return this;
    }

    /** Lambda containers and their cold starts for functions deployed with a factory (default off). */
    public LocalStackBuilder coldStarts(ColdStarts settings) {
        this.coldStarts = Objects.requireNonNull(settings);
        return this;
    }

    /**
     * The switch for AWS-like delays (off by default, so tests stay deterministic): S3 notifications drawn from
     * {@link NotificationDelay#AWS_LIKE}, Rekognition's default quota of {@link #AWS_DEFAULT_TPS} per operation and
     * Lambda cold starts ({@link ColdStarts#AWS_LIKE}).
     */
    public LocalStackBuilder awsLike(boolean on) {
        this.notificationDelay = on ? NotificationDelay.AWS_LIKE : NotificationDelay.NONE;
        this.rekognitionTps = on ? AWS_DEFAULT_TPS : 0;
        this.coldStarts = on ? ColdStarts.AWS_LIKE : ColdStarts.OFF;
        return this;
    }

    public LocalStack build() {
        Objects.requireNonNull(dataDir, "dataDir");
        return new LocalStack(this);
    }
}
