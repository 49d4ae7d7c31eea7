package com.facegate.local.doors;

import com.facegate.local.aws.pki.SecureFiles;
import com.facegate.protocol.DoorIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Each door's 256-bit offline-gallery key, kept owner-only beside its certificate bundle
 * ({@code <data>/doors/<doorId>/gallery.key}) and handed to the door in its config, never to anyone else.
 */
public final class GalleryKeys implements com.facegate.gallery.DoorKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path doorsDir;

    public GalleryKeys(Path doorsDir) {
        this.doorsDir = doorsDir;
    }

    /** The door's key, made on first use. */
    public synchronized byte[] keyFor(String doorId) {
        Path file = file(doorId);
        Optional<byte[]> existing = existing(doorId);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SecureFiles.writeSecret(file, Base64.getEncoder().encodeToString(key));
        return key;
    }

    /** The key of a door that has one; doors without a key get no gallery. */
    @Override
    public Optional<byte[]> existing(String doorId) {
        Path file = file(doorId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public String keyBase64(String doorId) {
        return Base64.getEncoder().encodeToString(keyFor(doorId));
    }

    private Path file(String doorId) {
        return doorsDir.resolve(DoorIds.require(doorId)).resolve("gallery.key");
    }
}
