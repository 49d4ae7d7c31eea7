package com.facegate.device.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.capture.FolderFrameSource;
import com.facegate.device.capture.Frame;
import com.facegate.device.capture.GrabberFrameSource;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.support.Faces;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame sources: an LFW folder, and a video file read back through JavaCV's FFmpeg grabber (native code). */
class CaptureSourcesTest {
    @TempDir
    Path dir;

    @Test
    void givenFolderOfPhotos_whenRead_thenFramesComeInOrderAtTheConfiguredRate() throws Exception {
        Path person = Faces.lfw().resolve("Colin_Powell");
        try (FolderFrameSource src = new FolderFrameSource(person, 10, false, Instant.EPOCH)) {
            Frame a = src.next().orElseThrow();
            Frame b = src.next().orElseThrow();
            assertThat(a.image().getWidth()).isEqualTo(250);
            assertThat(b.at()).isEqualTo(Instant.EPOCH.plusMillis(100));
            assertThat(a.encoded()).isNotEmpty();
        }
    }

    @Test
    void givenVideoFile_whenGrabbed_thenFramesDecodeToImagesOfTheVideoSize() throws Exception {
        Path video = dir.resolve("approach.mp4");
        List<Path> photos = FolderFrameSource.list(Faces.lfw().resolve("Colin_Powell")).subList(0, 10);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(video.toFile(), 250, 250);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.setFormat("mp4");
            rec.setFrameRate(10);
            rec.setVideoCodecName("mpeg4");
            rec.setVideoQuality(2);
            rec.start();
            for (Path p : photos) {
                rec.record(conv.convert(ImageIO.read(p.toFile())));
            }
            rec.stop();
        }

        List<Frame> frames = new ArrayList<>();
        try (GrabberFrameSource src = new GrabberFrameSource(
                new DoorConfig.Capture("video", video.toString(), 640, 480, 10, false), Clock.systemUTC())) {
            for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                frames.add(f.get());
            }
        }
        assertThat(frames).hasSize(10);
        assertThat(frames.get(0).image().getWidth()).isEqualTo(250);
        assertThat(frames.get(9).seq()).isEqualTo(9);
    }
}
