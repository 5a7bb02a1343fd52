package org.sqlite3j.dbapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;


/**
 * {@code Connection.backup(target, pages=, progress=, name=, sleep=)} (CPython's
 * {@code connection.c} backup loop) over what sqlite-jdbc binds — online backup to and from a file
 * name: the source database is copied step by step into a private temporary file (calling
 * {@code progress} after each step, as Python does), then restored into the target connection's
 * {@code main} database, which may be in memory or a file. The temporary file is always deleted.
 */
final class Backup {

    private Backup() {
    }

    static void run(Connection source, Connection target, int pages, Connection.BackupProgress progress, String name,
            double sleep) {
        if (target == source) {
            throw new Sqlite3.ValueError("target cannot be the same connection instance");
        }
        target.checkUsable();
        checkDatabaseName(source, name);
        if (target.inTransaction()) {
            // sqlite3_backup_init refuses a destination with an open transaction; sqlite-jdbc's restore
            // would not report it, and nothing would be copied
            throw ErrorTable.error(ErrorTable.SQLITE_ERROR, "destination database is in use", null);
        }
        int perStep = pages <= 0 ? -1 : pages;
        int sleepMillis = (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.round(sleep * 1000)));
        Path copy;
        try {
            copy = Files.createTempFile("sqlite3j-backup", ".db");
        } catch (IOException e) {
            throw new Sqlite3.OperationalError("cannot create the backup's temporary file: " + e.getMessage());
        }
        try {
            Exception[] failure = new Exception[1];
            java.util.function.BiConsumer<Integer, Integer> observer = progress == null ? null : (remaining, total) -> {
                if (failure[0] == null) {
                    try {
                        progress.call(remaining == 0 ? ErrorTable.SQLITE_DONE : ErrorTable.SQLITE_OK,
                                remaining, total);
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                }
            };
            int rc = source.engine().backup(name, copy.toString(), observer, sleepMillis, perStep);
            if (failure[0] != null) {
                throw failure[0] instanceof RuntimeException ? (RuntimeException) failure[0]
                        : new Sqlite3.OperationalError("the backup's progress callback failed: " + failure[0]);
            }
            check(rc, "backing up " + name);
            int restored = target.engine().restore(copy.toString(), sleepMillis);
            check(restored, "restoring into the target");
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp directory
            }
        }
    }

    private static void checkDatabaseName(Connection con, String name) {
        if ("temp".equalsIgnoreCase(name) || "main".equalsIgnoreCase(name)) {
            return; // always there, even before the temp database has been created
        }
        for (Row row : con.execute("PRAGMA database_list")) {
            if (name.equalsIgnoreCase((String) row.get(1))) {
                return;
            }
        }
        throw ErrorTable.error(ErrorTable.SQLITE_ERROR, "unknown database " + name, null);
    }

    private static void check(int rc, String what) {
        if (rc != ErrorTable.SQLITE_OK && rc != ErrorTable.SQLITE_DONE) {
            throw ErrorTable.error(rc, what + " failed: " + ErrorTable.errorName(rc), null);
        }
    }
}
