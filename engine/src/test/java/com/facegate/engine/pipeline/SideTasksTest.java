package com.facegate.engine.pipeline;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class SideTasksTest {

    @Test
    void aTaskRunsOnAPoolThreadBesideTheCaller() throws Exception {
        try (SideTasks side = new SideTasks(1)) {
            CountDownLatch started = new CountDownLatch(1);
            FutureTask<String> task = side.start(() -> {
                started.countDown();
                return Thread.currentThread().getName();
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(SideTasks.join(task)).startsWith("facegate-engine-side-");
        }
    }

    @Test
    void whenThePoolIsBusyTheCallerRunsItsOwnTaskInsteadOfWaiting() throws Exception {
        try (SideTasks side = new SideTasks(1)) {
            CountDownLatch poolBusy = new CountDownLatch(1), release = new CountDownLatch(1);
            FutureTask<Boolean> blocker = side.start(() -> {
                poolBusy.countDown();
                return release.await(10, TimeUnit.SECONDS);
            });
            assertThat(poolBusy.await(5, TimeUnit.SECONDS)).isTrue();

            FutureTask<String> queued = side.start(() -> Thread.currentThread().getName());
            String ranOn = SideTasks.join(queued);

            assertThat(ranOn).isEqualTo(Thread.currentThread().getName());
            assertThat(blocker.isDone()).as("the caller did not wait for the busy pool").isFalse();
            release.countDown();
            assertThat(SideTasks.join(blocker)).isTrue();
        }
    }

    @Test
    void aFailureReachesTheCallerAsItself() {
        try (SideTasks side = new SideTasks(1)) {
            IllegalStateException boom = new IllegalStateException("model failed");
            FutureTask<Object> task = side.start(() -> {
                throw boom;
            });
            assertThat(catchThrowable(() -> SideTasks.join(task))).isSameAs(boom);
        }
    }

    @Test
    void withoutThreadsOrAfterCloseEverythingRunsOnTheCaller() {
        String me = Thread.currentThread().getName();
        try (SideTasks inline = new SideTasks(0)) {
            assertThat(SideTasks.join(inline.start(() -> Thread.currentThread().getName()))).isEqualTo(me);
        }
        SideTasks closed = new SideTasks(1);
        closed.close();
        assertThat(SideTasks.join(closed.start(() -> Thread.currentThread().getName()))).isEqualTo(me);
    }
}
