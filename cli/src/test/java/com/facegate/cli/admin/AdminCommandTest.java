package com.facegate.cli.admin;

import com.facegate.local.aws.mqtt.DeviceSdkDoor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Consent;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.deploy.CloudDeployment;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.rekognition.model.Face;

/**
 * {@code ./facegate admin ...} run in-process against one real local stack (S3 with notifications, the enrollment
 * handler, our face engine behind the Rekognition endpoint, the MQTT broker with a real Device SDK door).
 */
class AdminCommandTest {
    @TempDir
    static Path tmp;

    static LocalStack stack;
    static CloudDeployment cloud;
    static Path data;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void start() {
        data = tmp.resolve("data");
        stack = LocalStack.builder().dataDir(data).anyFreePorts().faceEngine(OnnxFaceEngine.load())
                .mqttPersistent(false).build().start();
        cloud = CloudDeployment.deploy(stack);
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** Runs {@code admin ARGS --data <stack data>} as the launcher would, capturing both streams. */
    static Run admin(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--data");
        all.add(data.toString());
        return run(all.toArray(String[]::new));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AdminCommand.configure(new CommandLine(new AdminCommand()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        Run r = new Run(exit, out.toString(), err.toString());
        System.out.println("$ admin " + String.join(" ", args) + "\n" + r.out() + r.err() + "(exit " + exit + ")");
        return r;
    }

    static Path lfw() {
        String dir = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        Path lfw = dir == null || dir.isBlank() ? null : Path.of(dir, "lfw");
        assumeTrue(lfw != null && Files.isDirectory(lfw),
                "skipped: no labelled faces (set -Dfacegate.faces or FACEGATE_FACES to the shared faces folder)");
        return lfw;
    }

    /** Copies photos of one person into a fresh temporary folder (never into the repository). */
    static Path photos(String person, int... numbers) throws IOException {
        return copyPhotos(Files.createTempDirectory(tmp, "photos-"), person, numbers);
    }

    static Path copyPhotos(Path folder, String person, int... numbers) throws IOException {
        for (int n : numbers) {
            String file = String.format("%s_%04d.jpg", person, n);
            Files.copy(lfw().resolve(person).resolve(file), folder.resolve(file));
        }
        return folder;
    }

    static String[] enrollArgs(String badge, String name, Path photos, String... extra) {
        List<String> a = new ArrayList<>(List.of("enroll", badge, photos.toString(), "--name", name,
                "--groups", "staff", "--valid-until", "+365d"));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    static List<Face> facesOf(String badge) {
        return stack.rekognitionClient().listFacesPaginator(b -> b.collectionId(cloud.config().collectionId()))
                .faces().stream().filter(f -> badge.equals(f.externalImageId())).toList();
    }

    static List<String> keysUnder(String prefix) {
        return stack.s3Client().listObjectsV2Paginator(b -> b.bucket(stack.bucket()).prefix(prefix)).contents()
                .stream().map(o -> o.key()).toList();
    }

    static String lineOf(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("");
    }

    @Test
    void enrollsAFolderShowingEachPhotosResultAndListsTheBadge() throws IOException {
        Path folder = photos("Colin_Powell", 1, 2, 3);

        Run r = admin(enrollArgs("B-CLI-1", "Colin Powell", folder, "--consent-notice", "privacy-v3",
                "--enrolled-by", "facilities-desk"));

        assertThat(r.exit()).as(r.err()).isZero();
        for (int n = 1; n <= 3; n++) {
            assertThat(lineOf(r.out(), String.format("Colin_Powell_%04d.jpg", n))).matches("\\[\\d/3] .* OK +face .+");
        }
        assertThat(r.out()).contains("badge B-CLI-1: 3 of 3 photo(s) enrolled, 0 rejected");
        assertThat(facesOf("B-CLI-1")).hasSize(3);

        Run list = admin("list");
        assertThat(list.exit()).isZero();
        assertThat(lineOf(list.out(), "B-CLI-1"))
                .contains("Colin Powell", "ACTIVE", "staff", "privacy-v3 by facilities-desk");

        Run status = admin("status", "B-CLI-1");
        assertThat(status.exit()).isZero();
        assertThat(status.out().lines().filter(l -> l.contains("enroll/B-CLI-1/") && l.contains("OK"))).hasSize(3);
    }

    @Test
    void aFolderWithAnotherPersonsPhotoIsFlagged() throws IOException {
        Path folder = photos("Laura_Bush", 1, 3);
        // The first photo enrolled is the badge's reference face; the stranger comes after it.
        Path stranger = photos("Jacques_Chirac", 3);

        Run r = admin(enrollArgs("B-CLI-MIXED", "Laura Bush", folder, stranger.toString(), "--consent-notice",
                "privacy-v3", "--enrolled-by", "desk"));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("warning: Jacques_Chirac_0003.jpg rejected by the cloud: NOT_SAME_PERSON",
                "error: badge B-CLI-MIXED was offered another person's face");
        assertThat(r.out()).containsPattern("Jacques_Chirac_0003.jpg +REJECTED +NOT_SAME_PERSON");
        long ok = r.out().lines().filter(l -> l.contains("Laura_Bush_000") && l.contains(" OK ")).count();
        assertThat(ok).isPositive();
        assertThat(facesOf("B-CLI-MIXED")).hasSize((int) ok); // the stranger's face was never indexed
        assertThat(r.err()).doesNotContain("Laura_Bush_000");
    }

    @Test
    void enrollWithoutConsentIsRefusedAndStoresNothing() throws IOException {
        Path folder = Files.createTempDirectory(tmp, "photos-");
        Files.write(folder.resolve("portrait.jpg"), blankJpeg());

        Run r = admin(enrollArgs("B-CLI-NOCONSENT", "Laura Bush", folder, "--enrolled-by", "facilities-desk"));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("enrollment refused: the employee's consent is required");
        assertThat(keysUnder("enroll/B-CLI-NOCONSENT/")).isEmpty();
        assertThat(cloud.admin().registry().badge("B-CLI-NOCONSENT")).isEmpty();
    }

    /** A real (faceless) JPEG: enough for the checks that run before anything is uploaded. */
    static byte[] blankJpeg() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "jpg", out);
        return out.toByteArray();
    }

    @Test
    void revokedBadgeIsListedAsRevokedAndCannotBeReEnrolledSilently() throws IOException {
        Instant now = Instant.now();
        cloud.admin().registry().putBadge(new Badge("B-CLI-2", "Someone", List.of("staff"), now.minusSeconds(60),
                now.plus(Duration.ofDays(30)), Badge.Status.ACTIVE, new Consent(now, "privacy-v3", "desk")));

        Run r = admin("revoke", "B-CLI-2", "--by", "security-office");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("badge B-CLI-2 revoked");
        assertThat(lineOf(admin("list").out(), "B-CLI-2")).contains("REVOKED");
        assertThat(cloud.admin().registry().badge("B-CLI-2").orElseThrow().status()).isEqualTo(Badge.Status.REVOKED);
        Run audit = admin("audit", "--badge", "B-CLI-2", "--json");
        assertThat(audit.out()).contains("\"REVOKED\"", "security-office");

        Path folder = Files.createTempDirectory(tmp, "photos-");
        Files.write(folder.resolve("portrait.jpg"), blankJpeg());
        Run again = admin(enrollArgs("B-CLI-2", "Someone", folder, "--consent-notice", "privacy-v3",
                "--enrolled-by", "desk"));
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("badge B-CLI-2 is REVOKED; add --reactivate");
        assertThat(keysUnder("enroll/B-CLI-2/")).isEmpty();
    }

    @Test
    void eraseNeedsConfirmationThenRemovesFacesPhotosAndRegistryEntries() throws IOException {
        Path folder = photos("Hugo_Chavez", 1, 2);
        Run enrolled = admin(enrollArgs("B-CLI-3", "Hugo Chavez", folder, "--consent-notice", "privacy-v3",
                "--enrolled-by", "desk"));
        assertThat(enrolled.exit()).as(enrolled.out() + enrolled.err()).isZero();
        assertThat(facesOf("B-CLI-3")).isNotEmpty();
        assertThat(keysUnder("enroll/B-CLI-3/")).hasSize(2);

        Run unconfirmed = admin("erase", "B-CLI-3");
        assertThat(unconfirmed.exit()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("add --yes to confirm");
        assertThat(keysUnder("enroll/B-CLI-3/")).hasSize(2);

        Run erased = admin("erase", "B-CLI-3", "--yes");

        assertThat(erased.exit()).as(erased.err()).isZero();
        assertThat(erased.out()).containsPattern("badge B-CLI-3 erased: [12] face\\(s\\), 2 photo\\(s\\)");
        assertThat(admin("list").out()).doesNotContain("B-CLI-3");
        assertThat(keysUnder("enroll/B-CLI-3/")).isEmpty();
        assertThat(keysUnder("registry/enrollment/B-CLI-3/")).isEmpty();
        assertThat(facesOf("B-CLI-3")).isEmpty();
    }

    @Test
    void remoteUnlockReachesTheDoorOverMqttAndIsAudited() throws Exception {
        Run put = admin("door", "put", "front-door-01", "--name", "Front door", "--time-zone", "Europe/Madrid",
                "--groups", "staff,visitors,night", "--schedule", "MON-FRI 07:00-19:00", "--schedule",
                "night@SAT 22:00-06:00");
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(lineOf(admin("doors").out(), "front-door-01")).contains("Front door", "Europe/Madrid",
                "staff,visitors,night", "2 window(s)");
        assertThat(admin("schedules", "--door", "front-door-01").out())
                .contains("MON,TUE,WED,THU,FRI", "07:00", "19:00").contains("night", "SAT", "22:00", "06:00");
        assertThat(admin("groups").out()).contains("staff", "visitors", "night");

        DoorBundle bundle = stack.provisionDoor("front-door-01");
        try (DeviceSdkDoor door = DeviceSdkDoor.connect(stack.mqttHost(), stack.mqttPort(), "front-door-01",
                bundle.certificate(), bundle.privateKey(), bundle.caCertificate())) {
            door.subscribe(Topics.commands("front-door-01")).get(10, TimeUnit.SECONDS);

            Run r = admin("unlock", "front-door-01", "--reason", "courier delivery", "--ttl", "30s", "--by", "ops");

            assertThat(r.exit()).as(r.err()).isZero();
            DeviceSdkDoor.Received got = door.poll(10_000);
            assertThat(got).as("command on the door's topic").isNotNull();
            assertThat(got.topic()).isEqualTo("facegate/doors/front-door-01/commands");
            DoorCommand c = MessageCodec.decode(got.payload(), DoorCommand.class);
            assertThat(c.type()).isEqualTo(DoorCommand.Type.UNLOCK);
            assertThat(c.doorId()).isEqualTo("front-door-01");
            assertThat(c.reason()).isEqualTo("courier delivery");
            assertThat(c.requestedBy()).isEqualTo("ops");
            assertThat(Duration.between(c.issuedAt(), c.expiresAt())).isEqualTo(Duration.ofSeconds(30));
            assertThat(r.out()).contains("remote unlock " + c.requestId() + " sent to door front-door-01");

            Run audit = admin("audit", "--door", "front-door-01", "--json");
            assertThat(audit.exit()).isZero();
            JsonNode records = MessageCodec.mapper().readTree(audit.out());
            List<JsonNode> unlocks = Stream.of(records).flatMap(a -> java.util.stream.StreamSupport.stream(
                    a.spliterator(), false)).filter(n -> "REMOTE_UNLOCK".equals(n.path("type").asText())).toList();
            assertThat(unlocks).hasSize(1);
            assertThat(unlocks.get(0).path("requestId").asText()).isEqualTo(c.requestId());
            assertThat(unlocks.get(0).path("reason").asText()).isEqualTo("courier delivery");
            assertThat(unlocks.get(0).path("doorId").asText()).isEqualTo("front-door-01");

            Run table = admin("audit", "--door", "front-door-01", "--type", "REMOTE_UNLOCK", "--from", "-1h");
            assertThat(lineOf(table.out(), "REMOTE_UNLOCK")).contains("front-door-01", "ops", "courier delivery");
        }
    }

    @Test
    void doorsCanBeLoadedFromAJsonFile() throws IOException {
        Path file = tmp.resolve("doors.json");
        Files.writeString(file, """
                [{"doorId":"lab-door","name":"Lab","timeZone":"UTC","allowedGroups":["lab"],
                  "schedules":[{"days":["MONDAY"],"from":"08:00","until":"18:00"},
                               {"group":"cleaners","days":["FRIDAY"],"from":"20:00","until":"22:00"}]},
                 {"doorId":"dock-door","name":"Dock","allowedGroups":["staff"]}]
                """);

        Run r = admin("door", "put", "--file", file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(cloud.admin().registry().door("lab-door").orElseThrow().schedules()).hasSize(2);
        assertThat(r.out()).contains("warning: door lab-door has a window for group cleaners, which is not allowed");
        assertThat(lineOf(admin("doors").out(), "dock-door")).contains("Dock", "staff", "always");
    }

    /** A data folder whose endpoints file names a port nobody listens on: a stack that has stopped. */
    static Path stoppedStackData() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory(tmp, "stopped-");
        String props = Files.readString(data.resolve("endpoints.properties"))
                .replaceAll("(?m)^s3=.*$", "s3=https\\://127.0.0.1\\:" + closed);
        Files.writeString(dir.resolve("endpoints.properties"), props);
        Files.copy(data.resolve("credentials.properties"), dir.resolve("credentials.properties"));
        return dir;
    }

    @Test
    void doorsShowTheOperatingPointOfTheirFalseAcceptTarget() {
        Run put = admin("door", "put", "lab-door-02", "--groups", "lab", "--false-accept-target", "1e-4");
        assertThat(put.exit()).as(put.err()).isZero();
        String lab = lineOf(admin("doors").out(), "lab-door-02");
        // Nobody holds group "lab": one face is assumed, and 1e-4 per visit needs similarity about 95.
        assertThat(lab).contains("lab", "1e-04");
        double threshold = Double.parseDouble(lab.split("\\s+")[8]);
        assertThat(threshold).isBetween(94.0, 96.0);
        Run rename = admin("door", "put", "lab-door-02", "--name", "Lab");
        assertThat(rename.exit()).as(rename.err()).isZero();
        assertThat(lineOf(admin("doors").out(), "lab-door-02")).as("the target survives an update").contains("1e-04");
        Run bad = admin("door", "put", "lab-door-02", "--false-accept-target", "2");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("--false-accept-target must be within (0, 1)");
    }

    @Test
    void theLauncherRoutesAdminToTheseCommands() {
        StringWriter out = new StringWriter();
        CommandLine root = new CommandLine(new com.facegate.cli.FaceGate());
        root.setOut(new PrintWriter(out, true));
        int exit = root.execute("admin", "doors", "--data", data.toString());
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("DOOR").contains("door(s)");
    }

    @Test
    void badInputGivesAClearErrorAndANonZeroExitWithoutAStackTrace() throws IOException {
        Run unknownBadge = admin("revoke", "B-NOBODY");
        assertThat(unknownBadge.exit()).isEqualTo(1);
        assertThat(unknownBadge.err().strip()).isEqualTo("error: no such badge: B-NOBODY");

        Run badDate = admin("audit", "--from", "28/11/2026");
        assertThat(badDate.exit()).isEqualTo(2);
        assertThat(badDate.err()).contains("'28/11/2026' is not a date/time", "Try 'admin audit --help'");

        Run unknownDoor = admin("unlock", "no-such-door", "--reason", "test");
        assertThat(unknownDoor.exit()).isEqualTo(1);
        assertThat(unknownDoor.err()).contains("no such door: no-such-door");

        Run tooLong = admin("unlock", "front-door-01", "--reason", "test", "--ttl", "1h");
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err()).contains("--ttl must be more than 0 and at most 5m");

        Run badZone = admin("door", "put", "x-door", "--time-zone", "Mars/Olympus");
        assertThat(badZone.exit()).isEqualTo(2);
        assertThat(badZone.err()).contains("unknown time zone 'Mars/Olympus'");

        Run noStack = run("list", "--data", tmp.resolve("nothing-here").toString());
        assertThat(noStack.exit()).isEqualTo(1);
        assertThat(noStack.err()).contains("no local stack has run from", "./facegate local");

        Run awsWithoutBucket = run("list", "--aws", "--region", "eu-west-1");
        assertThat(awsWithoutBucket.exit()).isEqualTo(2);
        assertThat(awsWithoutBucket.err()).contains("--aws needs --bucket");

        Run unlockWithoutIot = run("unlock", "front-door-01", "--reason", "test", "--aws", "--region", "eu-west-1",
                "--bucket", "facegate-test");
        assertThat(unlockWithoutIot.exit()).isEqualTo(1);
        assertThat(unlockWithoutIot.err()).contains("unlock needs --iot-endpoint");

        Run dataAndAws = run("list", "--aws", "--region", "eu-west-1", "--bucket", "b", "--data", data.toString());
        assertThat(dataAndAws.exit()).isEqualTo(2);
        assertThat(dataAndAws.err()).contains("cannot be combined with --aws");

        Run missingPhoto = admin("enroll", "B-CLI-X", tmp.resolve("no-such.jpg").toString(), "--name", "X",
                "--valid-until", "+1d", "--consent-notice", "v1", "--enrolled-by", "desk");
        assertThat(missingPhoto.exit()).isEqualTo(1);
        assertThat(missingPhoto.err()).contains("no such photo file or folder");

        Run stackDown = run("list", "--data", stoppedStackData().toString());
        assertThat(stackDown.exit()).isEqualTo(1);
        assertThat(stackDown.err()).contains("error: cannot reach the local stack at https://", "Connection refused",
                "is ./facegate local running");

        Run badGroup = admin("door", "put", "y-door", "--groups", "staff,bad/group");
        assertThat(badGroup.exit()).isEqualTo(2);
        assertThat(badGroup.err()).contains("invalid group name 'bad/group'");

        for (Run r : List.of(stackDown, badGroup, unknownBadge, badDate, unknownDoor, tooLong, badZone, noStack,
                awsWithoutBucket, unlockWithoutIot, dataAndAws, missingPhoto)) {
            assertThat(r.err()).doesNotContain("Exception", "\tat ");
        }
    }
}
