package com.facegate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.protocol.AuditEvent;
import com.facegate.site.SiteFixture;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A site on free ports restarted on its own data folder: every run gets new ports, and the door bundle written
 * by the first run must follow them, or the door could never reach its stack again.
 */
class SiteRestartEndToEndTest {
    @Test
    void givenASiteOnFreePorts_whenRestartedOnTheSameDataFolder_thenTheDoorReconnectsAndAVisitIsDecided()
            throws Exception {
        Lfw.root();
        SiteFixture.run("restart-door", door -> door, site -> {
            site.enroll("B-RESTART-1", Lfw.photo("Colin_Powell", 1));
            int firstPort = site.stack().mqttPort();

            site.restart(Duration.ofSeconds(30));

            int secondPort = site.stack().mqttPort();
            Properties bundle = new Properties();
            try (var in = Files.newBufferedReader(site.stack().existingDoor("restart-door").orElseThrow()
                    .properties())) {
                bundle.load(in);
            }
            assertThat(bundle.getProperty("mqtt.port")).isEqualTo(Integer.toString(secondPort));
            assertThat(bundle.getProperty("s3.endpoint")).endsWith(":" + site.stack().s3Endpoint().getPort());
            assertThat(secondPort).as("free ports differ between runs (else the test proves nothing)")
                    .isNotEqualTo(firstPort);
            site.clear();
            site.show(Lfw.photo("Colin_Powell", 2));
            await().atMost(Duration.ofSeconds(30)).until(() -> site.audits(AuditEvent.Type.UNLOCKED).size() == 1);
            assertThat(site.audits(AuditEvent.Type.UNLOCKED).get(0).badgeId()).isEqualTo("B-RESTART-1");
        });
    }
}
