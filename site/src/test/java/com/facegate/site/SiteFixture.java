package com.facegate.site;

import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A whole site for a test, the way javalin-testtools' {@code JavalinTest.test(app, (server, client) -> ...)} gives
 * one app: {@code SiteFixture.run(site -> ...)} starts the local stack, the cloud handlers and one door on free
 * ports over a fresh data folder, waits until the door is online, runs the body, and stops it all (door first).
 * The door sees a {@link VisitCamera} and runs with short gate and relay timings, so a visit takes well under a
 * second; {@code setup} adds or overrides door settings and hooks. One engine serves every site of the test JVM.
 */
public final class SiteFixture {
    /** The test's body. */
    @FunctionalInterface
    public interface TestCase {
        void accept(TestSite site) throws Exception;
    }

    static final String DOOR = "fixture-door";
    private static final Duration ONLINE_WAIT = Duration.ofSeconds(30);
    private static FaceEngine engine;

    private SiteFixture() {}

    public static void run(TestCase test) throws Exception {
        run(DOOR, site -> site, test);
    }

    public static void run(String doorId, UnaryOperator<LocalSite.Builder> setup, TestCase test) throws Exception {
        try (TestSite site = start(doorId, setup)) {
            test.accept(site);
        }
    }

    /**
     * For a class whose tests share one site because each enrollment costs seconds: start it in {@code @BeforeAll},
     * close it in {@code @AfterAll}.
     */
    public static TestSite start(String doorId, UnaryOperator<LocalSite.Builder> setup) throws Exception {
        TestSite site = TestSite.start(doorId, b -> setup.apply(b.engine(engine()).ephemeral()
                .doorSetting("gate.bestFrameWindow", "200ms")
                .doorSetting("gate.idleInterval", "50ms")
                .doorSetting("gate.activeInterval", "20ms")
                .doorSetting("gate.cooldown", "500ms")
                .doorSetting("door.unlockPulse", "300ms")));
        try {
            site.awaitOnline(ONLINE_WAIT);
            return site;
        } catch (Exception | AssertionError e) {
            site.close();
            throw e;
        }
    }

    private static synchronized FaceEngine engine() {
        if (engine == null) {
            engine = OnnxFaceEngine.load();
        }
        return engine;
    }
}
