package com.facegate.bench.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The people of a labelled folder ({@code <root>/<Person>/<file>.jpg}) split for walk-up benchmarks: those with
 * two or more photos can be enrolled with one and walk up with another; those with one photo are strangers.
 */
public record WalkUpPeople(List<List<Path>> members, List<Path> strangers) {

    public static WalkUpPeople of(Path root) throws IOException {
        List<List<Path>> multi = new ArrayList<>();
        List<Path> singles = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> photos;
                try (Stream<Path> s = Files.list(dir)) {
                    photos = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".jpg")).sorted().toList();
                }
                if (photos.size() >= 2) {
                    multi.add(photos);
                } else if (photos.size() == 1) {
                    singles.add(photos.get(0));
                }
            }
        }
        return new WalkUpPeople(multi, singles);
    }
}
