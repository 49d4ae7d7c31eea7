package com.facegate.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.facegate.device.capture.Frame;
import com.facegate.engine.image.TestImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local site's camera folder: a PNG bomb, a PNG claiming 20000×20000 and a truncated JPEG of a face are
 * dropped (never shown to the door, so never grey-filled and uploaded), and the photo after them is shown.
 */
class InboxCameraTest {
    @TempDir
    Path inbox;

    @Test
    void givenBombsAndATruncatedFace_thenOnlyTheGoodPhotoAfterThemReachesTheDoor() throws Exception {
        String faces = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        assumeTrue(faces != null && Files.isDirectory(Path.of(faces, "lfw")), "skipped: no labelled faces");
        Path lfw = Path.of(faces, "lfw");
        byte[] face = Files.readAllBytes(lfw.resolve("Tony_Blair/Tony_Blair_0001.jpg"));
        // The good photo in a size no other frame has, to tell it apart (the corridor and LFW are 250 px).
        BufferedImage small = new BufferedImage(200, 180, BufferedImage.TYPE_3BYTE_BGR);
        small.createGraphics().drawImage(ImageIO.read(lfw.resolve("Colin_Powell/Colin_Powell_0001.jpg").toFile()),
                0, 0, 200, 180, null);
        Files.write(inbox.resolve("1-bomb.png"), TestImages.pngBomb(30_000, 30_000));
        Files.write(inbox.resolve("2-claim.png"), TestImages.pngClaiming(20_000, 20_000));
        Files.write(inbox.resolve("3-truncated.jpg"), Arrays.copyOf(face, face.length / 2));
        Files.write(inbox.resolve("4-good.jpg"), TestImages.jpeg(small));

        VisitCamera camera = new VisitCamera(10, t -> { });
        try (InboxCamera watcher = new InboxCamera(inbox, camera).start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.exists(inbox.resolve("seen/4-good.jpg")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(inbox.resolve("seen/4-good.jpg")).exists();
            List<Frame> frames = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                frames.add(camera.next().orElseThrow());
            }
            assertThat(frames).filteredOn(f -> f.image().getWidth() != 250).hasSize(1)
                    .allSatisfy(f -> assertThat(f.image().getWidth()).isEqualTo(200));
            assertThat(inbox.resolve("seen")).isDirectoryContaining(p -> p.endsWith("1-bomb.png"))
                    .isDirectoryContaining(p -> p.endsWith("3-truncated.jpg"));
        }
    }
}
