package com.facegate.cloud.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.TestS3;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enrollment claims carry a lease: a live one is honoured, one left by a killed invocation is taken over after it,
 * and of concurrent takers exactly one wins (If-Match on the stale claim's ETag). Real S3 wire protocol (s3proxy).
 */
class EnrollmentClaimLeaseTest {
    static final String BUCKET = "facegate-enroll-lease";

    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass(BUCKET);

    private static EnrollmentClaims claims() {
        return new EnrollmentClaims(s3.client(), BUCKET);
    }

    @Test
    void aLivePhotoClaimIsHonouredAndAnExpiredOneTakenOverByExactlyOneOfConcurrentTakers() throws Exception {
        String photo = "enroll/B-1/front.jpg";
        Instant crashed = Instant.now().minus(EnrollmentClaims.STALE_AFTER).minusSeconds(5);
        assertThat(claims().claim("B-1", photo, "etag-1", crashed)).isTrue();
        // A redelivery of the same photo while the claim's lease runs is busy.
        assertThat(claims().claim("B-1", photo, "etag-1", crashed.plusSeconds(1))).isFalse();

        List<Boolean> won = race(() -> claims().claim("B-1", photo, "etag-1", Instant.now()));
        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    void anExpiredFirstFaceClaimIsTakenOverByExactlyOneOfConcurrentPhotos() throws Exception {
        Instant crashed = Instant.now().minus(EnrollmentClaims.STALE_AFTER).minusSeconds(5);
        assertThat(claims().claimFirstFace("B-2", "enroll/B-2/a.jpg", "ea", crashed)).isTrue();
        assertThat(claims().claimFirstFace("B-2", "enroll/B-2/b.jpg", "eb", crashed.plusSeconds(30))).isFalse();

        List<String> photos = List.of("b", "c", "d", "e");
        List<Boolean> won = new ArrayList<>();
        CyclicBarrier barrier = new CyclicBarrier(photos.size());
        ExecutorService pool = Executors.newFixedThreadPool(photos.size());
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (String p : photos) {
                fs.add(pool.submit(() -> {
                    barrier.await();
                    return claims().claimFirstFace("B-2", "enroll/B-2/" + p + ".jpg", "e" + p, Instant.now());
                }));
            }
            for (Future<Boolean> f : fs) {
                won.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(won).containsOnlyOnce(true);
    }

    private static List<Boolean> race(Callable<Boolean> take) throws Exception {
        int n = 4;
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Boolean> out = new ArrayList<>();
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(pool.submit(() -> {
                    barrier.await();
                    return take.call();
                }));
            }
            for (Future<Boolean> f : fs) {
                out.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
