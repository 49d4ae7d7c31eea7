package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.client;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.image;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.photo;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.engine.Face;
import com.facegate.engine.index.FaceIndex;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;

/** Collections survive restarts, a SIGKILL mid-write, and a torn write-ahead log with a stale shared-memory file. */
class CollectionPersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void indexedFacesAndUsersAreSearchableAfterRestart() throws Exception {
        String faceId;
        try (RekognitionServer server = server(dataDir).start(); RekognitionClient rekognition = client(server)) {
            rekognition.createCollection(r -> r.collectionId("hq"));
            byte[] enrol = photo("Jacques_Chirac", 1);
            faceId = rekognition.indexFaces(r -> r.collectionId("hq").image(image(enrol)).externalImageId("badge-77"))
                    .faceRecords().get(0).face().faceId();
            rekognition.createUser(r -> r.collectionId("hq").userId("badge-77"));
            rekognition.associateFaces(r -> r.collectionId("hq").userId("badge-77").faceIds(faceId));
        }
        assertThat(dataDir.resolve(CollectionStore.DB_FILE)).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(CollectionStore.DB_FILE)))).isEqualTo("rw-------");
        try (RekognitionServer server = server(dataDir).start(); RekognitionClient rekognition = client(server)) {
            byte[] probe = photo("Jacques_Chirac", 2);
            SearchFacesByImageResponse found = rekognition.searchFacesByImage(r -> r.collectionId("hq")
                    .image(image(probe)));
            assertThat(found.faceMatches()).isNotEmpty();
            assertThat(found.faceMatches().get(0).face().faceId()).isEqualTo(faceId);
            assertThat(found.faceMatches().get(0).face().externalImageId()).isEqualTo("badge-77");
            assertThat(found.faceMatches().get(0).face().userId()).isEqualTo("badge-77");
            assertThat(rekognition.searchUsersByImage(r -> r.collectionId("hq").image(image(probe))).userMatches())
                    .extracting(m -> m.user().userId()).containsExactly("badge-77");
        }
    }

    @Test
    void killedWriterLosesNothingItAcknowledged() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingIndexWriter.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    acknowledged = Integer.parseInt(line.substring("committed ".length()));
                    if (acknowledged >= 150 && child.isAlive()) {
                        child.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroy it keeps our pipe open
                    }
                }
            }
            // Read to EOF: lines the child printed before the signal landed are acknowledgements too.
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("child wrote faces before it was killed").isGreaterThanOrEqualTo(150);

        try (CollectionStore store = CollectionStore.open(dataDir, 512)) {
            long count = store.describe("crash").orElseThrow().faceCount();
            System.out.printf("acknowledged %d faces before SIGKILL, %d on disk after recovery%n", acknowledged + 1,
                    count);
            // Everything acknowledged is there; at most the one commit in flight when it died is there unacknowledged.
            assertThat(count).isBetween((long) acknowledged + 1, (long) acknowledged + 2);
            FaceIndex index = store.index("crash");
            assertThat((long) index.size()).isEqualTo(count);
            for (int i : new int[] {0, acknowledged / 2, acknowledged}) {
                List<FaceIndex.Hit> hits = index.search(CrashingIndexWriter.embedding(i), 1, 0.9f);
                assertThat(hits).extracting(FaceIndex.Hit::faceId).containsExactly(CrashingIndexWriter.faceId(i));
            }
        }
    }

    @Test
    void tornLastWalRecordAndStaleSharedMemoryAreRecovered(@TempDir Path crashCopy) throws Exception {
        Random random = new Random(7);
        try (CollectionStore store = CollectionStore.open(dataDir, 512)) {
            store.create("torn", 1L);
            for (int i = 0; i < 3; i++) {
                store.addFaces("torn", List.of(new CollectionStore.StoredFace(CrashingIndexWriter.faceId(i), "img",
                        null, new Face.BoundingBox(0, 0, 1, 1), 99f, null, 1L)),
                        List.of(CrashingIndexWriter.embedding(i)));
            }
            // Snapshot the files as a crash would leave them (the store is still open: WAL not checkpointed).
            for (String suffix : new String[] {"", "-wal"}) {
                Path f = dataDir.resolve(CollectionStore.DB_FILE + suffix);
                assertThat(f).exists();
                Files.copy(f, crashCopy.resolve(CollectionStore.DB_FILE + suffix));
            }
        }
        Path wal = crashCopy.resolve(CollectionStore.DB_FILE + "-wal");
        try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
            file.setLength(file.length() - 100); // the last commit's final frame is torn
        }
        byte[] garbage = new byte[32 * 1024];
        random.nextBytes(garbage);
        Files.write(crashCopy.resolve(CollectionStore.DB_FILE + "-shm"), garbage); // left by the dead process

        try (CollectionStore store = CollectionStore.open(crashCopy, 512)) {
            List<CollectionStore.StoredFace> faces = store.faces("torn", null, null, null, 100);
            assertThat(faces).extracting(CollectionStore.StoredFace::faceId)
                    .containsExactly(CrashingIndexWriter.faceId(0), CrashingIndexWriter.faceId(1));
            assertThat(store.index("torn").size()).isEqualTo(2);
            // The recovered store takes new writes.
            store.addFaces("torn", List.of(new CollectionStore.StoredFace(CrashingIndexWriter.faceId(9), "img", null,
                    new Face.BoundingBox(0, 0, 1, 1), 99f, null, 1L)), List.of(CrashingIndexWriter.embedding(9)));
        }
        try (CollectionStore store = CollectionStore.open(crashCopy, 512)) {
            assertThat(store.describe("torn").orElseThrow().faceCount()).isEqualTo(3);
        }
    }
}
