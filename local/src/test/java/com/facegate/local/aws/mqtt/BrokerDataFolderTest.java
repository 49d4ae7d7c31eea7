package com.facegate.local.aws.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.local.aws.pki.LocalCa;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up on a data folder the broker cannot use fails at once with the reason, instead of HiveMQ waiting
 * forever. The small disk is simulated through the free-space seam (the tests run without the right to mount
 * a tiny filesystem); the second broker is real.
 */
class BrokerDataFolderTest {
    private static final long MB = 1024 * 1024;

    @TempDir
    Path data;

    private LocalBroker.Builder broker(Path dir) {
        LocalCa ca = LocalCa.openOrCreate(data.resolve("pki"));
        return LocalBroker.builder().dataDir(dir).host("127.0.0.1").port(0).ca(ca)
                .serverCredentials(ca.serverCredentials(Set.of()));
    }

    @Test
    void givenA64MegabyteDisk_whenTheFilePersistentBrokerStarts_thenItFailsAtOnceSayingHowMuchItNeeds() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> broker(data.resolve("mqtt")).persistent(true).usableSpace(p -> 64 * MB).build()
                .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 64 MB free")
                .hasMessageContaining("file persistence needs at least 1024 MB");
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
    }

    @Test
    void givenTheSameDiskInMemoryMode_whenTheBrokerStarts_thenItRuns() {
        try (LocalBroker b = broker(data.resolve("mqtt")).persistent(false).usableSpace(p -> 64 * MB).build()
                .start()) {
            assertThat(b.port()).isPositive();
        }
    }

    @Test
    void givenABrokerRunningOnTheFolder_whenASecondStartsOnIt_thenTheSecondFailsAtOnceAndTheFirstKeepsRunning() {
        Path dir = data.resolve("mqtt");
        try (LocalBroker first = broker(dir).persistent(false).build().start()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> broker(dir).persistent(false).build().start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running broker");
            assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
            assertThat(first.port()).isPositive();
        }
        try (LocalBroker again = broker(dir).persistent(false).build().start()) {
            assertThat(again.port()).as("the lock went with the first broker").isPositive();
        }
    }
}
