package com.facegate.protocol.gallery;

import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The offline gallery file, the same bytes in S3 ({@code galleries/{doorId}.bin}) and at rest on the door.
 *
 * <pre>
 * "FGG1"              4 bytes magic + format version
 * nonce               12 bytes, random per file
 * AES-256-GCM(key, nonce, aad = "facegate-gallery:" + doorId) of the JSON document below, with its 16-byte tag
 *
 * {"doorId":"...", "generatedAt":"2026-...Z", "dimension":512,
 *  "badges":[{"badgeId":"B123","templates":["base64 of dimension float32 little-endian", ...]}, ...],
 *  "modes":[{"from":"2026-...Z","mode":"FACE","takesCard":false}, ...], "modesUntil":"2026-...Z"}
 * </pre>
 *
 * {@code modes} and {@code modesUntil} are left out when not known; a reader that does not know them skips them.
 *
 * The door id in the AAD binds a file to its door: another door's gallery fails authentication. The key is a
 * per-door 256-bit secret handed out with the door's provisioning bundle (config {@code offline.galleryKeyBase64})
 * and held by the cloud job that publishes galleries.
 */
public final class GalleryCodec {
    private static final byte[] MAGIC = "FGG1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private GalleryCodec() {}

    public static byte[] encrypt(Gallery g, byte[] key) throws GeneralSecurityException {
        ObjectNode root = MessageCodec.mapper().createObjectNode();
        root.put("doorId", g.doorId()).put("generatedAt", g.generatedAt().toString()).put("dimension", g.dimension());
        ArrayNode badges = root.putArray("badges");
        g.badges().forEach((badge, templates) -> {
            ObjectNode b = badges.addObject().put("badgeId", badge);
            ArrayNode t = b.putArray("templates");
            for (float[] e : templates) {
                ByteBuffer buf = ByteBuffer.allocate(e.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(e);
                t.add(Base64.getEncoder().encodeToString(buf.array()));
            }
        });
        if (g.modesUntil() != null) {
            ArrayNode modes = root.putArray("modes");
            for (ModeSpan m : g.modes()) {
                modes.addObject().put("from", m.from().toString()).put("mode", m.mode()).put("takesCard",
                        m.takesCard());
            }
            root.put("modesUntil", g.modesUntil().toString());
        }
        byte[] plain;
        try {
            plain = MessageCodec.mapper().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce, g.doorId());
        byte[] sealed = c.doFinal(plain);
        Arrays.fill(plain, (byte) 0);
        return ByteBuffer.allocate(MAGIC.length + nonce.length + sealed.length).put(MAGIC).put(nonce)
                .put(sealed).array();
    }

    /** Decrypts and checks a gallery file for {@code doorId}; throws when it is not authentic or not well-formed. */
    public static Gallery decrypt(byte[] file, byte[] key, String doorId) throws GeneralSecurityException {
        if (file.length < MAGIC.length + 12 + 16 || !Arrays.equals(Arrays.copyOf(file, 4), MAGIC)) {
            throw new GeneralSecurityException("not a FaceGate gallery file");
        }
        byte[] nonce = Arrays.copyOfRange(file, 4, 16);
        Cipher c = cipher(Cipher.DECRYPT_MODE, key, nonce, doorId);
        byte[] plain = c.doFinal(file, 16, file.length - 16);
        try {
            JsonNode root = MessageCodec.mapper().readTree(plain);
            if (!doorId.equals(root.path("doorId").asText())) {
                throw new GeneralSecurityException("gallery is for another door");
            }
            int dim = root.path("dimension").asInt();
            Map<String, List<float[]>> badges = new LinkedHashMap<>();
            for (JsonNode b : root.path("badges")) {
                List<float[]> templates = new ArrayList<>();
                for (JsonNode t : b.path("templates")) {
                    ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(t.asText()))
                            .order(ByteOrder.LITTLE_ENDIAN);
                    float[] e = new float[buf.remaining() / 4];
                    if (e.length != dim) {
                        throw new GeneralSecurityException("template of wrong dimension");
                    }
                    buf.asFloatBuffer().get(e);
                    templates.add(e);
                }
                badges.put(b.path("badgeId").asText(), List.copyOf(templates));
            }
            List<ModeSpan> modes = new ArrayList<>();
            for (JsonNode m : root.path("modes")) {
                if (!m.path("takesCard").isBoolean()) {
                    throw new GeneralSecurityException("mode span without takesCard");
                }
                modes.add(new ModeSpan(Instant.parse(m.path("from").asText()), m.path("mode").asText(),
                        m.path("takesCard").asBoolean()));
            }
            Instant modesUntil = root.hasNonNull("modesUntil") ? Instant.parse(root.path("modesUntil").asText())
                    : null;
            return new Gallery(doorId, Instant.parse(root.path("generatedAt").asText()), dim, badges, modes,
                    modesUntil);
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException("malformed gallery document", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String doorId) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(("facegate-gallery:" + doorId).getBytes(StandardCharsets.UTF_8));
        return c;
    }
}
