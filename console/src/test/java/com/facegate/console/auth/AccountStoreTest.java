package com.facegate.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TOTP step is used up once per account, atomically, and stays used when the console restarts. */
class AccountStoreTest {
    @TempDir
    Path dir;

    private AccountStore withTotp(String id) {
        AccountStore store = AccountStore.open(dir, Clock.systemUTC());
        store.put(id, Role.ADMIN, "correct horse battery");
        store.enableTotp(id, Totp.newSecret(), 100);
        return store;
    }

    @Test
    void aStepIsUsedOnceAndOnlyStepsNewerThanTheLastOneCount() {
        AccountStore store = withTotp("desk");
        assertThat(store.useTotpStep("desk", 100)).as("the enabling proof used step 100").isFalse();
        assertThat(store.useTotpStep("desk", 101)).isTrue();
        assertThat(store.useTotpStep("desk", 101)).isFalse();
        assertThat(store.useTotpStep("desk", 99)).as("an older step").isFalse();
        assertThat(store.useTotpStep("desk", 102)).isTrue();
        assertThat(store.useTotpStep("nobody", 500)).isFalse();

        AccountStore reopened = AccountStore.open(dir, Clock.systemUTC());
        assertThat(reopened.useTotpStep("desk", 102)).as("used before the restart").isFalse();
        assertThat(reopened.useTotpStep("desk", 103)).isTrue();
    }

    @Test
    void racingRequestsWithOneCodeLetExactlyOneThrough() throws Exception {
        AccountStore store = withTotp("desk");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tries.add(pool.submit(() -> {
                    go.await();
                    return store.useTotpStep("desk", 200);
                }));
            }
            go.countDown();
            int through = 0;
            for (Future<Boolean> f : tries) {
                through += f.get() ? 1 : 0;
            }
            assertThat(through).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void turningTheSecondFactorOffForgetsTheSecretAndNoStepIsAcceptedAfter() {
        AccountStore store = withTotp("desk");
        store.disableTotp("desk");
        Account a = AccountStore.open(dir, Clock.systemUTC()).find("desk").orElseThrow();
        assertThat(a.hasSecondFactor()).isFalse();
        assertThat(a.totpSecret()).isNull();
        assertThat(store.useTotpStep("desk", 900)).isFalse();
    }
}
