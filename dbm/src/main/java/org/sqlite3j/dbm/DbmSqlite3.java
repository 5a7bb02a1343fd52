package org.sqlite3j.dbm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Cursor;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * {@code dbm.sqlite3} (Python 3.13's default dbm), on this project's {@code sqlite3} façade: one table
 * {@code Dict(key BLOB UNIQUE NOT NULL, value BLOB NOT NULL)}, keys and values bound as
 * {@code CAST(? AS BLOB)}, {@code REPLACE INTO} on store — the same SQL as CPython's
 * {@code Lib/dbm/sqlite3.py}, so the files are interchangeable both ways.
 *
 * <p>Opening: the file is opened by URI ({@code file:/abs/path?mode=ro|rw|rwc} for flags r, w, c, n),
 * with {@code autocommit=True}: every store and delete is its own transaction, as in CPython. Flag "c"
 * touches the file (created with {@code mode}, umask applied), "n" deletes and recreates it; WAL
 * journal mode is attempted and its failure ignored; "c" and "n" create the table if it is missing.
 * As in CPython the handle belongs to the thread that opened it.
 *
 * <p>Errors are {@link Dbm.SqliteError} ({@code dbm.sqlite3.error}) with SQLite's message as CPython
 * shows it: "DBM object has already been closed", "attempt to write a readonly database",
 * "unable to open database file". A flag other than r, w, c, n is {@link Dbm.ValueError}. A file that
 * is not an SQLite database is, as in CPython, {@code sqlite3.DatabaseError} ("file is not a
 * database": {@link Sqlite3.DatabaseError}, not a {@link Dbm.Error}) from {@code open}.
 *
 * <p>Java extras, which Python's dbm.sqlite3 lacks: {@link #transaction(Consumer)} runs many
 * operations in one SQLite transaction (all or nothing, and much faster than one commit per store), and
 * {@link #update(Map)} stores a whole map in one transaction. {@link #sync()}, which CPython's object
 * does not have, does nothing: every change is already committed.
 */
public final class DbmSqlite3 extends DbmFile {

    static final String BUILD_TABLE = "\n  CREATE TABLE IF NOT EXISTS Dict (\n    key BLOB UNIQUE NOT NULL,\n"
            + "    value BLOB NOT NULL\n  )\n";
    static final String GET_SIZE = "SELECT COUNT (key) FROM Dict";
    static final String LOOKUP_KEY = "SELECT value FROM Dict WHERE key = CAST(? AS BLOB)";
    static final String STORE_KV = "REPLACE INTO Dict (key, value) VALUES (CAST(? AS BLOB), CAST(? AS BLOB))";
    static final String DELETE_KEY = "DELETE FROM Dict WHERE key = CAST(? AS BLOB)";
    static final String ITER_KEYS = "SELECT key FROM Dict";

    static final String ERR_CLOSED = "DBM object has already been closed";

    private Connection cx;
    private final boolean readonly;
    private int transactionDepth;

    private DbmSqlite3(Connection cx, boolean readonly) {
        this.cx = cx;
        this.readonly = readonly;
    }

    /** {@code dbm.sqlite3.open(file)}: read-only. */
    public static DbmSqlite3 open(Path file) {
        return open(file, "r", 0666);
    }

    /** {@code dbm.sqlite3.open(file, flag)}. */
    public static DbmSqlite3 open(Path file, String flag) {
        return open(file, flag, 0666);
    }

    /**
     * {@code dbm.sqlite3.open(file, flag, mode)}: flag "r" (existing, read-only), "w" (existing,
     * read-write), "c" (created when missing), "n" (always new and empty); {@code mode} is the Unix
     * permission of a file this creates (the umask applies).
     *
     * @throws Dbm.ValueError for another flag, with CPython's message
     * @throws Dbm.SqliteError when SQLite cannot open the file
     */
    public static DbmSqlite3 open(Path file, String flag, int mode) {
        if (file == null) {
            throw new Dbm.TypeError("expected str, bytes or os.PathLike object, not NoneType");
        }
        String uriMode = switch (flag == null ? "" : flag) {
            case "r" -> "ro";
            case "w" -> "rw";
            case "c" -> {
                touch(file, mode, false);
                yield "rwc";
            }
            case "n" -> {
                touch(file, mode, true);
                yield "rwc";
            }
            default -> throw new Dbm.ValueError("Flag must be one of 'r', 'w', 'c', or 'n', not "
                    + (flag == null ? "None" : OsErrors.strRepr(flag)));
        };
        String uri = normalizeUri(file) + "?mode=" + uriMode;
        Connection cx;
        try {
            cx = Sqlite3.connect(uri, ConnectOptions.defaults().uri(true).autocommit(true));
        } catch (Sqlite3.Error e) {
            throw new Dbm.SqliteError(e.getMessage(), e);
        }
        DbmSqlite3 db = new DbmSqlite3(cx, "ro".equals(uriMode));
        try {
            cx.execute("PRAGMA journal_mode = wal").close();   // an optimisation only, as in CPython
        } catch (Sqlite3.OperationalError ignored) {
            // ok
        } catch (RuntimeException e) {
            db.close();   // CPython lets this one through as it is: sqlite3.DatabaseError for a non-database
            throw e;
        }
        if ("rwc".equals(uriMode)) {
            try {
                db.execute(BUILD_TABLE).close();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }
        return db;
    }

    /** Python's {@code Path(p).touch(mode=mode)}, after {@code unlink(missing_ok=True)} when {@code fresh}. */
    private static void touch(Path file, int mode, boolean fresh) {
        try {
            if (fresh) {
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new Dbm.SqliteError("[Errno 21] Is a directory: " + OsErrors.strRepr(file.toString()));
                }
                Files.deleteIfExists(file);
            } else if (Files.exists(file)) {
                try {
                    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
                    return;   // pathlib: bumping the time of an existing file is all of touch()
                } catch (IOException ignored) {
                    // then create, as pathlib does
                }
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && OsErrors.posix(parent)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OsErrors.permissions(mode)));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // exist_ok
        } catch (IOException e) {
            throw new Dbm.SqliteError(OsErrors.message(e, file, false), e);
        }
    }

    /**
     * CPython's {@code _normalize_uri}: the absolute path as a {@code file:} URI, its UTF-8 bytes
     * percent-encoded except letters, digits, {@code _.-~} and {@code /}, then every {@code //} made
     * {@code /}.
     */
    static String normalizeUri(Path file) {
        byte[] path = file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("file://");
        for (byte b : path) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == '-' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        String uri = sb.toString();
        while (uri.contains("//")) {
            uri = uri.replace("//", "/");
        }
        return uri;
    }

    @Override
    public String backend() {
        return "dbm.sqlite3";
    }

    private Cursor execute(String sql, Object... params) {
        if (cx == null) {
            throw new Dbm.SqliteError(ERR_CLOSED);
        }
        try {
            return cx.execute(sql, params);
        } catch (Sqlite3.Error | Sqlite3.ValueError | Sqlite3.TypeError e) {
            throw new Dbm.SqliteError(e.getMessage(), e);
        }
    }

    @Override
    protected int count() {
        try (Cursor cu = execute(GET_SIZE)) {
            return ((Number) cu.fetchone().get(0)).intValue();
        }
    }

    @Override
    protected byte[] fetch(byte[] key) {
        try (Cursor cu = execute(LOOKUP_KEY, (Object) key)) {
            Row row = cu.fetchone();
            return row == null ? null : bytes(row.get(0));
        } catch (Sqlite3.Error e) {
            throw new Dbm.SqliteError(e.getMessage(), e);
        }
    }

    @Override
    protected void store(byte[] key, byte[] value) {
        execute(STORE_KV, key, value).close();
    }

    @Override
    protected boolean delete(byte[] key) {
        try (Cursor cu = execute(DELETE_KEY, (Object) key)) {
            return cu.rowcount() != 0;
        }
    }

    @Override
    protected List<byte[]> keyList() {
        List<byte[]> keys = new ArrayList<>();
        try (Cursor cu = execute(ITER_KEYS)) {
            for (Row row : cu) {
                keys.add(bytes(row.get(0)));
            }
        } catch (Sqlite3.Error e) {
            throw new Dbm.SqliteError(e.getMessage(), e);
        }
        return keys;
    }

    /** A column's value as bytes: BLOBs as they are; TEXT (written by another program) as UTF-8. */
    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        return String.valueOf(v).getBytes(StandardCharsets.UTF_8);
    }

    /** Nothing to write (every change is committed as it is made); checks that the handle is open. */
    @Override
    public void sync() {
        if (cx == null) {
            throw new Dbm.SqliteError(ERR_CLOSED);
        }
    }

    /** {@code db.close()}; a second close does nothing. A transaction still open is rolled back. */
    @Override
    public void close() {
        if (cx != null) {
            Connection c = cx;
            cx = null;
            c.close();
        }
    }

    /**
     * Java extra: runs {@code body} in one SQLite transaction ({@code BEGIN IMMEDIATE} ... {@code COMMIT};
     * plain {@code BEGIN} on a read-only handle). When {@code body} throws, everything it stored or
     * deleted is rolled back and the exception is rethrown. A transaction inside a transaction joins
     * the outer one.
     *
     * <pre>{@code
     * try (DbmSqlite3 db = DbmSqlite3.open(path, "c")) {
     *     db.transaction(d -> {
     *         for (int i = 0; i < 10_000; i++) d.put("k" + i, "v" + i);   // one commit
     *     });
     * }
     * }</pre>
     */
    public void transaction(Consumer<? super DbmSqlite3> body) {
        if (body == null) {
            throw new Dbm.TypeError("transaction body must not be null");
        }
        if (transactionDepth > 0) {
            body.accept(this);
            return;
        }
        execute(readonly ? "BEGIN" : "BEGIN IMMEDIATE").close();
        transactionDepth++;
        boolean done = false;
        try {
            body.accept(this);
            done = true;
        } finally {
            transactionDepth--;
            if (cx != null) {
                if (done) {
                    try {
                        execute("COMMIT").close();
                    } catch (RuntimeException e) {
                        rollbackQuietly(e);
                        throw e;
                    }
                } else {
                    rollbackQuietly(null);
                }
            }
        }
    }

    private void rollbackQuietly(RuntimeException cause) {
        try {
            execute("ROLLBACK").close();
        } catch (RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    /** {@code db.update(mapping)}, in one transaction (a Java extra: CPython commits each item). */
    @Override
    public void update(Map<?, ?> items) {
        if (items != null && items.isEmpty()) {
            return;   // as Python: nothing to do, not even on a closed handle
        }
        transaction(d -> d.updateEach(items));
    }

    private void updateEach(Map<?, ?> items) {
        super.update(items);
    }

    /** {@code db.clear()}, in one transaction. */
    @Override
    public void clear() {
        transaction(d -> d.clearEach());
    }

    private void clearEach() {
        super.clear();
    }
}
