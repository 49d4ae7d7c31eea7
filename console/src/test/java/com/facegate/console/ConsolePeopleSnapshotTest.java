package com.facegate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.CloudClients;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentPhoto;
import com.facegate.cloud.enroll.EnrollmentRequest;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.RegistryUnavailableException;
import com.facegate.console.pages.PeopleIndex;
import com.facegate.console.pages.PeopleSnapshot;
import com.facegate.local.stack.LocalClients;
import com.facegate.local.stack.LocalStack;
import com.facegate.site.CuttableRelay;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The people list's snapshot on a real local site: an admin's own change through this console's {@link BadgeAdmin}
 * is in it at once, another writer's only once it is read again, and a store that stops answering leaves the last
 * list on the page (saying how old it is) until it answers again.
 */
class ConsolePeopleSnapshotTest {
    private static final Instant UNTIL = Instant.parse("2099-12-31T00:00:00Z");
    private static ConsoleSite site;

    @BeforeAll
    static void startSite() throws Exception {
        site = ConsoleSite.start(50);
    }

    @AfterAll
    static void stopSite() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void anAdminsOwnChangeIsInTheListAtOnceAndAnotherWritersAfterItIsReadAgain() throws Exception {
        BadgeAdmin admin = site.site.admin();
        BadgeAdmin other = new BadgeAdmin(site.site.cloud().config(), site.site.cloud().clients(), Clock.systemUTC());
        admin.registry().putBadge(badge("B-SNAP-1"));
        admin.registry().putBadge(badge("B-SNAP-2"));
        // Read again only when the test says so: what changes in between is the listener's doing.
        try (PeopleSnapshot s = PeopleSnapshot.start(admin, Clock.systemUTC(), Duration.ofHours(1))) {
            PeopleIndex first = s.index();
            assertThat(status(first, "B-SNAP-1")).isEqualTo(Badge.Status.ACTIVE);

            admin.revoke("B-SNAP-1", "desk");
            admin.update("B-SNAP-2", List.of("night"), null, UNTIL, "desk");
            admin.enroll(new EnrollmentRequest("B-SNAP-3", "Third Person", List.of("staff"), null, UNTIL,
                    new Consent(Instant.now(), "v1", "desk")), List.of(new EnrollmentPhoto("grey.png", greyPng())));
            PeopleIndex now = s.index();
            assertThat(now.readAt()).as("not read again").isEqualTo(first.readAt());
            assertThat(status(now, "B-SNAP-1")).isEqualTo(Badge.Status.REVOKED);
            assertThat(now.person("B-SNAP-2").orElseThrow().badge().groups()).containsExactly("night");
            assertThat(now.person("B-SNAP-3").orElseThrow().photos()).singleElement()
                    .satisfies(p -> assertThat(p.status()).isIn("PENDING", "REJECTED"));

            other.revoke("B-SNAP-2", "another-desk");
            other.registry().putBadge(badge("B-SNAP-4"));
            assertThat(status(s.index(), "B-SNAP-2")).as("another writer's change, before a refresh")
                    .isEqualTo(Badge.Status.ACTIVE);
            assertThat(s.index().person("B-SNAP-4")).isEmpty();
            PeopleIndex again = s.refresh();
            assertThat(again.readAt()).isAfter(first.readAt());
            assertThat(status(again, "B-SNAP-2")).isEqualTo(Badge.Status.REVOKED);
            assertThat(again.person("B-SNAP-4")).isPresent();
            assertThat(status(again, "B-SNAP-1")).isEqualTo(Badge.Status.REVOKED);

            admin.erase("B-SNAP-1", "desk");
            assertThat(s.index().person("B-SNAP-1")).as("erased: gone at once").isEmpty();
            assertThat(s.index().matching("b-snap").stream().map(p -> p.badge().badgeId()))
                    .containsExactly("B-SNAP-2", "B-SNAP-3", "B-SNAP-4");
        }

        // The console's own list: a revoke through its page shows on the list page right after.
        ConsoleHttp c = new ConsoleHttp(site).signIn(ConsoleSite.ADMIN);
        assertThat(c.get("/people/B-SNAP-4").statusCode()).isEqualTo(200);
        assertThat(c.post("/people/B-SNAP-4/revoke", "", true).statusCode()).isEqualTo(302);
        assertThat(row(c.get("/people?q=B-SNAP-4").body(), "B-SNAP-4")).contains(">REVOKED<");
    }

    @Test
    void aStoreThatStopsAnsweringLeavesTheLastListOnThePageUntilItAnswersAgain() throws Exception {
        LocalStack stack = site.site.stack();
        URI s3 = stack.s3Endpoint();
        site.site.admin().registry().putBadge(badge("B-DOWN-1"));
        try (CuttableRelay relay = new CuttableRelay(s3);
             S3Client viaRelay = LocalClients.s3(URI.create(s3.getScheme() + "://" + s3.getHost() + ":"
                     + relay.port()), stack.region(), stack.credentials().accessKeyId(),
                     stack.credentials().secretAccessKey(), stack.tls() ? stack.caCertificate() : null)) {
            CloudClients live = site.site.cloud().clients();
            BadgeAdmin admin = new BadgeAdmin(site.site.cloud().config(), new CloudClients(viaRelay,
                    live.rekognition(), live.iot()), Clock.systemUTC());
            try (PeopleSnapshot s = PeopleSnapshot.start(admin, Clock.systemUTC(), Duration.ofHours(1));
                 ConsoleSite down = site.over(admin)) {
                PeopleIndex before = s.index();
                assertThat(before.person("B-DOWN-1")).isPresent();
                ConsoleHttp c = new ConsoleHttp(down).signIn(ConsoleSite.ADMIN);
                assertThat(row(c.get("/people?q=B-DOWN").body(), "B-DOWN-1")).contains(">ACTIVE<");

                relay.cut();
                assertThatThrownBy(s::refresh).isInstanceOf(RegistryUnavailableException.class);
                assertThat(s.index()).isSameAs(before);
                // The console's own snapshot fails its next refresh: the page keeps answering with the old list.
                HttpResponse<String> stale = until(c, "/people?q=B-DOWN", b -> b.contains("id=\"stale\""));
                assertThat(stale.statusCode()).isEqualTo(200);
                assertThat(stale.body()).contains("not up to date: the store was unreachable at ");
                assertThat(row(stale.body(), "B-DOWN-1")).contains(">ACTIVE<");
                assertThat(c.get("/people/B-DOWN-1").statusCode()).as("a person page reads the store").isEqualTo(503);

                relay.restore();
                HttpResponse<String> back = until(c, "/people?q=B-DOWN", b -> !b.contains("id=\"stale\""));
                assertThat(row(back.body(), "B-DOWN-1")).contains(">ACTIVE<");
                assertThat(s.refresh().readAt()).isAfter(before.readAt());
            }
        }
    }

    private static Badge.Status status(PeopleIndex index, String badgeId) {
        return index.person(badgeId).orElseThrow().badge().status();
    }

    private static Badge badge(String id) {
        return new Badge(id, "Person " + id, List.of("staff"), null, UNTIL, Badge.Status.ACTIVE,
                new Consent(Instant.now(), "v1", "seed"));
    }

    /** A photo without a face: enough for the upload, refused by the enrollment check (NO_FACE). */
    private static byte[] greyPng() throws IOException {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                img.setRGB(x, y, 0x808080);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** The list page's table row of one badge. */
    private static String row(String page, String badgeId) {
        int at = page.indexOf("<tr data-badge=\"" + badgeId + "\">");
        assertThat(at).as("row of " + badgeId + " on the page").isNotNegative();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    /** GETs the page every 200 ms until its body passes (at most three refresh periods). */
    private static HttpResponse<String> until(ConsoleHttp c, String path, Predicate<String> body) throws Exception {
        long deadline = System.nanoTime() + PeopleSnapshot.REFRESH_EVERY.multipliedBy(3).toNanos();
        HttpResponse<String> r = c.get(path);
        while (!body.test(r.body()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = c.get(path);
        }
        assertThat(body.test(r.body())).as("GET " + path + " within " + PeopleSnapshot.REFRESH_EVERY
                .multipliedBy(3) + ": " + r.statusCode()).isTrue();
        return r;
    }
}
