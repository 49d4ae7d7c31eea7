package com.facegate.cloud.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.RecordingIotEndpoint;
import com.facegate.cloud.TestClients;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.Group;
import com.facegate.cloud.registry.WindowText;
import com.facegate.protocol.AuditEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Door and group changes are audited with who asked and old -> new, over real S3; refused ones write nothing. */
class DoorSetupTest {
    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass("doorsetup");
    @RegisterExtension
    static final RecordingIotEndpoint iot = RecordingIotEndpoint.perClass();
    static BadgeAdmin admin;

    @BeforeAll
    static void start() {
        admin = new BadgeAdmin(CloudConfig.defaults("doorsetup"), TestClients.of(s3, TestClients.closedPort(),
                iot.uri()), Clock.systemUTC());
    }

    private static List<AuditEvent> records(AuditEvent.Type type, Instant since) {
        return admin.queryAudit(null, null, since, Instant.now().plusSeconds(5)).stream().map(AuditRecord::event)
                .filter(e -> e.type() == type).toList();
    }

    @Test
    void aDoorChangeIsAuditedWithWhoAskedAndOldToNewOfWhatChanged() {
        Instant before = Instant.now().minusSeconds(1);
        admin.putDoor(new Door("lab-door", "Lab", "UTC", List.of("lab"), List.of()), "ops-1");
        Door changed = new Door("lab-door", "Lab", "Europe/Madrid", List.of("lab", "staff"), List.of())
                .withModes(DoorMode.CARD_AND_FACE, List.of(WindowText.mode("FACE@MON-FRI 08:00-18:00")));
        admin.putDoor(changed, "ops-2");
        admin.putDoor(changed, "ops-3"); // nothing changes: no record

        List<AuditEvent> doors = records(AuditEvent.Type.DOOR_UPDATED, before).stream()
                .filter(e -> "lab-door".equals(e.doorId())).toList(); // other tests' doors within the second
        assertThat(doors).extracting(AuditEvent::requestedBy).containsExactlyInAnyOrder("ops-1", "ops-2");
        AuditEvent added = doors.stream().filter(e -> "ops-1".equals(e.requestedBy())).findFirst().orElseThrow();
        assertThat(added.doorId()).isEqualTo("lab-door");
        assertThat(added.details()).containsEntry("created", "true").containsEntry("name", "(none) -> Lab");
        AuditEvent edit = doors.stream().filter(e -> "ops-2".equals(e.requestedBy())).findFirst().orElseThrow();
        assertThat(edit.details()).containsOnlyKeys("timeZone", "groups", "mode", "modeWindows")
                .containsEntry("timeZone", "UTC -> Europe/Madrid").containsEntry("groups", "lab -> lab,staff")
                .containsEntry("mode", "FACE -> CARD_AND_FACE")
                .containsEntry("modeWindows", "(none) -> FACE@MON,TUE,WED,THU,FRI 08:00-18:00");
        assertThat(admin.registry().door("lab-door")).contains(changed);
    }

    @Test
    void twoAdminsCreatingTheSameDoorIdAtOnceGiveOneDoorOneRecordAndOneRefusal() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        List<Door> tries = List.of(new Door("twin-door", "Twin A", "UTC", List.of("staff"), List.of()),
                new Door("twin-door", "Twin B", "UTC", List.of("lab"), List.of()));
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService admins = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Door door = tries.get(i);
                String by = "ops-" + i;
                outcomes.add(admins.submit(() -> {
                    together.await();
                    try {
                        admin.createDoor(door, by);
                        return "created " + door.name();
                    } catch (DoorTakenException e) {
                        return e.getMessage();
                    }
                }));
            }
            List<String> said = new ArrayList<>();
            for (Future<String> f : outcomes) {
                said.add(f.get());
            }
            assertThat(said).filteredOn(o -> o.startsWith("created ")).hasSize(1);
            assertThat(said).contains("door id already taken: twin-door");
            String winner = said.stream().filter(o -> o.startsWith("created ")).findFirst().orElseThrow()
                    .substring("created ".length());
            assertThat(admin.registry().door("twin-door")).get().extracting(Door::name).isEqualTo(winner);
            List<AuditEvent> created = records(AuditEvent.Type.DOOR_UPDATED, before).stream()
                    .filter(e -> "twin-door".equals(e.doorId())).toList();
            assertThat(created).singleElement().satisfies(e -> {
                assertThat(e.details()).containsEntry("created", "true").containsEntry("name", "(none) -> " + winner);
            });
            // Later too: a create never overwrites; editing (putDoor) is how a door changes.
            assertThatThrownBy(() -> admin.createDoor(tries.get(0), "ops-2")).isInstanceOf(DoorTakenException.class);
            assertThat(admin.registry().door("twin-door")).get().extracting(Door::name).isEqualTo(winner);
        } finally {
            admins.shutdownNow();
        }
    }

    @Test
    void aDoorTheRulesRefuseIsNeitherWrittenNorAudited() {
        Instant before = Instant.now().minusSeconds(1);
        Door overlapping = new Door("dock-door", "Dock", "UTC", List.of("staff"), List.of()).withModes(null,
                List.of(WindowText.mode("FACE@MON 08:00-18:00"), WindowText.mode("CARD_AND_FACE@MON 12:00-13:00")));
        assertThatThrownBy(() -> admin.putDoor(overlapping, "ops-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlaps FACE@MON 08:00-18:00 on MON");
        assertThat(admin.registry().door("dock-door")).isEmpty();
        assertThat(records(AuditEvent.Type.DOOR_UPDATED, before)).noneMatch(e -> "dock-door".equals(e.doorId()));
    }

    @Test
    void aGroupChangeIsAuditedWithWhoAskedAndTheOldAndNewDescription() {
        Instant before = Instant.now().minusSeconds(1);
        admin.putGroup(new Group("cleaners", "Night cleaning"), "ops-1");
        admin.putGroup(new Group("cleaners", "Cleaning contractor"), "ops-2");
        assertThat(records(AuditEvent.Type.GROUP_UPDATED, before)).extracting(AuditEvent::requestedBy,
                e -> e.details().get("group"), e -> e.details().get("description")).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("ops-1", "cleaners", "(none) -> Night cleaning"),
                org.assertj.core.groups.Tuple.tuple("ops-2", "cleaners", "Night cleaning -> Cleaning contractor"));
        assertThatThrownBy(() -> admin.putGroup(new Group("bad/name", null), "ops-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid group name");
    }
}
