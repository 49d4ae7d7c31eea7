package com.facegate.it.cloud;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.access.LivenessCheck;
import java.util.function.UnaryOperator;

/**
 * The cloud handlers on a local stack for a test, the way javalin-testtools' {@code JavalinTest.test(app, (server,
 * client) -> ...)} gives one app: {@code CloudStackFixture.run(cloud -> ...)} starts the stack (S3 with
 * notifications, the Rekognition-compatible endpoint on the ONNX engine, the IoT data endpoint, all over TLS) on free
 * ports over a fresh data folder, with the admin's SDK clients, the collection created, the access and enrollment
 * handlers and a {@link com.facegate.cloud.enroll.BadgeAdmin}; it runs the body and stops it all. No door: the test
 * hands captures to the handlers itself. Without labelled faces the test is skipped.
 */
final class CloudStackFixture {
    /** The test's body. */
    @FunctionalInterface
    interface TestCase {
        void accept(CloudStack cloud) throws Exception;
    }

    /** What a test may change before the stack starts; the defaults are {@link CloudConfig}'s own. */
    static final class Setup {
        UnaryOperator<CloudConfig.Builder> config = c -> c;
        LivenessCheck liveness = LivenessCheck.notAvailable();
        boolean enrollOnUpload = true;

        Setup config(UnaryOperator<CloudConfig.Builder> adjust) {
            this.config = adjust;
            return this;
        }

        /** The liveness check the access handler applies (default: none available, as with liveness off). */
        Setup liveness(LivenessCheck check) {
            this.liveness = check;
            return this;
        }

        /**
         * Off: no S3 notification runs the enrollment handler, so the test hands each photo to
         * {@link CloudStack#enrollment()} itself and reads each outcome before the next photo.
         */
        Setup enrollOnUpload(boolean on) {
            this.enrollOnUpload = on;
            return this;
        }
    }

    private CloudStackFixture() {}

    static void run(TestCase test) throws Exception {
        run(s -> s, test);
    }

    static void run(UnaryOperator<Setup> setup, TestCase test) throws Exception {
        try (CloudStack cloud = start(setup)) {
            test.accept(cloud);
        }
    }

    /**
     * For a class whose tests share one stack because each enrollment costs seconds: start it in
     * {@code @BeforeAll}, close it in {@code @AfterAll}.
     */
    static CloudStack start(UnaryOperator<Setup> setup) throws Exception {
        CloudFixtures.lfw();
        return CloudStack.start(setup.apply(new Setup()));
    }
}
