package com.facegate.local.aws.rekognition;

import com.facegate.engine.Face;
import com.facegate.engine.index.FaceIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Face collections on disk: one SQLite database ({@code rekognition.db}) in the data directory holding collections,
 * face metadata + embeddings, and users. Images are never stored.
 *
 * <p>Why SQLite: every change is one transaction committed with {@code synchronous=FULL} in WAL mode, so an
 * acknowledged IndexFaces survives a power cut and a crash mid-write leaves either the whole change or none of it
 * (a torn last WAL frame fails its checksum and is ignored on open). Writing that ourselves (append-only log, fsync,
 * snapshot + rename) is more code to get wrong; SQLite also gives indexed paging for ListFaces/ListUsers. The
 * in-memory {@link FaceIndex} per collection is rebuilt from the stored embeddings on open.
 *
 * <p>Thread-safe: database access is serialised on this object (one connection); searches run on the in-memory
 * indexes concurrently.
 */
final class CollectionStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionStore.class);
    static final String DB_FILE = "rekognition.db";

    record CollectionInfo(String id, long createdAtMillis, long faceCount, long userCount) {}

    record StoredFace(String faceId, String imageId, String externalImageId, Face.BoundingBox box, float confidence,
                      String userId, long indexedAtMillis) {}

    record UserInfo(String userId, long faceCount) {
        String status() {
            return faceCount > 0 ? "ACTIVE" : "CREATED";
        }
    }

    /** CreateUser / DeleteUser: done now, a retry of the request that did it (same token), or refused. */
    enum UserChange { DONE, RETRY, REFUSED }

    record DeleteOutcome(List<String> deleted, Map<String, String> refused) {}

    private final SqliteDb db;
    private final int dimension;
    private final Map<String, FaceIndex> indexes = new ConcurrentHashMap<>();

    private CollectionStore(SqliteDb db, int dimension) {
        this.db = db;
        this.dimension = dimension;
    }

    static CollectionStore open(Path dataDir, int dimension) throws IOException {
        Files.createDirectories(dataDir);
        ownerOnly(dataDir.resolve(DB_FILE));
        SqliteDb db = SqliteDb.open(dataDir.resolve(DB_FILE),
                "CREATE TABLE IF NOT EXISTS collections (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS faces (collection_id TEXT NOT NULL, face_id TEXT NOT NULL,"
                        + " image_id TEXT NOT NULL, external_image_id TEXT, box_left REAL, box_top REAL,"
                        + " box_width REAL, box_height REAL, confidence REAL, user_id TEXT,"
                        + " indexed_at INTEGER NOT NULL, embedding BLOB NOT NULL, PRIMARY KEY (collection_id, "
                        + "face_id))",
                "CREATE INDEX IF NOT EXISTS faces_by_user ON faces (collection_id, user_id)",
                "CREATE TABLE IF NOT EXISTS users (collection_id TEXT NOT NULL, user_id TEXT NOT NULL,"
                        + " created_at INTEGER NOT NULL, PRIMARY KEY (collection_id, user_id))",
                // The ClientRequestToken of a user's last CreateUser / DeleteUser, so a retry gets the same answer.
                "CREATE TABLE IF NOT EXISTS user_tokens (collection_id TEXT NOT NULL, user_id TEXT NOT NULL,"
                        + " operation TEXT NOT NULL, token TEXT NOT NULL,"
                        + " PRIMARY KEY (collection_id, user_id, operation))");
        CollectionStore store = new CollectionStore(db, dimension);
        store.loadIndexes();
        return store;
    }

    /** Embeddings are biometric data: the database (and the WAL SQLite derives from it) is readable by us only. */
    private static void ownerOnly(Path dbFile) throws IOException {
        if (!dbFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> rw =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        if (Files.notExists(dbFile)) {
            Files.createFile(dbFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(rw));
        } else {
            Files.setPosixFilePermissions(dbFile, rw);
        }
    }

    private synchronized void loadIndexes() {
        int[] faces = {0};
        query("SELECT id FROM collections", rs -> indexes.put(rs.getString(1), FaceIndex.create(dimension)));
        query("SELECT collection_id, face_id, embedding FROM faces", rs -> {
            FaceIndex index = indexes.get(rs.getString(1));
            float[] embedding = floats(rs.getBytes(3));
            if (index != null && embedding.length == dimension) {
                index.add(rs.getString(2), embedding);
                faces[0]++;
            }
        });
        LOG.info("Loaded {} face collections with {} faces", indexes.size(), faces[0]);
    }

    boolean exists(String collectionId) {
        return indexes.containsKey(collectionId);
    }

    /** The collection's index; ResourceNotFoundException when there is no such collection. */
    FaceIndex index(String collectionId) {
        FaceIndex index = indexes.get(collectionId);
        if (index == null) {
            throw RekognitionErrors.notFound("The collection id: " + collectionId + " does not exist");
        }
        return index;
    }

    synchronized boolean create(String collectionId, long now) {
        if (indexes.containsKey(collectionId)) {
            return false;
        }
        update("INSERT INTO collections (id, created_at) VALUES (?, ?)", collectionId, now);
        indexes.put(collectionId, FaceIndex.create(dimension));
        return true;
    }

    synchronized boolean delete(String collectionId) {
        if (!indexes.containsKey(collectionId)) {
            return false;
        }
        inTransaction(() -> {
            update("DELETE FROM faces WHERE collection_id = ?", collectionId);
            update("DELETE FROM users WHERE collection_id = ?", collectionId);
            update("DELETE FROM user_tokens WHERE collection_id = ?", collectionId);
            update("DELETE FROM collections WHERE id = ?", collectionId);
        });
        indexes.remove(collectionId);
        return true;
    }

    synchronized List<String> collectionIds(String after, int limit) {
        List<String> ids = new ArrayList<>();
        query("SELECT id FROM collections WHERE id > ? ORDER BY id LIMIT ?", rs -> ids.add(rs.getString(1)),
                after == null ? "" : after, limit);
        return ids;
    }

    synchronized Optional<CollectionInfo> describe(String collectionId) {
        List<CollectionInfo> out = new ArrayList<>();
        query("SELECT created_at, (SELECT COUNT(*) FROM faces WHERE collection_id = c.id),"
                        + " (SELECT COUNT(*) FROM users WHERE collection_id = c.id) FROM collections c WHERE id = ?",
                rs -> out.add(new CollectionInfo(collectionId, rs.getLong(1), rs.getLong(2), rs.getLong(3))),
                collectionId);
        return out.stream().findFirst();
    }

    /** Stores the faces in one transaction, then makes them searchable. */
    synchronized void addFaces(String collectionId, List<StoredFace> faces, List<float[]> embeddings) {
        FaceIndex index = index(collectionId);
        inTransaction(() -> {
            for (int i = 0; i < faces.size(); i++) {
                StoredFace f = faces.get(i);
                update("INSERT INTO faces (collection_id, face_id, image_id, external_image_id, box_left, box_top,"
                                + " box_width, box_height, confidence, user_id, indexed_at, embedding)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        collectionId, f.faceId(), f.imageId(), f.externalImageId(), f.box().left(), f.box().top(),
                        f.box().width(), f.box().height(), f.confidence(), f.userId(), f.indexedAtMillis(),
                        bytes(embeddings.get(i)));
            }
        });
        for (int i = 0; i < faces.size(); i++) {
            index.add(faces.get(i).faceId(), embeddings.get(i));
        }
    }

    /** Faces in face-id order after {@code afterFaceId}, optionally only one user's or only the given ids. */
    synchronized List<StoredFace> faces(String collectionId, String userId, Collection<String> faceIds,
                                        String afterFaceId, int limit) {
        StringBuilder sql = new StringBuilder(FACE_COLUMNS + " WHERE collection_id = ? AND face_id > ?");
        List<Object> args = new ArrayList<>(List.of(collectionId, afterFaceId == null ? "" : afterFaceId));
        if (userId != null) {
            sql.append(" AND user_id = ?");
            args.add(userId);
        }
        if (faceIds != null && !faceIds.isEmpty()) {
            sql.append(" AND face_id IN (").append("?,".repeat(faceIds.size() - 1)).append("?)");
            args.addAll(faceIds);
        }
        sql.append(" ORDER BY face_id LIMIT ?");
        args.add(limit);
        List<StoredFace> out = new ArrayList<>();
        query(sql.toString(), rs -> out.add(storedFace(rs)), args.toArray());
        return out;
    }

    /** The stored faces among {@code faceIds}, keyed by id, in the given order. */
    Map<String, StoredFace> facesById(String collectionId, Collection<String> faceIds) {
        Map<String, StoredFace> found = new LinkedHashMap<>();
        if (faceIds.isEmpty()) {
            return found;
        }
        List<StoredFace> faces = faces(collectionId, null, faceIds, null, faceIds.size());
        Map<String, StoredFace> byId = new LinkedHashMap<>();
        faces.forEach(f -> byId.put(f.faceId(), f));
        for (String id : faceIds) {
            if (byId.containsKey(id)) {
                found.put(id, byId.get(id));
            }
        }
        return found;
    }

    synchronized Optional<float[]> embedding(String collectionId, String faceId) {
        List<float[]> out = new ArrayList<>();
        query("SELECT embedding FROM faces WHERE collection_id = ? AND face_id = ?",
                rs -> out.add(floats(rs.getBytes(1))), collectionId, faceId);
        return out.stream().findFirst();
    }

    /** Deletes faces not associated with a user; associated ones are refused, as Rekognition does. */
    synchronized DeleteOutcome deleteFaces(String collectionId, List<String> faceIds) {
        FaceIndex index = index(collectionId);
        Map<String, StoredFace> existing = facesById(collectionId, faceIds);
        List<String> deleted = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (String id : faceIds) {
            StoredFace f = existing.get(id);
            if (f == null) {
                refused.put(id, "FACE_NOT_FOUND");
            } else if (f.userId() != null) {
                refused.put(id, "ASSOCIATED_TO_AN_EXISTING_USER");
            } else if (!deleted.contains(id)) {
                deleted.add(id);
            }
        }
        inTransaction(() -> {
            for (String id : deleted) {
                update("DELETE FROM faces WHERE collection_id = ? AND face_id = ?", collectionId, id);
            }
        });
        deleted.forEach(index::remove);
        return new DeleteOutcome(deleted, refused);
    }

    /** Creates the user; an existing one is a RETRY when {@code token} is the one that created it. */
    synchronized UserChange createUser(String collectionId, String userId, String token, long now) {
        index(collectionId);
        if (user(collectionId, userId).isPresent()) {
            return sameToken(collectionId, userId, "create", token) ? UserChange.RETRY : UserChange.REFUSED;
        }
        inTransaction(() -> {
            update("INSERT INTO users (collection_id, user_id, created_at) VALUES (?, ?, ?)", collectionId, userId,
                    now);
            rememberToken(collectionId, userId, "create", token);
        });
        return UserChange.DONE;
    }

    /**
     * Deletes the user and detaches its faces (the faces stay in the collection); a missing user is a RETRY when
     * {@code token} is the one that deleted it.
     */
    synchronized UserChange deleteUser(String collectionId, String userId, String token) {
        index(collectionId);
        if (user(collectionId, userId).isEmpty()) {
            return sameToken(collectionId, userId, "delete", token) ? UserChange.RETRY : UserChange.REFUSED;
        }
        inTransaction(() -> {
            update("UPDATE faces SET user_id = NULL WHERE collection_id = ? AND user_id = ?", collectionId, userId);
            update("DELETE FROM users WHERE collection_id = ? AND user_id = ?", collectionId, userId);
            rememberToken(collectionId, userId, "delete", token);
        });
        return UserChange.DONE;
    }

    private boolean sameToken(String collectionId, String userId, String operation, String token) {
        if (token == null) {
            return false;
        }
        List<String> stored = new ArrayList<>();
        query("SELECT token FROM user_tokens WHERE collection_id = ? AND user_id = ? AND operation = ?",
                rs -> stored.add(rs.getString(1)), collectionId, userId, operation);
        return stored.contains(token);
    }

    /** Keeps the token of this change and forgets the other operation's (a re-created user is a new user). */
    private void rememberToken(String collectionId, String userId, String operation, String token) {
        update("DELETE FROM user_tokens WHERE collection_id = ? AND user_id = ?", collectionId, userId);
        if (token != null) {
            update("INSERT INTO user_tokens (collection_id, user_id, operation, token) VALUES (?, ?, ?, ?)",
                    collectionId, userId, operation, token);
        }
    }

    synchronized Optional<UserInfo> user(String collectionId, String userId) {
        List<UserInfo> out = new ArrayList<>();
        query("SELECT user_id, (SELECT COUNT(*) FROM faces f WHERE f.collection_id = u.collection_id"
                        + " AND f.user_id = u.user_id) FROM users u WHERE collection_id = ? AND user_id = ?",
                rs -> out.add(new UserInfo(rs.getString(1), rs.getLong(2))), collectionId, userId);
        return out.stream().findFirst();
    }

    synchronized List<UserInfo> users(String collectionId, String afterUserId, int limit) {
        List<UserInfo> out = new ArrayList<>();
        query("SELECT user_id, (SELECT COUNT(*) FROM faces f WHERE f.collection_id = u.collection_id"
                        + " AND f.user_id = u.user_id) FROM users u WHERE collection_id = ? AND user_id > ?"
                        + " ORDER BY user_id LIMIT ?",
                rs -> out.add(new UserInfo(rs.getString(1), rs.getLong(2))), collectionId,
                afterUserId == null ? "" : afterUserId, limit);
        return out;
    }

    /** Sets (or with null clears) the user of the given faces in one transaction. */
    synchronized void setUser(String collectionId, Collection<String> faceIds, String userId) {
        inTransaction(() -> {
            for (String id : faceIds) {
                update("UPDATE faces SET user_id = ? WHERE collection_id = ? AND face_id = ?", userId,
                        collectionId, id);
            }
        });
    }

    @Override
    public synchronized void close() {
        db.close();
    }

    // --- row mapping and SQL shorthands -------------------------------------------------------------------------

    private static final String FACE_COLUMNS = "SELECT face_id, image_id, external_image_id, box_left, box_top,"
            + " box_width, box_height, confidence, user_id, indexed_at FROM faces";

    private static StoredFace storedFace(ResultSet rs) throws SQLException {
        return new StoredFace(rs.getString(1), rs.getString(2), rs.getString(3),
                new Face.BoundingBox(rs.getFloat(4), rs.getFloat(5), rs.getFloat(6), rs.getFloat(7)),
                rs.getFloat(8), rs.getString(9), rs.getLong(10));
    }

    private void query(String sql, SqliteDb.RowHandler handler, Object... args) {
        db.query(sql, handler, args);
    }

    private void update(String sql, Object... args) {
        db.update(sql, args);
    }

    private void inTransaction(Runnable work) {
        db.inTransaction(work);
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] floats(byte[] raw) {
        float[] v = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
