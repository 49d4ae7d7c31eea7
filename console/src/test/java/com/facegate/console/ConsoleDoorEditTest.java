package com.facegate.console;

import static com.facegate.console.ConsoleHttp.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.Group;
import com.facegate.protocol.AuditEvent;
import com.facegate.site.LocalSite;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Door and group editing over real HTTP against a real local site: viewers get 403, a POST without the CSRF token
 * is refused, bad input lists every problem beside its field and writes nothing, and a good change reaches the
 * registry and the audit with the admin's id.
 */
class ConsoleDoorEditTest {
    private static final String DOOR = "edit-door";
    private static ConsoleSite site;

    @BeforeAll
    static void startSite() throws Exception {
        site = ConsoleSite.start(50);
        site.site.admin().putDoor(new Door(DOOR, "Edit door", "UTC", List.of(LocalSite.DEFAULT_GROUP), List.of()));
    }

    @AfterAll
    static void stopSite() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    private static List<AuditEvent> byAdmin(AuditEvent.Type type, Instant since) {
        return site.site.admin().queryAudit(null, null, since, Instant.now().plusSeconds(5)).stream()
                .map(AuditRecord::event).filter(e -> e.type() == type && ConsoleSite.ADMIN.equals(e.requestedBy()))
                .toList();
    }

    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(b.length() == 0 ? "" : "&").append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        }
        return b.toString();
    }

    @Test
    void aViewerSeesTheGroupsButGets403OnEditingDoorsAndGroups() throws Exception {
        ConsoleHttp viewer = new ConsoleHttp(site).signIn(ConsoleSite.VIEWER);
        Door before = site.site.admin().registry().door(DOOR).orElseThrow();
        assertThat(viewer.get("/groups").statusCode()).isEqualTo(200);
        assertThat(viewer.get("/doors/" + DOOR + "/edit").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/groups/" + LocalSite.DEFAULT_GROUP + "/edit").statusCode()).isEqualTo(403);
        HttpResponse<String> post = viewer.post("/doors/" + DOOR + "/edit", form("name", "by a viewer",
                "timeZone", "UTC", "group", LocalSite.DEFAULT_GROUP, "mode", "FACE"), true);
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("role VIEWER may not change anything");
        assertThat(viewer.post("/groups", form("name", "viewers-group"), true).statusCode()).isEqualTo(403);
        assertThat(site.site.admin().registry().door(DOOR)).contains(before);
        assertThat(site.site.admin().registry().groups()).extracting(Group::name).doesNotContain("viewers-group");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        ConsoleHttp admin = new ConsoleHttp(site).signIn(ConsoleSite.ADMIN);
        admin.get("/doors/" + DOOR + "/edit");
        HttpResponse<String> r = admin.post("/doors/" + DOOR + "/edit", form("name", "no token", "timeZone", "UTC",
                "group", LocalSite.DEFAULT_GROUP, "mode", "FACE"), false);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("CSRF token missing or wrong");
        assertThat(site.site.admin().registry().door(DOOR).orElseThrow().name()).isNotEqualTo("no token");
    }

    @Test
    void badInputListsEveryProblemBesideItsFieldAndWritesNothing() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Door stored = site.site.admin().registry().door(DOOR).orElseThrow();
        ConsoleHttp admin = new ConsoleHttp(site).signIn(ConsoleSite.ADMIN);
        admin.get("/doors/" + DOOR + "/edit");
        HttpResponse<String> r = admin.post("/doors/" + DOOR + "/edit", form("name", "Edit door",
                "timeZone", "Mars/Olympus", "group", LocalSite.DEFAULT_GROUP, "group", "visitors", "mode", "PALM",
                "falseAcceptTarget", "2", "modes.MON", "FACE 08:00-18:00, CARD_AND_FACE 12:00-13:00",
                "modes.WED", "FACE 09:00-09:00", "schedule.TUE", "25:00-26:00"), true);
        assertThat(r.statusCode()).isEqualTo(400);
        String page = r.body();
        assertThat(page).contains("not saved: 7 field(s) need a fix");
        assertThat(page).contains("data-field=\"timeZone\">unknown time zone 'Mars/Olympus'")
                .contains("data-field=\"groups\">unknown group 'visitors'")
                .contains("data-field=\"mode\">unknown mode 'PALM'")
                .contains("data-field=\"falseAcceptTarget\">must be within (0, 1)")
                .contains("data-field=\"modes.MON\">overlaps FACE@MON 08:00-18:00 on MON")
                .contains("data-field=\"modes.WED\">ends when it starts")
                .contains("data-field=\"schedule.TUE\">")
                .contains("bad time '25:00'");
        // What was typed is kept in the form.
        assertThat(page).contains("value=\"FACE 08:00-18:00, CARD_AND_FACE 12:00-13:00\"");
        assertThat(site.site.admin().registry().door(DOOR)).contains(stored);
        assertThat(byAdmin(AuditEvent.Type.DOOR_UPDATED, before)).isEmpty();
    }

    @Test
    void aGoodChangeReachesTheRegistryAndTheAuditWithTheAdminsId() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        ConsoleHttp admin = new ConsoleHttp(site).signIn(ConsoleSite.ADMIN);
        admin.get("/doors/" + DOOR + "/edit");
        HttpResponse<String> r = admin.post("/doors/" + DOOR + "/edit", form("name", "Edit door",
                "timeZone", "Europe/Madrid", "group", LocalSite.DEFAULT_GROUP, "mode", "FACE",
                "falseAcceptTarget", "", "modes.MON", "CARD_AND_FACE 18:00-22:00",
                "modes.TUE", "CARD_AND_FACE 18:00-22:00", "schedule.SAT", "08:00-14:00"), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/doors?notice=");

        Door d = site.site.admin().registry().door(DOOR).orElseThrow();
        assertThat(d.timeZone()).isEqualTo("Europe/Madrid");
        // The same window on two days is stored as one window over both.
        assertThat(d.modeWindows()).singleElement().satisfies(w -> {
            assertThat(w.mode()).isEqualTo(DoorMode.CARD_AND_FACE);
            assertThat(w.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
            assertThat(w.from()).isEqualTo(LocalTime.of(18, 0));
        });
        assertThat(d.schedules()).singleElement().satisfies(w -> assertThat(w.days())
                .containsExactly(DayOfWeek.SATURDAY));
        assertThat(byAdmin(AuditEvent.Type.DOOR_UPDATED, before)).singleElement().satisfies(e -> {
            assertThat(e.doorId()).isEqualTo(DOOR);
            assertThat(e.details()).containsEntry("timeZone", "UTC -> Europe/Madrid")
                    .containsEntry("modeWindows", "(none) -> CARD_AND_FACE@MON,TUE 18:00-22:00")
                    .containsEntry("schedules", "(none) -> SAT 08:00-14:00").doesNotContainKey("name");
        });
        assertThat(admin.get("/doors/" + DOOR + "/edit").body()).contains("value=\"CARD_AND_FACE 18:00-22:00\"");
    }

    @Test
    void anAdminAddsAGroupAndChangesItsDescriptionAndBothAreAudited() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        ConsoleHttp admin = new ConsoleHttp(site).signIn(ConsoleSite.ADMIN);
        admin.get("/groups");
        HttpResponse<String> bad = admin.post("/groups", form("name", "bad/name", "description", "x\ny"), true);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("data-field=\"name\">invalid group name")
                .contains("data-field=\"description\">at most 200 characters on one line");
        assertThat(admin.post("/groups", form("name", "contractors", "description", "Building contractors"), true)
                .statusCode()).isEqualTo(302);
        assertThat(admin.post("/groups", form("name", "contractors"), true).body()).contains("exists already");
        admin.get("/groups/contractors/edit");
        assertThat(admin.post("/groups/contractors/edit", form("description", "Contractors on site"), true)
                .statusCode()).isEqualTo(302);

        assertThat(site.site.admin().registry().groups()).contains(new Group("contractors", "Contractors on site"));
        assertThat(byAdmin(AuditEvent.Type.GROUP_UPDATED, before)).extracting(e -> e.details().get("description"))
                .containsExactlyInAnyOrder("(none) -> Building contractors",
                        "Building contractors -> Contractors on site");
        assertThat(admin.get("/groups").body()).contains("data-group=\"contractors\"").contains("Contractors on site");
        // A door may now allow it.
        assertThat(admin.get("/doors/" + DOOR + "/edit").body()).contains("value=\"contractors\"");
    }
}
