package org.sqlite3j.dbapi;

import java.sql.SQLException;
import java.util.Objects;


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
    private final BlobExpiry expiry;

    /** {@code sqlite3_blob_bytes}: the length at open, 0 once the blob has expired. */
    private int length;
    private int offset;
    private boolean closed;
    /** SQLite finalized the blob's statement after reporting SQLITE_ABORT. */
    private boolean expired;
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

        BlobOpener.Opened opened = new BlobOpener(engine).open(table, column, row, readonly, name);
        schemaName = opened.schema();
        tableName = opened.table();
        type = opened.type();
        length = opened.length();
        sql[CHECK] = opened.check();
        sql[READ] = opened.read();
        sql[WRITE] = opened.write();

        expiry = new BlobExpiry(engine, row, schemaName, tableName, readonly);
        expiry.settle();
        engine.watch(expiry);
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
        engine.unwatch(expiry);
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
        expiry.settle();
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
        expiry.writing(true);
        try {
            run(WRITE, 0, row, type, (long) length, at, data, at + data.length + 1);
            changed = engine.changes();
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        } finally {
            expiry.writing(false);
        }
        if (changed == 0) {
            throw expire();
        }
        expiry.settle();
    }

    /** An empty access: fails as SQLite does when the row has changed. */
    private void verify() {
        if (run(CHECK, 1, row, type, (long) length) == null) {
            throw expire();
        }
        expiry.settle();
    }

    /** What SQLite's blob handle would report before touching the row. */
    private void gate() {
        if (expired) {
            throw aborted(ErrorTable.SQLITE_ABORT);
        }
        int p = expiry.pending();
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
        expiry.clear();
        length = 0;
        return aborted(ErrorTable.SQLITE_ABORT);
    }

    private static Sqlite3.OperationalError aborted(int code) {
        return code == ErrorTable.SQLITE_ABORT
                ? new Sqlite3.OperationalError("query aborted", code, "SQLITE_ABORT", null)
                : new Sqlite3.OperationalError("abort due to ROLLBACK", code, "SQLITE_ABORT_ROLLBACK", null);
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
}
