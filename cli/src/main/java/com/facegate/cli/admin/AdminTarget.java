package com.facegate.cli.admin;

import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.CloudEnv;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.local.deploy.LocalEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which FaceGate an admin command talks to: the local stack whose {@code endpoints.properties} is in
 * {@code --data} (default), or AWS ({@code --aws}) with the SDK's profile credentials and no endpoint overrides
 * except the account's IoT data endpoint (there is no default one that works with TLS).
 */
public final class AdminTarget {
    static final Path DEFAULT_DATA = Path.of("data");

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--data", paramLabel = "DIR",
            description = "local stack data folder (the one ./facegate local uses; default: ./data)")
    Path data;

    @Option(names = "--aws", description = "talk to AWS instead of the local stack")
    boolean aws;

    @Option(names = "--profile", paramLabel = "P",
            description = "AWS: credentials profile (default: SDK default chain)")
    String profile;

    @Option(names = "--region", paramLabel = "R", description = "AWS: region, e.g. eu-west-1")
    String region;

    @Option(names = "--bucket", paramLabel = "B", description = "AWS: the FaceGate bucket")
    String bucket;

    @Option(names = "--iot-endpoint", paramLabel = "URL",
            description = "AWS: IoT data endpoint, https://xxx-ats.iot.R.amazonaws.com (needed by unlock)")
    URI iotEndpoint;

    @Option(names = "--collection", paramLabel = "ID", defaultValue = "facegate",
            description = "Rekognition collection (default: ${DEFAULT-VALUE})")
    String collection;

    /** Checks the option combination without touching the network. */
    void validate() {
        if (aws) {
            if (data != null) {
                throw usage("--data selects the local stack; it cannot be combined with --aws");
            }
            if (region == null || region.isBlank()) {
                throw usage("--aws needs --region");
            }
            if (bucket == null || bucket.isBlank()) {
                throw usage("--aws needs --bucket");
            }
            if (iotEndpoint != null && !"https".equals(iotEndpoint.getScheme())) {
                throw usage("--iot-endpoint must be an https:// URL");
            }
        } else if (profile != null || region != null || bucket != null || iotEndpoint != null) {
            throw usage("--profile, --region, --bucket and --iot-endpoint need --aws");
        }
    }

    AdminSession open() {
        validate();
        CloudClients clients;
        String bucketName;
        String where;
        boolean canPublish = true;
        if (aws) {
            clients = awsClients();
            bucketName = bucket;
            canPublish = iotEndpoint != null;
            where = "AWS " + region + " bucket " + bucket;
        } else {
            Path dir = data == null ? DEFAULT_DATA : data;
            LocalEndpoints endpoints = LocalEndpoints.read(dir);
            clients = endpoints.clients();
            bucketName = endpoints.bucket();
            where = "the local stack at " + endpoints.s3();
        }
        CloudConfig config = withCollection(CloudConfig.defaults(bucketName), collection).toBuilder()
                // The local stack's Rekognition endpoint scores with FaceGate's engine; AWS's with its own.
                .similarity(aws ? "aws" : "engine").falseAcceptTarget(siteTarget()).build();
        return new AdminSession(new BadgeAdmin(config, clients, Clock.systemUTC()), clients, config.collectionId(),
                where, canPublish, config);
    }

    /** The site's stranger-accept target, as the handlers read it: FACEGATE_FALSE_ACCEPT_TARGET, 0 when unset. */
    private double siteTarget() {
        String v = CloudEnv.FALSE_ACCEPT_TARGET.in(System.getenv());
        if (v == null) {
            return 0;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw usage(CloudEnv.FALSE_ACCEPT_TARGET + " is not a number");
        }
    }

    /** Appended to "cannot reach ..." errors. */
    String unreachableHint() {
        return aws ? "" : " (is ./facegate local running with this data folder?)";
    }

    private CloudClients awsClients() {
        Region r = Region.of(region);
        AwsCredentialsProvider creds = profile == null ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile).build();
        S3Client s3 = S3Client.builder().region(r).credentialsProvider(creds)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(CloudClients.s3Overrides()).build();
        // The admin gets the SDK's standard retries: it is not racing a door's deadline like the handlers.
        RekognitionClient rek = RekognitionClient.builder().region(r).credentialsProvider(creds)
                .httpClient(UrlConnectionHttpClient.create()).build();
        var iot = IotDataPlaneClient.builder().region(r).credentialsProvider(creds)
                .httpClient(UrlConnectionHttpClient.create());
        if (iotEndpoint != null) {
            iot.endpointOverride(iotEndpoint);
        }
        return new CloudClients(s3, rek, iot.build());
    }

    private static CloudConfig withCollection(CloudConfig c, String collectionId) {
        return c.toBuilder().collectionId(collectionId).build();
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
