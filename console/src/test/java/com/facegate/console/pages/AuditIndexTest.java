package com.facegate.console.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.retry.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The console's audit index over the real S3 wire protocol (s3proxy) with a clock the test moves: the same records
 * as {@link AuditReader#query}; a repeated search lists nothing; a late record written into an old day shows once
 * that day is listed again (by the background within its period, or by the query itself past twice that), a new
 * record of today after the hot period, and the console's own change at once.
 */
class AuditIndexTest {
    static final RetryPolicy NO_WAIT = new RetryPolicy(3, AwsRetries.DELAYS, AwsRetries::retryable, d -> { });
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path folder;
    TestS3 s3;
    final List<String> lists = new CopyOnWriteArrayList<>();
    final MovingClock clock = new MovingClock(T);
    S3Client counted;
    AuditWriter writer;
    AuditReader reader;
    AuditIndex index;

    @BeforeEach
    void start() throws Exception {
        s3 = TestS3.start(folder, "audit");
        counted = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3.port())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("facegate-test", "facegate-test-secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
                        if (c.httpRequest().rawQueryParameters().containsKey("list-type")) {
                            lists.add(c.httpRequest().encodedPath() + "?" + c.httpRequest().rawQueryParameters()
                                    .get("prefix"));
                        }
                    }
                })).build();
        writer = new AuditWriter(s3.client(), "audit", clock, NO_WAIT);
        reader = new AuditReader(counted, "audit");
        index = new AuditIndex(reader::day, clock, AuditIndex.HOT_EVERY, AuditIndex.PAST_EVERY);
    }

    @AfterEach
    void stop() throws Exception {
        counted.close();
        s3.close();
    }

    private static AuditEvent event(String door, String badge, Instant at) {
        AuditEvent e = AuditEvent.of(door, AuditEvent.Type.UNLOCKED, AuditEvent.SOURCE_DEVICE, at);
        return badge == null ? e : e.withBadge(badge, 0.9);
    }

    private List<String> badges(String door, String badge, Instant from, Instant until) {
        return index.query(door, badge, from, until).records().stream().map(r -> r.event().badgeId()).toList();
    }

    @Test
    void answersAsTheReaderDoesAndARepeatedSearchListsNothing() {
        Instant from = T.minus(Duration.ofDays(2));
        writer.write(event("door-a", "B-1", from)); // at from: in
        writer.write(event("door-b", "B-2", T.minus(Duration.ofDays(1))));
        writer.write(event("door-a", "B-2", T.minusSeconds(60)));
        writer.write(event("door-a", null, T.minusSeconds(30)));
        writer.writeRejected("door-a", "SCHEMA", List.of("bad field"), new byte[] {'{', '}'}); // at T
        Instant until = T.plusSeconds(1);
        writer.write(event("door-a", "B-1", until)); // at until: out
        writer.write(event("door-a", "B-1", from.minusSeconds(1))); // before from: out

        for (String[] q : new String[][] {{null, null}, {"door-a", null}, {null, "B-2"}, {"door-a", "B-1"},
                {"door-c", null}}) {
            assertThat(index.query(q[0], q[1], from, until).records()).as("door %s badge %s", q[0], q[1])
                    .isEqualTo(reader.query(q[0], q[1], from, until));
        }
        List<AuditRecord> all = index.query(null, null, from, until).records();
        assertThat(all).extracting(r -> r.event().badgeId()).containsExactly("B-1", "B-2", "B-2", null, null);
        assertThat(all).filteredOn(AuditRecord::rejected).hasSize(1);
        assertThat(index.query(null, "B-1", from, until).records()).as("a rejected record matches no badge")
                .singleElement().satisfies(r -> assertThat(r.event().at()).isEqualTo(from));

        lists.clear();
        assertThat(badges("door-a", null, from, until)).containsExactly("B-1", "B-2", null, null);
        assertThat(lists).as("the held listings answer").isEmpty();
        assertThatThrownBy(() -> index.query(null, null, until, until)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLateRecordInAnOldDayShowsOnceThatDayIsListedAgainWithinItsBound() {
        Instant from = T.minus(Duration.ofDays(6));
        Instant until = T.plusSeconds(5);
        writer.write(event("door-a", "B-1", T.minus(Duration.ofDays(5))));
        assertThat(badges(null, null, from, until)).containsExactly("B-1");

        // An offline door's journal, sent after it reconnects: into its events' own day, five days back.
        writer.write(event("door-a", "B-LATE-1", T.minus(Duration.ofDays(5)).plusSeconds(1)));
        assertThat(badges(null, null, from, until)).as("within the bound, the held listing").containsExactly("B-1");

        clock.add(AuditIndex.PAST_EVERY.plusSeconds(1));
        lists.clear();
        index.tick();
        assertThat(lists).as("the background lists each recent day once").hasSize(AuditIndex.RECENT_DAYS + 1);
        assertThat(badges(null, null, from, clock.instant())).containsExactly("B-1", "B-LATE-1");

        // With nobody's background listing (say it failed), a query does not use a listing past twice the period.
        writer.write(event("door-a", "B-LATE-2", T.minus(Duration.ofDays(5)).plusSeconds(2)));
        clock.add(AuditIndex.PAST_EVERY.minusSeconds(1));
        assertThat(badges(null, null, from, clock.instant())).containsExactly("B-1", "B-LATE-1");
        clock.add(AuditIndex.PAST_EVERY.plusSeconds(2));
        assertThat(badges(null, null, from, clock.instant())).containsExactly("B-1", "B-LATE-1", "B-LATE-2");
        assertThat(index.pastBound()).isEqualTo(AuditIndex.PAST_EVERY.multipliedBy(2));
    }

    @Test
    void todaysNewRecordShowsAfterTheHotPeriodAndTheConsolesOwnChangeAtOnce() {
        Instant from = T.minus(Duration.ofHours(1));
        assertThat(index.query(null, null, from, T.plusSeconds(5)).records()).isEmpty();

        writer.write(event("door-a", "B-1", T.minusSeconds(1)));
        assertThat(badges(null, null, from, T.plusSeconds(5))).isEmpty();
        index.changed(); // e.g. this console's remote unlock, just audited
        AuditIndex.Result mine = index.query(null, null, from, T.plusSeconds(5));
        assertThat(mine.records()).extracting(r -> r.event().badgeId()).containsExactly("B-1");
        assertThat(mine.asOf()).isEqualTo(T);

        writer.write(event("door-b", "B-2", T));
        clock.add(AuditIndex.HOT_EVERY);
        index.tick();
        lists.clear();
        assertThat(badges(null, null, from, clock.instant().plusSeconds(5))).containsExactly("B-1", "B-2");
        assertThat(lists).isEmpty();
    }

    @Test
    void yesterdayIsHotOnlyJustAfterMidnightThenItsNewRecordsAreLate() {
        clock.add(Duration.ofHours(14).plusMinutes(5)); // 00:05 UTC
        Instant yesterday = T.plus(Duration.ofHours(13)); // 23:00 the day before
        Instant from = yesterday.minusSeconds(60);
        assertThat(badges(null, null, from, clock.instant())).isEmpty();

        writer.write(event("door-a", "B-1", yesterday)); // delivered just after midnight
        clock.add(AuditIndex.HOT_EVERY);
        index.tick();
        assertThat(badges(null, null, from, clock.instant())).containsExactly("B-1");

        clock.add(AuditIndex.HOT_SPAN); // 00:15: yesterday is a past day now
        index.tick();
        writer.write(event("door-a", "B-2", yesterday.plusSeconds(1)));
        clock.add(AuditIndex.HOT_EVERY);
        index.tick();
        assertThat(badges(null, null, from, clock.instant())).as("a late record: within the past bound")
                .containsExactly("B-1");
        clock.add(AuditIndex.PAST_EVERY);
        index.tick();
        assertThat(badges(null, null, from, clock.instant())).containsExactly("B-1", "B-2");
    }

    @Test
    void anIdleIndexListsNothingAndForgetsAnOldDayNobodyAskedFor() {
        Instant longAgo = T.minus(Duration.ofDays(40));
        writer.write(event("door-a", "B-OLD", longAgo));
        assertThat(badges(null, null, longAgo.minusSeconds(60), longAgo.plusSeconds(60))).containsExactly("B-OLD");
        index.tick();
        int held = index.heldDays();
        assertThat(held).isEqualTo(AuditIndex.RECENT_DAYS + 1 + 1);

        clock.add(AuditIndex.IDLE_AFTER.plusSeconds(1));
        lists.clear();
        index.tick();
        assertThat(lists).as("nobody searched for ten minutes").isEmpty();

        assertThat(index.query(null, null, T.minusSeconds(60), clock.instant()).records()).isEmpty();
        clock.add(AuditIndex.KEEP_UNUSED);
        index.query(null, null, T.minusSeconds(60), clock.instant());
        index.tick();
        assertThat(index.heldDays()).as("the day 40 days back is dropped, the recent ones kept")
                .isEqualTo(held - 1);
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void add(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
