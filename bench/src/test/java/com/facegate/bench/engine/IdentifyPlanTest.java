package com.facegate.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentifyPlanTest {
    @TempDir
    Path tmp;

    private Path folder(String root, String person, int photos) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(root).resolve(person));
        for (int i = 1; i <= photos; i++) {
            Files.write(d.resolve(person + "_" + i + ".jpg"), new byte[] {1});
        }
        return tmp.resolve(root);
    }

    private static List<String> names(IdentifyPlan plan, boolean members) {
        return plan.gallery.stream().filter(p -> p.member() == members).map(IdentifyPlan.Person::name).toList();
    }

    @Test
    void autoEnrolsEverySecondOnePhotoPersonInNameOrderAndKeepsTheOthersAsStrangers() throws IOException {
        Path images = folder("lfw", "Ann", 5);
        for (String single : new String[] {"Bea", "Cid", "Dan", "Eve", "Fay"}) {
            folder("lfw", single, 1);
        }
        IdentifyPlan plan = IdentifyPlan.of(images, "auto", 3, Set.of("Fay"));
        assertThat(names(plan, true)).containsExactly("Ann");
        assertThat(plan.gallery.get(0).enrolled()).hasSize(3);
        assertThat(plan.gallery.get(0).probes()).hasSize(2);
        assertThat(names(plan, false)).containsExactly("Bea", "Dan");
        assertThat(plan.strangers).hasSize(2);
        assertThat(plan.strangers.stream().map(i -> plan.photos.get(i).getFileName().toString()))
                .containsExactly("Cid_1.jpg", "Eve_1.jpg");
    }

    @Test
    void aDistractorFolderIsNeverProbedAndSkipsPeopleWhoAreAlsoProbed() throws IOException {
        Path images = folder("lfw", "Ann", 2);
        folder("lfw", "Bea", 1);
        Path others = folder("other", "Zed", 4);
        folder("other", "Ann", 3);
        IdentifyPlan plan = IdentifyPlan.of(images, others.toString(), 2, Set.of());
        assertThat(names(plan, false)).containsExactly("Zed");
        assertThat(plan.skippedDistractors).isEqualTo(1);
        IdentifyPlan.Person zed = plan.gallery.get(1);
        assertThat(zed.enrolled()).hasSize(2);
        assertThat(zed.probes()).isEmpty();
        assertThat(plan.gallery.get(0).enrolled()).as("one photo left to probe").hasSize(1);
    }

    @Test
    void galleryOrderIsTheSameOnEveryRun() {
        assertThat(IdentifyBench.shuffledRanks(50)).containsExactly(IdentifyBench.shuffledRanks(50));
        assertThat(IdentifyBench.shuffledRanks(50)).doesNotHaveDuplicates().hasSize(50);
    }
}
