package org.sqlite3j.dbapi;

import java.lang.ref.WeakReference;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.sqlite3j.driver.internal.Quote;

/**
 * Python's {@code sqlite3.Blob}: incremental I/O on one BLOB (or TEXT) value, the object that
 * {@code con.blobopen(table, column, row, *, readonly=False, name="main")} returns.
 *
 * <pre>{@code
 * con.execute("CREATE TABLE t(b BLOB)");
 * con.execute("INSERT INTO t VALUES (zeroblob(13))");
 * try (Blob blob = con.blobopen("t", "b", 1)) {  // readonly=False, name="main"
 *     blob.write("hello, ".getBytes());
 *     blob.write("world".getBytes());
 *     blob.seek(0);
 *     byte[] greeting = blob.read();          // "hello, world\0"
 *     int h = blob.get(0);                    // blob[0] == 104
 *     blob.set(0, 5, "HELLO".getBytes());     // blob[0:5] = b"HELLO"
 * }
 * }</pre>
 *
 * <p>Like a Python file, the blob has a current offset that {@link #read(int)} and
 * {@link #write(byte[])} advance and {@link #seek(int, int)} moves; {@link #get(int)} and
 * {@link #set(int, int)} (Python's {@code blob[i]}) and the slice forms (Python's
 * {@code blob[start:stop:step]}) use absolute positions and leave the offset alone. The size of
 * the value is fixed when the blob opens: nothing here can make it longer or shorter.
 *
 * <h2>Emulated over SQL</h2>
 *
 * sqlite-jdbc does not bind {@code sqlite3_blob_open/read/write}, so this class gives CPython's
 * observable behaviour with SQL on the row, addressed by rowid:
 * <ul>
 * <li>opening checks what {@code sqlite3_blob_open} checks, in its order and with its messages
 *     ({@code no such table: main.x}, {@code no such column: "x"}, {@code cannot open view: x},
 *     {@code cannot open virtual table: x}, {@code cannot open table without rowid: x},
 *     {@code cannot open indexed column for writing}, {@code cannot open foreign key column for
 *     writing} (only while {@code PRAGMA foreign_keys} is on), {@code no such rowid: N},
 *     {@code cannot open value of type null|integer|real}), all {@link Sqlite3.OperationalError}
 *     with SQLITE_ERROR; a blob opened for writing also starts and ends an empty write, so that a
 *     read-only or locked database fails at open, as it does in CPython;</li>
 * <li>a read is {@code SELECT substr(CAST(col AS BLOB), offset + 1, n)}; a write is an
 *     {@code UPDATE} that splices the new bytes between the unchanged ones. Both work on the raw
 *     bytes of the value in the database's encoding, and a TEXT value stays TEXT (even when the
 *     bytes written are not valid text), as with SQLite's blob I/O;</li>
 * <li>these statements run on the connection directly, so they are not traced, do not go through
 *     the statement cache, and never issue the implicit {@code BEGIN} of legacy transaction
 *     control: as in CPython, writing to a blob opens no transaction and {@code inTransaction()}
 *     stays false. Inside a transaction a write belongs to it.</li>
 * </ul>
 *
 * <h2>A blob whose row changes</h2>
 *
 * In SQLite, changing or deleting the row by any statement of the connection expires the blob:
 * its next read or write raises {@link Sqlite3.OperationalError} "query aborted" (SQLITE_ABORT),
 * after which {@link #length()} is 0. A ROLLBACK trips a blob opened for writing: every read and
 * write then raises "abort due to ROLLBACK" (SQLITE_ABORT_ROLLBACK) while the length stays. This
 * class reproduces that from SQLite's update and rollback hooks and from a guard on every
 * statement it runs ({@code WHERE rowid = ? AND typeof(col) = ? AND octet_length(col) = ?}):
 * <ul>
 * <li>detected: any INSERT, UPDATE (of any column, even to the same value) or DELETE of the row by
 *     this connection, including those made by triggers, {@code REPLACE} and the delete-all
 *     optimisation; a row that moved to another rowid or disappeared; a change of its type or
 *     length by anyone. As in SQLite, a write through a blob expires no blob, not even others open
 *     on the same row, which see the new bytes;</li>
 * <li>ROLLBACK: a blob opened for writing is tripped when a rollback ends a transaction in which
 *     this blob was used, or one that changed rows since this blob was last used; not detected: a
 *     ROLLBACK of a transaction that began after the blob's last use and changed nothing, and
 *     {@code ROLLBACK TO} a savepoint (in CPython the latter cannot even start while a blob is
 *     open for writing);</li>
 * <li>not detected: a change made by another connection that keeps the value's type and length
 *     (CPython's blob holds a read lock that keeps other connections from writing at all in
 *     rollback-journal mode; this class holds no lock between calls).</li>
 * </ul>
 *
 * <h2>Other differences from CPython</h2>
 * <ul>
 * <li>Every read or write costs a statement that loads the whole value, so many small reads of a
 *     large value are slower than with real blob I/O; read or write in large chunks.</li>
 * <li>A write is an UPDATE: the table's UPDATE triggers and CHECK constraints run, stored generated
 *     columns are recomputed, {@code totalChanges()} counts it, and a TEXT value written into a
 *     column of NUMERIC, INTEGER or REAL affinity goes through that affinity (bytes that spell a
 *     number become a number, and the blob then reports "query aborted"). SQLite's blob I/O does
 *     none of that. Generated columns and {@code sqlite_schema} can be opened but not written
 *     (SQLite's error for the UPDATE is raised by the write).</li>
 * <li>SQLite's own quirks are not reproduced: it refuses values stored before an
 *     {@code ALTER TABLE ADD COLUMN} (reporting "null") and reads the wrong column of tables that
 *     have VIRTUAL generated columns; this class reads the value SQL sees.</li>
 * <li>An open blob does not keep a statement running, and so holds no transaction of its own.
 *     Outside a transaction each write is committed at once: other connections see it, and a
 *     later ROLLBACK does not undo it. CPython's blob keeps its writes in the transaction of its
 *     statement until it is closed: other connections see them (and can write) only then, and a
 *     ROLLBACK before that undoes them. For the same reason COMMIT and SAVEPOINT succeed here where
 *     CPython reports "SQL statements in progress", and other connections are not locked out
 *     while a blob is open.</li>
 * <li>Where CPython 3.13 fails with SystemError (a slice with a negative step, a read at a
 *     non-zero offset of an expired blob), this class gives Python's slice result and an empty
 *     read.</li>
 * <li>Python's omitted slice bounds are written as 0 and {@link Integer#MAX_VALUE} (or, for a
 *     negative step, {@link Integer#MAX_VALUE} and {@link Integer#MIN_VALUE}), which
 *     Python's slice rules treat the same way.</li>
 * </ul>
 *
 * <p>Like every object of this module a blob is used by one thread at a time, the connection's
 * thread unless it was opened with {@code checkSameThread(false)}. {@link #close()} is idempotent
 * while the connection is open; every other call after it raises {@link Sqlite3.ProgrammingError}
 * "Cannot operate on a closed blob.", and every call (close included) after the connection has
 * closed raises "Cannot operate on a closed database.". Close blobs (try-with-resources): an
 * unclosed blob keeps its hooks and statements on the connection until the connection closes.
 */
public final class Blob implements AutoCloseable {

    /** {@code os.SEEK_SET}: {@link #seek(int, int)} from the start of the blob. */
    public static final int SEEK_SET = 0;
    /** {@code os.SEEK_CUR}: {@link #seek(int, int)} from the current offset. */
    public static final int SEEK_CUR = 1;
    /** {@code os.SEEK_END}: {@link #seek(int, int)} from the end of the blob. */
    public static final int SEEK_END = 2;

    private static final int SQLITE_ABORT_ROLLBACK = SqliteCodes.SQLITE_ABORT_ROLLBACK;

    /**
     * The engine whose blob write (an UPDATE) is running on this thread. SQLite's blob writes
     * change the row in place and expire no blob, so the update hook's report of that UPDATE (and
     * of whatever its triggers do) must not expire any blob of the connection. Hooks run on the
     * thread of the statement, hence a thread-local.
     */
    private static final ThreadLocal<Engine> WRITING = new ThreadLocal<>();

    private static final int CHECK = 0;
    private static final int READ = 1;
    private static final int WRITE = 2;

    private final Connection con;
    private final Engine engine;
    private final boolean readonly;
    private final long row;
    /** The schema and table as SQLite names them, for the update hook. */
    private final String schemaName;
    private final String tableName;
    /** "blob" or "text": the value's type, fixed at open. */
    private final String type;
    private final String[] sql = new String[3];
    private final Handle[] statements = new Handle[3];
    private final Watch watch;

    /** {@code sqlite3_blob_bytes}: the length at open, 0 once the blob has expired. */
    private int length;
    private int offset;
    private boolean closed;
    /** SQLite finalized the blob's statement after reporting SQLITE_ABORT. */
    private boolean expired;
    /** What the hooks saw since the last call: 0, SQLITE_ABORT or SQLITE_ABORT_ROLLBACK. */
    private volatile int pending;
    /** Whether a transaction was open when this blob last ran a statement. */
    private volatile boolean usedInTransaction;
    /** {@code total_changes()} when this blob last ran a statement or a transaction committed. */
    private volatile long changesMark;

    /**
     * {@code con.blobopen(table, column, row, readonly=readonly, name=name)}: opens the value in
     * column {@code column} of the row whose rowid is {@code row} in table {@code table} of the
     * database {@code name} ("main", "temp" or the name of an attached database). Names are
     * matched without regard to ASCII case, as SQLite does.
     *
     * @throws Sqlite3.TypeError        "blobopen() argument 1 must be str, not None" (2 for the
     *                                  column, 'name' for the database)
     * @throws Sqlite3.ValueError       "embedded null character" in a name
     * @throws Sqlite3.ProgrammingError the connection is closed or belongs to another thread
     * @throws Sqlite3.OperationalError as {@code sqlite3_blob_open} (see the class comment), or
     *                                  "attempt to write a readonly database" when a blob for
     *                                  writing is opened on a read-only database
     */
    Blob(Connection con, String table, String column, long row, boolean readonly, String name) {
        this.con = Objects.requireNonNull(con, "con");
        Arguments.name(table, "blobopen() argument 1");
        Arguments.name(column, "blobopen() argument 2");
        Arguments.name(name, "blobopen() argument 'name'");
        con.checkUsable();
        this.engine = con.engine();
        this.readonly = readonly;
        this.row = row;

        // The table: sqlite3LocateTable, then the kinds of table blob I/O refuses.
        String lookup = schemaTableAlias(name, table);
        Object[] found = queryOne("SELECT schema, name, type, wr FROM pragma_table_list"
                + " WHERE schema = ?1 COLLATE NOCASE AND name = ?2 COLLATE NOCASE", name, lookup);
        if (found == null) {
            throw error(isEponymousTable(name, table)
                    ? "cannot open virtual table: " + table
                    : "no such table: " + name + "." + table);
        }
        schemaName = (String) found[0];
        tableName = (String) found[1];
        String kind = (String) found[2];
        if ("virtual".equals(kind)) {
            throw error("cannot open virtual table: " + table);
        }
        if (((Long) found[3]) != 0) {
            throw error("cannot open table without rowid: " + table);
        }
        if ("view".equals(kind)) {
            throw error("cannot open view: " + table);
        }

        // The column.
        List<Object[]> columns = queryAll("SELECT cid, name, type, pk FROM pragma_table_xinfo(?1, ?2)",
                tableName, schemaName);
        Object[] col = null;
        int primaryKeyColumns = 0;
        for (Object[] c : columns) {
            if (asciiEqualsIgnoreCase((String) c[1], column)) {
                col = c;
            }
            if (((Long) c[3]) > 0) {
                primaryKeyColumns++;
            }
        }
        if (col == null) {
            throw error("no such column: \"" + column + "\"");
        }
        long cid = (Long) col[0];
        boolean rowidAlias = primaryKeyColumns == 1 && ((Long) col[3]) == 1
                && "INTEGER".equalsIgnoreCase(String.valueOf(col[2]).trim());
        String target = quote(schemaName) + "." + quote(tableName);
        String c = quote((String) col[1]);
        String rowid = rowidName(columns, table);

        // Writing: sqlite3_blob_open's checks, then the write lock it takes.
        if (!readonly) {
            String fault = null;
            Object[] fk = queryOne("PRAGMA foreign_keys");
            if (fk != null && ((Long) fk[0]) != 0
                    && queryOne("SELECT 1 FROM pragma_foreign_key_list(?1, ?2)"
                            + " WHERE \"from\" = ?3 COLLATE NOCASE", tableName, schemaName, column) != null) {
                fault = "foreign key";
            }
            if (queryOne("SELECT 1 FROM pragma_index_list(?1, ?2) AS il"
                    + " JOIN pragma_index_info(il.name, ?2) AS ii WHERE ii.cid = ?3 OR ii.cid = -2",
                    tableName, schemaName, cid) != null) {
                fault = "indexed";
            }
            if (fault != null) {
                throw error("cannot open " + fault + " column for writing");
            }
            probeWrite("UPDATE " + target + " SET " + c + " = " + c + " WHERE 0");
        }

        // The row and its value.
        Object[] value = queryOne("SELECT typeof(" + c + "), octet_length(" + c + ") FROM " + target
                + " WHERE " + rowid + " = ?1", row);
        if (value == null) {
            throw error("no such rowid: " + row);
        }
        String valueType = rowidAlias ? "null" : (String) value[0];
        if (!"blob".equals(valueType) && !"text".equals(valueType)) {
            throw error("cannot open value of type " + valueType);
        }
        this.type = valueType;
        this.length = (int) (long) (Long) value[1];

        boolean utf8 = "UTF-8".equalsIgnoreCase(String.valueOf(queryOne("PRAGMA encoding")[0]));
        // Every statement checks that the row still holds a value of the type and length opened.
        String guard = " WHERE " + rowid + " = ?1 AND typeof(" + c + ") = ?2 AND octet_length(" + c
                + ") = ?3";
        sql[CHECK] = "SELECT 1 FROM " + target + guard;
        sql[READ] = "SELECT substr(CAST(" + c + " AS BLOB), ?4, ?5) FROM " + target + guard;
        String bytes = "text".equals(type) ? "CAST(" + c + " AS BLOB)" : c;
        String splice;
        if (utf8) {
            // || joins raw bytes (its result is TEXT); a BLOB value is cast back.
            splice = "substr(" + bytes + ", 1, ?4) || ?5 || substr(" + bytes + ", ?6)";
            splice = "text".equals(type) ? splice : "CAST(" + splice + " AS BLOB)";
        } else {
            // In a UTF-16 database || drops a trailing odd byte: join hex digits instead.
            splice = "unhex(hex(substr(" + bytes + ", 1, ?4)) || hex(?5) || hex(substr(" + bytes
                    + ", ?6)))";
            splice = "text".equals(type) ? "CAST(" + splice + " AS TEXT)" : splice;
        }
        sql[WRITE] = "UPDATE " + target + " SET " + c + " = " + splice + guard;

        settle();
        watch = new Watch(this);
        engine.watch(watch);
    }

    // ---------------------------------------------------------------------------------------------
    // Python's Blob API
    // ---------------------------------------------------------------------------------------------

    /** {@code blob.read()}: the bytes from the current offset to the end; the offset moves to the end. */
    public byte[] read() {
        return read(-1);
    }

    /**
     * {@code blob.read(length)}: up to {@code length} bytes from the current offset (all the rest
     * when {@code length} is negative or more than what is left), advancing the offset by as many.
     * At the end of the blob it returns an empty array without touching the database.
     *
     * @throws Sqlite3.OperationalError "query aborted" / "abort due to ROLLBACK" (see the class comment)
     */
    public byte[] read(int length) {
        check();
        int max = size() - offset;
        int n = length < 0 || length > max ? max : length;
        if (n <= 0) {
            return new byte[0];
        }
        byte[] data = access(n, offset);
        offset += n;
        return data;
    }

    /**
     * {@code blob.write(data)}: writes {@code data} at the current offset and advances it. The
     * blob's length cannot change.
     *
     * @throws Sqlite3.TypeError        for null: "a bytes-like object is required, not 'NoneType'"
     * @throws Sqlite3.ValueError       "data longer than blob length" when it does not fit before the end
     * @throws Sqlite3.OperationalError "attempt to write a readonly database" for a read-only blob;
     *                                  "query aborted" / "abort due to ROLLBACK"; the UPDATE's own errors
     */
    public void write(byte[] data) {
        requireBytes(data);
        check();
        if ((long) data.length > (long) size() - offset) {
            throw new Sqlite3.ValueError("data longer than blob length");
        }
        store(data, offset);
        offset += data.length;
    }

    /** {@code blob.seek(offset)}: moves the offset to {@code offset} from the start. */
    public void seek(int offset) {
        seek(offset, SEEK_SET);
    }

    /**
     * {@code blob.seek(offset, origin)}: moves the offset relative to the start
     * ({@link #SEEK_SET}), the current offset ({@link #SEEK_CUR}) or the end ({@link #SEEK_END}).
     *
     * @throws Sqlite3.ValueError    "offset out of blob range" outside 0..length;
     *                               "'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END"
     * @throws Sqlite3.OverflowError "seek offset results in overflow" past {@link Integer#MAX_VALUE}
     */
    public void seek(int offset, int origin) {
        check();
        int size = size();
        long target;
        switch (origin) {
            case SEEK_SET:
                target = offset;
                break;
            case SEEK_CUR:
                if (offset > Integer.MAX_VALUE - this.offset) {
                    throw new Sqlite3.OverflowError("seek offset results in overflow");
                }
                target = (long) this.offset + offset;
                break;
            case SEEK_END:
                if (offset > Integer.MAX_VALUE - size) {
                    throw new Sqlite3.OverflowError("seek offset results in overflow");
                }
                target = (long) size + offset;
                break;
            default:
                throw new Sqlite3.ValueError(
                        "'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END");
        }
        if (target < 0 || target > size) {
            throw new Sqlite3.ValueError("offset out of blob range");
        }
        this.offset = (int) target;
    }

    /** {@code blob.tell()}: the current offset. */
    public int tell() {
        check();
        return offset;
    }

    /** {@code len(blob)}: the length in bytes (0 once the blob has expired, as in SQLite). */
    public int length() {
        check();
        return size();
    }

    /**
     * {@code blob[index]}: the byte at {@code index} (negative: from the end) as 0..255.
     *
     * @throws Sqlite3.IndexError       "Blob index out of range"
     * @throws Sqlite3.OperationalError "query aborted" / "abort due to ROLLBACK"
     */
    public int get(int index) {
        check();
        int i = index(index);
        return access(1, i)[0] & 0xFF;
    }

    /** {@code blob[start:stop]}: the bytes of the slice, by Python's slice rules. */
    public byte[] get(int start, int stop) {
        return get(start, stop, 1);
    }

    /**
     * {@code blob[start:stop:step]}: the bytes of the slice, by Python's slice rules (negative
     * bounds count from the end, bounds are clipped to the blob, a negative step walks backwards).
     *
     * @throws Sqlite3.ValueError       "slice step cannot be zero"
     * @throws Sqlite3.OperationalError "query aborted" / "abort due to ROLLBACK"
     */
    public byte[] get(int start, int stop, int step) {
        check();
        Slice s = slice(start, stop, step);
        if (step == 1 || s.count == 0) {
            // CPython reads even an empty slice, so an expired blob reports it.
            return access(s.count, step == 1 ? s.start : Math.max(0, Math.min(s.start, size())));
        }
        byte[] window = access(s.span(), s.low());
        byte[] out = new byte[s.count];
        for (int i = 0; i < s.count; i++) {
            out[i] = window[s.position(i) - s.low()];
        }
        return out;
    }

    /**
     * {@code blob[index] = value}.
     *
     * @throws Sqlite3.IndexError       "Blob index out of range"
     * @throws Sqlite3.ValueError       "byte must be in range(0, 256)"
     * @throws Sqlite3.OperationalError as {@link #write(byte[])}
     */
    public void set(int index, int value) {
        check();
        int i = index(index);
        if (value < 0 || value > 255) {
            throw new Sqlite3.ValueError("byte must be in range(0, 256)");
        }
        store(new byte[] {(byte) value}, i);
    }

    /** {@code blob[start:stop] = data}; see {@link #set(int, int, int, byte[])}. */
    public void set(int start, int stop, byte[] data) {
        set(start, stop, 1, data);
    }

    /**
     * {@code blob[start:stop:step] = data}: replaces the bytes of the slice, which must be exactly
     * as many as {@code data} holds. An empty slice accepts anything and does nothing, as in
     * CPython 3.13.
     *
     * @throws Sqlite3.ValueError       "slice step cannot be zero"
     * @throws Sqlite3.TypeError        for null data: "a bytes-like object is required, not 'NoneType'"
     * @throws Sqlite3.IndexError       "Blob slice assignment is wrong size"
     * @throws Sqlite3.OperationalError as {@link #write(byte[])}
     */
    public void set(int start, int stop, int step, byte[] data) {
        check();
        Slice s = slice(start, stop, step);
        if (s.count == 0) {
            return;
        }
        requireBytes(data);
        if (data.length != s.count) {
            throw new Sqlite3.IndexError("Blob slice assignment is wrong size");
        }
        if (step == 1) {
            store(data, s.start);
            return;
        }
        byte[] window = access(s.span(), s.low());
        for (int i = 0; i < s.count; i++) {
            window[s.position(i) - s.low()] = data[i];
        }
        store(window, s.low());
    }

    /**
     * {@code blob.close()}: closes the blob; closing it again does nothing.
     *
     * @throws Sqlite3.ProgrammingError "Cannot operate on a closed database." once the connection
     *                                  has closed, and the thread error from another thread, as
     *                                  CPython
     */
    @Override
    public void close() {
        checkConnection();
        if (closed) {
            return;
        }
        closed = true;
        engine.unwatch(watch);
        for (int i = 0; i < statements.length; i++) {
            if (statements[i] != null) {
                engine.close(statements[i]);
                statements[i] = null;
            }
        }
    }

    @Override
    public String toString() {
        return "<sqlite3.Blob " + (schemaName == null ? "" : schemaName + "." + tableName) + " rowid "
                + row + (closed ? " (closed)" : "") + ">";
    }

    // ---------------------------------------------------------------------------------------------
    // The blob's "SQLite calls": sqlite3_blob_read and sqlite3_blob_write over SQL
    // ---------------------------------------------------------------------------------------------

    /** sqlite3_blob_read: {@code n} bytes at {@code at}; an empty read still checks the row. */
    private byte[] access(int n, int at) {
        gate();
        if (n == 0) {
            verify();
            return new byte[0];
        }
        Object[] r = run(READ, 1, row, type, (long) length, at + 1, n);
        if (r == null) {
            throw expire();
        }
        settle();
        return (byte[]) r[0];
    }

    /** sqlite3_blob_write: {@code data} at {@code at} (the caller checked that it fits). */
    private void store(byte[] data, int at) {
        gate();
        if (readonly || data.length == 0) {
            verify();
            if (readonly) {
                throw new Sqlite3.OperationalError("attempt to write a readonly database",
                        ErrorTable.SQLITE_READONLY, "SQLITE_READONLY", null);
            }
            return;
        }
        long changed;
        WRITING.set(engine);
        try {
            run(WRITE, 0, row, type, (long) length, at, data, at + data.length + 1);
            changed = engine.changes();
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        } finally {
            WRITING.remove();
        }
        if (changed == 0) {
            throw expire();
        }
        settle();
    }

    /** An empty access: fails as SQLite does when the row has changed. */
    private void verify() {
        if (run(CHECK, 1, row, type, (long) length) == null) {
            throw expire();
        }
        settle();
    }

    /** What SQLite's blob handle would report before touching the row. */
    private void gate() {
        if (expired) {
            throw aborted(ErrorTable.SQLITE_ABORT);
        }
        int p = pending;
        if (p == ErrorTable.SQLITE_ABORT) {
            throw expire();
        }
        if (p == SQLITE_ABORT_ROLLBACK) {
            throw aborted(SQLITE_ABORT_ROLLBACK);
        }
    }

    /** SQLite finalizes an aborted blob's statement: the length becomes 0 and stays aborted. */
    private Sqlite3.OperationalError expire() {
        expired = true;
        pending = 0;
        length = 0;
        return aborted(ErrorTable.SQLITE_ABORT);
    }

    private static Sqlite3.OperationalError aborted(int code) {
        return code == ErrorTable.SQLITE_ABORT
                ? new Sqlite3.OperationalError("query aborted", code, "SQLITE_ABORT", null)
                : new Sqlite3.OperationalError("abort due to ROLLBACK", code, "SQLITE_ABORT_ROLLBACK", null);
    }

    /** After a statement of this blob: remember the transaction state the hooks compare with. */
    private void settle() {
        usedInTransaction = engine.inTransaction();
        changesMark = totalChanges(changesMark);
    }

    private long totalChanges(long otherwise) {
        try {
            return engine.totalChanges();
        } catch (SQLException e) {
            return otherwise;
        }
    }

    /** Runs one of the blob's statements; the first row's {@code columns} values, or null. */
    private Object[] run(int which, int columns, Object... parameters) {
        Handle statement = statements[which];
        try {
            if (statement == null || statement.isClosed()) {
                statement = engine.prepare(sql[which]);
                statements[which] = statement;
            }
            if (!engine.execute(statement, parameters)) {
                return null;
            }
            try {
                return columns == 0 ? new Object[0]
                        : engine.readRow(statement, columns);
            } finally {
                engine.reset(statement);
            }
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Hooks
    // ---------------------------------------------------------------------------------------------

    /** The update hook: a row of this connection was inserted, updated or deleted. */
    private void changed(String database, String table, long rowId) {
        if (WRITING.get() != engine && rowId == row && asciiEqualsIgnoreCase(table, tableName)
                && asciiEqualsIgnoreCase(database, schemaName)) {
            pending = ErrorTable.SQLITE_ABORT;
        }
    }

    private void committed() {
        usedInTransaction = false;
        changesMark = totalChanges(changesMark);
    }

    /**
     * The rollback hook. It also fires when a failing statement outside a transaction undoes its
     * own work, which must not trip the blob: only a rollback of a transaction that this blob used,
     * or that changed rows since, does.
     */
    private void rolledBack() {
        long now = totalChanges(changesMark);
        if (!readonly && (usedInTransaction || now > changesMark)) {
            pending = SQLITE_ABORT_ROLLBACK;
        }
        usedInTransaction = false;
        changesMark = now;
    }

    /**
     * The blob's watcher of the connection's changes. It holds the blob weakly so that a blob nobody
     * closed can still be collected.
     */
    private static final class Watch implements Engine.Watcher {
        private final WeakReference<Blob> blob;

        Watch(Blob blob) {
            this.blob = new WeakReference<>(blob);
        }

        @Override
        public void changed(String database, String table, long rowId) {
            Blob b = blob.get();
            if (b != null) {
                b.changed(database, table, rowId);
            }
        }

        @Override
        public void committed() {
            Blob b = blob.get();
            if (b != null) {
                b.committed();
            }
        }

        @Override
        public void rolledBack() {
            Blob b = blob.get();
            if (b != null) {
                b.rolledBack();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Checks and helpers
    // ---------------------------------------------------------------------------------------------

    /** CPython's check_blob: the connection (closed, then thread), then the blob. */
    private void check() {
        checkConnection();
        if (closed) {
            throw new Sqlite3.ProgrammingError("Cannot operate on a closed blob.");
        }
    }

    private void checkConnection() {
        if (con.isClosed()) {
            throw new Sqlite3.ProgrammingError("Cannot operate on a closed database.");
        }
        con.checkUsable();
    }

    private int size() {
        return expired ? 0 : length;
    }

    private int index(int index) {
        int size = size();
        long i = index < 0 ? (long) index + size : index;
        if (i < 0 || i >= size) {
            throw new Sqlite3.IndexError("Blob index out of range");
        }
        return (int) i;
    }

    private static void requireBytes(byte[] data) {
        if (data == null) {
            throw new Sqlite3.TypeError("a bytes-like object is required, not 'NoneType'");
        }
    }

    /** A slice after Python's {@code PySlice_AdjustIndices}: first index, step and length. */
    private record Slice(int start, int step, int count) {
        int position(int i) {
            return (int) (start + (long) i * step);
        }

        int low() {
            return Math.min(start, position(count - 1));
        }

        int span() {
            return Math.abs(position(count - 1) - start) + 1;
        }
    }

    private Slice slice(int start, int stop, int step) {
        if (step == 0) {
            throw new Sqlite3.ValueError("slice step cannot be zero");
        }
        long size = size();
        long first = adjust(start, size, step);
        long last = adjust(stop, size, step);
        long count;
        if (step < 0) {
            count = last < first ? (first - last - 1) / -(long) step + 1 : 0;
        } else {
            count = first < last ? (last - first - 1) / step + 1 : 0;
        }
        return new Slice((int) first, step, (int) count);
    }

    private static long adjust(long index, long size, int step) {
        if (index < 0) {
            index += size;
            if (index < 0) {
                index = step < 0 ? -1 : 0;
            }
        } else if (index >= size) {
            index = step < 0 ? size - 1 : size;
        }
        return index;
    }

    private static Sqlite3.OperationalError error(String message) {
        return new Sqlite3.OperationalError(message, ErrorTable.SQLITE_ERROR, "SQLITE_ERROR", null);
    }

    /** sqlite3FindTable's names for the schema table. */
    private static String schemaTableAlias(String schema, String table) {
        boolean temp = asciiEqualsIgnoreCase(schema, "temp");
        for (String alias : temp
                ? new String[] {"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"}
                : new String[] {"sqlite_master", "sqlite_schema"}) {
            if (asciiEqualsIgnoreCase(table, alias)) {
                return temp ? "sqlite_temp_schema" : "sqlite_schema";
            }
        }
        return table;
    }

    /** An eponymous virtual table (json_each, pragma_table_info...) is found by SQL but not listed. */
    private boolean isEponymousTable(String schema, String table) {
        try {
            Handle statement = engine.prepare("SELECT 1 FROM " + quote(schema) + "." + quote(table));
            engine.close(statement);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A name for the rowid that no column of the table hides. */
    private static String rowidName(List<Object[]> columns, String table) {
        for (String candidate : new String[] {"rowid", "_rowid_", "oid"}) {
            boolean hidden = false;
            for (Object[] c : columns) {
                hidden |= asciiEqualsIgnoreCase((String) c[1], candidate);
            }
            if (!hidden) {
                return candidate;
            }
        }
        throw new Sqlite3.NotSupportedError("cannot open a blob in table " + table
                + ": its columns hide rowid, _rowid_ and oid, and SQL cannot reach its rows by rowid");
    }

    /**
     * The empty write that makes a blob for writing fail at open where CPython's does: read-only
     * database, or locked. Other errors (a generated column, the schema table) are left for the
     * writes, which report them.
     */
    private void probeWrite(String update) {
        try {
            queryOne(update);
        } catch (Sqlite3.Error e) {
            Integer code = e.sqliteErrorcode();
            int primary = code == null ? -1 : code & 0xFF;
            if (primary == ErrorTable.SQLITE_READONLY || primary == ErrorTable.SQLITE_BUSY
                    || primary == ErrorTable.SQLITE_LOCKED) {
                throw e;
            }
        }
    }

    private Object[] queryOne(String query, Object... parameters) {
        List<Object[]> rows = query(query, true, parameters);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<Object[]> queryAll(String query, Object... parameters) {
        return query(query, false, parameters);
    }

    /** Runs a statement of its own (prepared, stepped, finalized), reading TEXT as String. */
    private List<Object[]> query(String query, boolean firstOnly, Object... parameters) {
        List<Object[]> rows = new ArrayList<>();
        Handle statement;
        try {
            statement = engine.prepare(query);
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
        try {
            boolean more = engine.execute(statement, parameters);
            int columns = more ? engine.columnCount(statement) : 0;
            while (more) {
                rows.add(engine.readRow(statement, columns));
                if (firstOnly) {
                    engine.reset(statement);
                    break;
                }
                more = engine.step(statement);
            }
            return rows;
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        } finally {
            engine.close(statement);
        }
    }

    private static String quote(String identifier) {
        return Quote.identifier(identifier);
    }

    /** SQLite's case-insensitive comparison of names: ASCII letters only. */
    private static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
