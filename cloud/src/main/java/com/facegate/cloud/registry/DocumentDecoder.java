package com.facegate.cloud.registry;

import com.facegate.protocol.DoorIds;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * A registry object's bytes as its document, or a {@link BadDocumentException} that says in words why they are not
 * one: not JSON, not that kind of document, or a badge or door stored under another id's key (a misfiled document
 * must not grant under the wrong name).
 */
final class DocumentDecoder {
    private final ObjectMapper mapper = MessageCodec.mapper();

    <T> T decode(String key, byte[] body, Class<T> type) {
        T doc;
        try {
            doc = mapper.readValue(body, type);
        } catch (JsonParseException e) {
            throw new BadDocumentException(key, "not JSON", e);
        } catch (IOException | RuntimeException e) {
            throw new BadDocumentException(key, "not a " + type.getSimpleName().toLowerCase(Locale.ROOT) + " document",
                    e);
        }
        if (!key.equals(nameOf(doc, key))) {
            throw new BadDocumentException(key, doc == null ? "empty document" : "its id does not match its key", null);
        }
        return doc;
    }

    /** The key a document says it belongs at: a badge or door names itself by its id (null: nowhere valid). */
    private static String nameOf(Object doc, String key) {
        if (doc instanceof Badge b) {
            return BadgeIds.isValid(b.badgeId()) ? Registry.badgeKey(b.badgeId()) : null;
        }
        if (doc instanceof Door d) {
            return DoorIds.isValid(d.doorId()) ? Registry.doorKey(d.doorId()) : null;
        }
        return doc == null ? null : key;
    }
}
