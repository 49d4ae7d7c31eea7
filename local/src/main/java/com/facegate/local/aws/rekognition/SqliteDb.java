package com.facegate.local.aws.rekognition;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQLite connection set up for durability: WAL journal, {@code synchronous=FULL} (a commit is on disk when it
 * returns), integrity checked on open. Not thread-safe by itself; {@link CollectionStore} serialises access.
 */
final class SqliteDb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDb.class);

    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private final Connection db;

    private SqliteDb(Connection db) {
        this.db = db;
    }

    static SqliteDb open(Path file, String... schema) throws IOException {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                    String check = rs.next() ? rs.getString(1) : "no result";
                    if (!"ok".equals(check)) {
                        db.close();
                        throw new IOException("Database " + file + " is corrupt: " + check);
                    }
                }
                for (String ddl : schema) {
                    s.execute(ddl);
                }
            }
            return new SqliteDb(db);
        } catch (SQLException e) {
            throw new IOException("Cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    void query(String sql, RowHandler handler, Object... args) {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                handler.row(rs);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    void update(String sql, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs the work as one transaction: all of it is committed (durably) or none of it. */
    void inTransaction(Runnable work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = db.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private static RuntimeException failure(SQLException e) {
        LOG.error("Face collection storage failed: {}", e.getMessage());
        return RekognitionErrors.internal();
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("Closing the face collection database failed: {}", e.getMessage());
        }
    }
}
