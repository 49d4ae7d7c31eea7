package com.facegate.local.stack;

import com.facegate.engine.OnnxFaceEngine;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack until interrupted: {@code java -cp ... com.facegate.local.stack.LocalStackMain
 * [--data DIR] [--host ADDR] [--advertise NAME] [--no-engine]}. The {@code ./facegate local} command of the cli
 * module is the friendly front; this is the bare entry point.
 */
public final class LocalStackMain {
    private LocalStackMain() {}

    public static void main(String[] args) throws Exception {
        LocalStackBuilder b = LocalStack.builder().dataDir(Path.of("facegate-data"));
        boolean engine = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> b.dataDir(Path.of(args[++i]));
                case "--host" -> b.host(args[++i]);
                case "--advertise" -> b.advertisedHost(args[++i]).serverName(args[i]);
                case "--no-engine" -> engine = false;
                default -> {
                    System.err.println("usage: LocalStackMain [--data DIR] [--host ADDR] [--advertise NAME] "
                            + "[--no-engine]");
                    System.exit(2);
                }
            }
        }
        if (engine) {
            b.faceEngine(OnnxFaceEngine.load());
        }
        LocalStack stack = b.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println("FaceGate local stack running");
        System.out.println("  S3           " + stack.s3Endpoint() + "  bucket " + stack.bucket());
        if (engine) {
            System.out.println("  Rekognition  " + stack.rekognitionEndpoint());
        }
        System.out.println("  IoT data     " + stack.iotDataEndpoint());
        System.out.println("  MQTT (mTLS)  " + stack.mqttHost() + ":" + stack.mqttPort());
        System.out.println("  CA           " + stack.caCertificate());
        System.out.println("  region " + stack.region() + ", access key " + stack.credentials().accessKeyId()
                + " (secret in " + stack.dataDir().resolve("credentials.properties") + ")");
        stopped.await();
    }
}
