package com.facegate.cloud.enroll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One photo to enroll; the file name is only used for its extension (stored keys carry no names). */
public record EnrollmentPhoto(String fileName, byte[] bytes) {
    public static EnrollmentPhoto of(Path file) {
        try {
            return new EnrollmentPhoto(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
