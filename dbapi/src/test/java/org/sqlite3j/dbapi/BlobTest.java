package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.testkit.Python;

/**
 * {@link Blob}: Python's {@code sqlite3.Blob} emulated over SQL. Each test names the CPython test
 * ({@code test_dbapi.BlobTests}) whose behaviour it checks, or says what it adds; the last test runs
 * the same sequences of blob operations in CPython and here and compares every result and error.
 */
class BlobTest {

    private static final byte[] DATA =
            "this blob data string is exactly fifty bytes long!".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Connection cx;
    private Blob blob;

    @BeforeEach
    void setUp() {
        cx = Sqlite3.connect(":memory:");
        cx.execute("create table test(b blob)");
        cx.execute("insert into test(b) values (?)", (Object) DATA);
        blob = open("test", "b", 1);
    }

    @AfterEach
    void tearDown() {
        if (!cx.isClosed()) {
            blob.close();
            cx.close();
        }
    }

    private Blob open(String table, String column, long row) {
        return new Blob(cx, table, column, row, false, "main");
    }

    private byte[] stored() {
        return (byte[]) cx.execute("select b from test").fetchone().get(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void assertOperational(ThrowingCallable call, String message, int code, String name) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(Sqlite3.OperationalError.class).hasMessage(message);
        Sqlite3.OperationalError e = (Sqlite3.OperationalError) t;
        assertThat(e.sqliteErrorcode()).isEqualTo(code);
        assertThat(e.sqliteErrorname()).isEqualTo(name);
    }

    private static void assertAborted(ThrowingCallable call) {
        assertOperational(call, "query aborted", 4, "SQLITE_ABORT");
    }

    private static void assertRolledBack(ThrowingCallable call) {
        assertOperational(call, "abort due to ROLLBACK", 516, "SQLITE_ABORT_ROLLBACK");
    }

    // ---------------------------------------------------------------------------------------------
    // Offsets
    // ---------------------------------------------------------------------------------------------

    @Test // test_blob_seek_and_tell
    void seekAndTell() {
        blob.seek(10);
        assertThat(blob.tell()).isEqualTo(10);
        blob.seek(10, Blob.SEEK_SET);
        assertThat(blob.tell()).isEqualTo(10);
        blob.seek(10, Blob.SEEK_CUR);
        assertThat(blob.tell()).isEqualTo(20);
        blob.seek(-10, Blob.SEEK_END);
        assertThat(blob.tell()).isEqualTo(40);
        blob.seek(0, Blob.SEEK_END);
        assertThat(blob.tell()).isEqualTo(50);
    }

    @Test // test_blob_seek_error
    void seekErrors() {
        String outOfRange = "offset out of blob range";
        String origin = "'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END";
        assertThatThrownBy(() -> blob.seek(1000)).isInstanceOf(Sqlite3.ValueError.class).hasMessage(outOfRange);
        assertThatThrownBy(() -> blob.seek(-10)).isInstanceOf(Sqlite3.ValueError.class).hasMessage(outOfRange);
        assertThatThrownBy(() -> blob.seek(51)).isInstanceOf(Sqlite3.ValueError.class).hasMessage(outOfRange);
        assertThatThrownBy(() -> blob.seek(-51, Blob.SEEK_END)).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage(outOfRange);
        assertThatThrownBy(() -> blob.seek(10, -1)).isInstanceOf(Sqlite3.ValueError.class).hasMessage(origin);
        assertThatThrownBy(() -> blob.seek(10, 3)).isInstanceOf(Sqlite3.ValueError.class).hasMessage(origin);
        assertThat(blob.tell()).as("a failed seek does not move").isZero();
    }

    @Test // test_blob_seek_overflow_error
    void seekOverflow() {
        blob.seek(1, Blob.SEEK_SET);
        assertThatThrownBy(() -> blob.seek(Integer.MAX_VALUE, Blob.SEEK_CUR))
                .isInstanceOf(Sqlite3.OverflowError.class).hasMessage("seek offset results in overflow");
        assertThatThrownBy(() -> blob.seek(Integer.MAX_VALUE, Blob.SEEK_END))
                .isInstanceOf(Sqlite3.OverflowError.class).hasMessage("seek offset results in overflow");
        assertThatThrownBy(() -> blob.seek(Integer.MIN_VALUE, Blob.SEEK_CUR))
                .isInstanceOf(Sqlite3.ValueError.class).hasMessage("offset out of blob range");
    }

    // ---------------------------------------------------------------------------------------------
    // Reading
    // ---------------------------------------------------------------------------------------------

    @Test // test_blob_read, test_blob_read_oversized, test_blob_length
    void readsAllOfIt() {
        assertThat(blob.length()).isEqualTo(50);
        assertThat(blob.read()).isEqualTo(DATA);
        assertThat(blob.read()).as("at the end").isEmpty();
        blob.seek(0);
        assertThat(blob.read(DATA.length * 2)).isEqualTo(DATA);
        blob.seek(0);
        assertThat(blob.read(-7)).as("negative: the rest").isEqualTo(DATA);
    }

    @Test // test_blob_read_advance_offset, test_blob_read_at_offset
    void readAdvancesFromOffset() {
        assertThat(blob.read(10)).isEqualTo(Arrays.copyOfRange(DATA, 0, 10));
        assertThat(blob.tell()).isEqualTo(10);
        assertThat(blob.read(0)).isEmpty();
        assertThat(blob.tell()).isEqualTo(10);
        blob.seek(45);
        assertThat(blob.read(10)).isEqualTo(Arrays.copyOfRange(DATA, 45, 50));
        assertThat(blob.tell()).isEqualTo(50);
    }

    @Test // test_blob_read_error_row_changed (and what len() and read() do afterwards in CPython)
    void readAfterRowChangedIsAborted() {
        cx.execute("update test set b='aaaa' where rowid=1");
        assertAborted(blob::read);
        assertThat(blob.length()).as("SQLite finalized the handle").isZero();
        assertThat(blob.read()).as("nothing left to read: no error").isEmpty();
        assertAborted(() -> blob.write(new byte[0]));
        assertAborted(() -> blob.get(0, 0));
        assertThatThrownBy(() -> blob.get(0)).isInstanceOf(Sqlite3.IndexError.class);
        blob.seek(0, Blob.SEEK_END);
        assertThat(blob.tell()).isZero();
    }

    @Test // SQLite expires the blob on any change of the row, even to the same value
    void sameLengthChangesOfTheRowAreDetected() {
        cx.execute("update test set b = b where rowid = 1");
        assertAborted(() -> blob.read(3));
        try (Blob again = open("test", "b", 1)) {
            cx.execute("replace into test(rowid, b) values (1, ?)", (Object) DATA);
            assertAborted(() -> again.get(0));
        }
    }

    @Test // changes of other rows, and reads that stop before the end, leave the blob alone
    void otherRowsDoNotMatter() {
        cx.execute("insert into test(b) values (x'00')");
        cx.execute("update test set b = x'01' where rowid = 2");
        cx.execute("delete from test where rowid = 2");
        assertThat(blob.read()).isEqualTo(DATA);
    }

    @Test // a deleted row: the blob at its end still reads nothing, as CPython (no SQLite call)
    void deletedRow() {
        blob.seek(0, Blob.SEEK_END);
        cx.execute("delete from test");
        assertThat(blob.read()).isEmpty();
        assertThat(blob.length()).isEqualTo(50);
        blob.seek(5);
        assertAborted(blob::read);
        assertThat(blob.length()).isZero();
    }

    @Test // a row that moves to another rowid is gone for the blob
    void movedRow() {
        cx.execute("update test set rowid = 7 where rowid = 1");
        assertAborted(() -> blob.get(0));
    }

    @Test // a change of length made by another connection is caught by the statements' guard
    void otherConnectionsChangingTheLength() throws IOException {
        Path file = dir.resolve("two.db");
        try (Connection a = Sqlite3.connect(file); Connection b = Sqlite3.connect(file)) {
            a.execute("create table t(b blob)");
            a.execute("insert into t values (x'010203')");
            a.commit();
            try (Blob ba = new Blob(a, "t", "b", 1, false, "main")) {
                assertThat(ba.read(1)).containsExactly(1);
                b.execute("update t set b = x'0102'");
                b.commit();
                assertAborted(ba::read);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Writing
    // ---------------------------------------------------------------------------------------------

    @Test // test_blob_write
    void write() {
        byte[] data = Arrays.copyOf(bytes("new data"), 50);
        Arrays.fill(data, 8, 50, (byte) ' ');
        blob.write(data);
        assertThat(stored()).isEqualTo(data);
        assertThat(cx.execute("select typeof(b) from test").fetchone().get(0)).isEqualTo("blob");
    }

    @Test // test_blob_write_at_offset, test_blob_write_advance_offset
    void writeAtOffsetAndAdvance() {
        byte[] c = new byte[25];
        Arrays.fill(c, (byte) 'c');
        blob.seek(25);
        blob.write(c);
        assertThat(blob.tell()).isEqualTo(50);
        assertThat(stored()).isEqualTo(concat(Arrays.copyOf(DATA, 25), c));
        blob.seek(0);
        blob.write(bytes("dddddddddd"));
        assertThat(blob.tell()).isEqualTo(10);
    }

    @Test // every byte value, NUL included, survives the splice
    void writesRawBytes() {
        cx.execute("create table r(b blob)");
        cx.execute("insert into r values (zeroblob(256))");
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        try (Blob b = open("r", "b", 1)) {
            b.seek(0);
            b.write(Arrays.copyOfRange(all, 0, 100));
            b.write(Arrays.copyOfRange(all, 100, 256));
            b.seek(0);
            assertThat(b.read()).isEqualTo(all);
        }
        assertThat(cx.execute("select b from r").fetchone().get(0)).isEqualTo(all);
    }

    @Test // test_blob_write_error_length
    void writeCannotGrow() {
        byte[] big = new byte[1000];
        assertThatThrownBy(() -> blob.write(big)).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("data longer than blob length");
        blob.seek(0, Blob.SEEK_SET);
        int n = blob.length();
        blob.write(new byte[n - 1]);
        blob.write(bytes("a"));
        assertThatThrownBy(() -> blob.write(bytes("a"))).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("data longer than blob length");
        blob.write(new byte[0]);
        assertThat(blob.tell()).isEqualTo(50);
        assertThat(stored()).hasSize(50);
    }

    @Test // test_blob_write_error_row_changed
    void writeAfterRowChangedIsAborted() {
        cx.execute("update test set b='aaaa' where rowid=1");
        assertAborted(() -> blob.write(bytes("aaa")));
        assertThat(cx.execute("select b from test").fetchone().get(0)).isEqualTo("aaaa");
    }

    @Test // test_blob_write_error_readonly: checked after the length, before nothing else
    void readonlyBlobCannotWrite() {
        try (Blob ro = new Blob(cx, "test", "b", 1, true, "main")) {
            assertOperational(() -> ro.write(bytes("aaa")), "attempt to write a readonly database", 8,
                    "SQLITE_READONLY");
            assertOperational(() -> ro.write(new byte[0]), "attempt to write a readonly database", 8,
                    "SQLITE_READONLY");
            assertOperational(() -> ro.set(0, 1), "attempt to write a readonly database", 8,
                    "SQLITE_READONLY");
            assertThatThrownBy(() -> ro.write(new byte[51])).isInstanceOf(Sqlite3.ValueError.class);
            ro.set(0, 0, bytes("")); // an empty slice touches nothing
            assertThat(ro.tell()).isZero();
            assertThat(ro.read(4)).isEqualTo(bytes("this"));
        }
        assertThat(stored()).isEqualTo(DATA);
    }

    @Test // blob writes are not DML: no implicit BEGIN in legacy transaction control. Differs from
          // CPython (see Blob's class comment): there the write stays in the blob's own transaction,
          // invisible to other connections until the blob closes
    void writeOutsideATransactionCommitsAtOnce() throws IOException {
        Path file = dir.resolve("tx.db");
        try (Connection a = Sqlite3.connect(file); Connection b = Sqlite3.connect(file)) {
            a.execute("create table t(b blob)");
            a.execute("insert into t values (x'0000')");
            a.commit();
            try (Blob w = new Blob(a, "t", "b", 1, false, "main")) {
                w.write(bytes("ok"));
                assertThat(a.inTransaction()).isFalse();
                assertThat(b.execute("select b from t").fetchone().get(0)).isEqualTo(bytes("ok"));
            }
        }
    }

    @Test // inside a transaction a write belongs to it; ROLLBACK undoes it and trips the blob
    void rollbackTripsAWritingBlob() {
        cx.commit();
        cx.execute("create table other(x)");
        cx.execute("insert into other values (1)"); // implicit BEGIN
        blob.write(bytes("X"));
        assertThat(cx.inTransaction()).isTrue();
        cx.rollback();
        assertRolledBack(blob::read);
        assertRolledBack(() -> blob.write(bytes("Y")));
        assertRolledBack(() -> blob.get(0));
        assertThat(blob.length()).as("not expired: the length stays").isEqualTo(50);
        assertThat(stored()).isEqualTo(DATA);
        cx.execute("update test set b = b");
        assertAborted(blob::read); // a change of the row then expires it, as in SQLite
        assertThat(blob.length()).isZero();
    }

    @Test // CPython: a rollback after the blob was opened trips it even if it only read
    void rollbackOfATransactionThatChangedRowsTripsIt() {
        cx.commit();
        assertThat(blob.read(1)).isEqualTo(bytes("t"));
        cx.execute("create table other(x)");
        cx.execute("insert into other values (1)");
        cx.rollback();
        assertRolledBack(() -> blob.read(1));
    }

    @Test // a read-only blob is not tripped by ROLLBACK
    void rollbackLeavesReadonlyBlobsAlone() {
        cx.commit();
        try (Blob ro = new Blob(cx, "test", "b", 1, true, "main")) {
            cx.execute("insert into test values (x'00')");
            cx.rollback();
            assertThat(ro.read(4)).isEqualTo(bytes("this"));
        }
    }

    @Test // a statement failing in autocommit mode rolls back only itself: the blob goes on
    void failingStatementOutsideTransactionDoesNotTrip() {
        try (Connection a = Sqlite3.connect(":memory:", ConnectOptions.defaults().isolationLevel(null))) {
            a.execute("create table t(b blob, u unique)");
            a.execute("insert into t values (x'0102', 1)");
            try (Blob w = new Blob(a, "t", "b", 1, false, "main")) {
                w.write(new byte[] {9});
                assertThatThrownBy(() -> a.execute("insert into t values (x'00', 1)"))
                        .isInstanceOf(Sqlite3.IntegrityError.class);
                assertThat(w.read()).containsExactly(2);
                a.execute("begin");
                assertThat(w.get(0)).isEqualTo(9);
                a.execute("rollback"); // ends a transaction the blob used: trips it
                assertRolledBack(() -> w.get(1));
            }
        }
    }

    @Test // SQLite's blob writes change the row in place: other blobs on the row stay valid
    void blobsOnTheSameRowSeeEachOthersWrites() {
        cx.execute("create table two(b blob, c blob)");
        cx.execute("insert into two values (x'00000000', x'0000')");
        try (Blob x = open("two", "b", 1); Blob y = open("two", "b", 1); Blob z = open("two", "c", 1)) {
            x.write(bytes("THIS"));
            assertThat(y.read(4)).isEqualTo(bytes("THIS"));
            assertThat(z.read()).containsExactly(0, 0);
            z.set(1, 7);
            assertThat(x.get(0, 4)).isEqualTo(bytes("THIS"));
        }
    }

    @Test // SQLite's blob write fires no trigger; ours is an UPDATE: guarded so the trigger's
          // change of the same row does not expire the blob
    void triggersOnTheRowDoNotExpireTheWriter() {
        cx.execute("create table t(b blob, n)");
        cx.execute("insert into t values (x'0000', 0)");
        cx.execute("create trigger count_writes after update of b on t begin"
                + " update t set n = n + 1 where rowid = new.rowid; end");
        try (Blob w = open("t", "b", 1)) {
            w.write(bytes("a"));
            w.write(bytes("b"));
            w.seek(0);
            assertThat(w.read()).isEqualTo(bytes("ab"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Items and slices
    // ---------------------------------------------------------------------------------------------

    @Test // test_blob_get_item
    void getItem() {
        assertThat(blob.get(5)).isEqualTo('b');
        assertThat(blob.get(6)).isEqualTo('l');
        assertThat(blob.get(7)).isEqualTo('o');
        assertThat(blob.get(8)).isEqualTo('b');
        assertThat(blob.get(-1)).isEqualTo('!');
        assertThat(blob.tell()).isZero();
    }

    @Test // test_blob_set_item, test_blob_set_item_negative_index
    void setItem() {
        blob.set(0, 'b');
        assertThat(stored()).isEqualTo(concat(bytes("b"), Arrays.copyOfRange(DATA, 1, 50)));
        blob.set(-1, 255);
        assertThat(blob.get(-1)).isEqualTo(255);
        assertThat(blob.tell()).isZero();
    }

    @Test // test_blob_set_item_with_offset
    void setItemIgnoresOffset() {
        blob.seek(0, Blob.SEEK_END);
        assertThat(blob.read()).isEmpty();
        blob.set(0, 'T');
        blob.set(-1, '.');
        blob.seek(0, Blob.SEEK_SET);
        assertThat(blob.read()).isEqualTo(bytes("This blob data string is exactly fifty bytes long."));
    }

    @Test // test_blob_get_slice, test_blob_get_empty_slice, test_blob_get_slice_negative_index,
          // test_blob_get_slice_with_skip
    void getSlice() {
        assertThat(blob.get(5, 14)).isEqualTo(bytes("blob data"));
        assertThat(blob.get(5, 5)).isEmpty();
        assertThat(blob.get(5, -5)).isEqualTo(Arrays.copyOfRange(DATA, 5, 45));
        assertThat(blob.get(0, 10, 2)).isEqualTo(bytes("ti lb"));
        assertThat(blob.get(-100, 100)).isEqualTo(DATA);
        assertThat(blob.get(10, 5)).isEmpty();
        assertThat(blob.get(0, Integer.MAX_VALUE)).isEqualTo(DATA);
    }

    @Test // negative steps: Python's slice rules (CPython 3.13 raises SystemError here)
    void getSliceBackwards() {
        int[][] cases = {
            {Integer.MAX_VALUE, Integer.MIN_VALUE, -1}, {40, 10, -3}, {-1, -51, -7}, {5, 10, -1},
            {100, -100, -2}, {3, -3, 4}, {-3, 3, -5}, {49, 48, -1}, {0, 50, 49}
        };
        for (int[] c : cases) {
            assertThat(blob.get(c[0], c[1], c[2])).as(Arrays.toString(c))
                    .isEqualTo(pythonSlice(DATA, c[0], c[1], c[2]));
        }
    }

    /** The reference: Python's slice of a bytes object, written out plainly. */
    private static byte[] pythonSlice(byte[] data, long start, long stop, long step) {
        int n = data.length;
        List<Byte> out = new ArrayList<>();
        if (step > 0) {
            long s = start < 0 ? Math.max(0, start + n) : Math.min(start, n);
            long e = stop < 0 ? Math.max(0, stop + n) : Math.min(stop, n);
            for (long i = s; i < e; i += step) {
                out.add(data[(int) i]);
            }
        } else {
            long s = start < 0 ? Math.max(-1, start + n) : Math.min(start, n - 1);
            long e = stop < 0 ? Math.max(-1, stop + n) : Math.min(stop, n - 1);
            for (long i = s; i > e; i += step) {
                out.add(data[(int) i]);
            }
        }
        byte[] r = new byte[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    @Test // test_blob_set_slice, test_blob_set_empty_slice, test_blob_set_slice_buffer_object
    void setSlice() {
        blob.set(0, 5, bytes("12345"));
        assertThat(stored()).isEqualTo(concat(bytes("12345"), Arrays.copyOfRange(DATA, 5, 50)));
        assertThat(blob.get(0, 5)).isEqualTo(bytes("12345"));
        blob.set(0, 0, bytes(""));
        blob.set(5, 5, bytes("ignored")); // CPython 3.13: an empty slice takes anything
        assertThat(blob.get(0, 50)).isEqualTo(stored());
        assertThat(blob.get(5, 50)).isEqualTo(Arrays.copyOfRange(DATA, 5, 50));
    }

    @Test // test_blob_set_slice_with_skip, and backwards
    void setSliceWithStep() {
        blob.set(0, 10, 2, bytes("12345"));
        assertThat(stored()).isEqualTo(concat(bytes("1h2s3b4o5 "), Arrays.copyOfRange(DATA, 10, 50)));
        blob.set(9, -51, -2, bytes("abcde"));
        assertThat(blob.get(0, 10)).isEqualTo(bytes("1e2d3c4b5a"));
        blob.set(Integer.MAX_VALUE, Integer.MIN_VALUE, -1, DATA);
        byte[] reversed = new byte[50];
        for (int i = 0; i < 50; i++) {
            reversed[i] = DATA[49 - i];
        }
        assertThat(stored()).isEqualTo(reversed);
    }

    @Test // test_blob_get_item_error
    void getItemErrors() {
        for (int i : new int[] {50, 105, -105, -51, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> blob.get(i)).as("index %d", i).isInstanceOf(Sqlite3.IndexError.class)
                    .hasMessage("Blob index out of range");
        }
        cx.execute("update test set b='aaaa' where rowid=1");
        assertAborted(() -> blob.get(0));
    }

    @Test // test_blob_set_item_error (the Java types rule out its TypeErrors)
    void setItemErrors() {
        assertThatThrownBy(() -> blob.set(1000, 0)).isInstanceOf(Sqlite3.IndexError.class)
                .hasMessage("Blob index out of range");
        assertThatThrownBy(() -> blob.set(1000, 300)).as("index first").isInstanceOf(Sqlite3.IndexError.class);
        assertThatThrownBy(() -> blob.set(0, -1)).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("byte must be in range(0, 256)");
        assertThatThrownBy(() -> blob.set(0, 256)).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("byte must be in range(0, 256)");
        assertThat(stored()).isEqualTo(DATA);
    }

    @Test // test_blob_set_slice_error
    void setSliceErrors() {
        assertThatThrownBy(() -> blob.set(5, 10, bytes("a"))).isInstanceOf(Sqlite3.IndexError.class)
                .hasMessage("Blob slice assignment is wrong size");
        assertThatThrownBy(() -> blob.set(5, 10, new byte[1000])).isInstanceOf(Sqlite3.IndexError.class)
                .hasMessage("Blob slice assignment is wrong size");
        assertThatThrownBy(() -> blob.set(5, 10, 0, bytes("12345"))).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("slice step cannot be zero");
        assertThatThrownBy(() -> blob.get(5, 10, 0)).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("slice step cannot be zero");
        assertThatThrownBy(() -> blob.set(5, 10, null)).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("a bytes-like object is required, not 'NoneType'");
        assertThatThrownBy(() -> blob.write(null)).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("a bytes-like object is required, not 'NoneType'");
        assertThat(stored()).isEqualTo(DATA);
    }

    // ---------------------------------------------------------------------------------------------
    // Opening
    // ---------------------------------------------------------------------------------------------

    @Test // test_blob_open_error, with the messages
    void openErrors() {
        assertOperational(() -> new Blob(cx, "test", "b", 1, false, "notexisting"),
                "no such table: notexisting.test", 1, "SQLITE_ERROR");
        assertOperational(() -> open("notexisting", "b", 1), "no such table: main.notexisting", 1, "SQLITE_ERROR");
        assertOperational(() -> open("test", "notexisting", 1), "no such column: \"notexisting\"", 1,
                "SQLITE_ERROR");
        assertOperational(() -> open("test", "b", 2), "no such rowid: 2", 1, "SQLITE_ERROR");
        assertOperational(() -> open("test", "b", -1), "no such rowid: -1", 1, "SQLITE_ERROR");
        assertOperational(() -> open("test", "rowid", 1), "no such column: \"rowid\"", 1, "SQLITE_ERROR");
    }

    @Test // sqlite3_blob_open accepts only TEXT and BLOB values
    void openRefusesOtherTypes() {
        cx.execute("create table ty(id integer primary key, i int, n, r real, t text)");
        cx.execute("insert into ty values (1, 5, null, 1.5, 'x')");
        assertOperational(() -> open("ty", "i", 1), "cannot open value of type integer", 1, "SQLITE_ERROR");
        assertOperational(() -> open("ty", "n", 1), "cannot open value of type null", 1, "SQLITE_ERROR");
        assertOperational(() -> open("ty", "r", 1), "cannot open value of type real", 1, "SQLITE_ERROR");
        assertOperational(() -> open("ty", "id", 1), "cannot open value of type null", 1, "SQLITE_ERROR");
        open("ty", "t", 1).close();
    }

    @Test // views, virtual tables and WITHOUT ROWID tables cannot be opened
    void openRefusesTablesWithoutRows() {
        cx.execute("create view v as select * from test");
        cx.execute("create table wr(a blob primary key, b blob) without rowid");
        assertOperational(() -> open("v", "b", 1), "cannot open view: v", 1, "SQLITE_ERROR");
        assertOperational(() -> open("wr", "b", 1), "cannot open table without rowid: wr", 1, "SQLITE_ERROR");
        assertOperational(() -> open("json_each", "value", 1), "cannot open virtual table: json_each", 1,
                "SQLITE_ERROR");
        cx.execute("create virtual table vt using fts5(x)");
        cx.execute("insert into vt values ('hello')");
        assertOperational(() -> open("vt", "x", 1), "cannot open virtual table: vt", 1, "SQLITE_ERROR");
        assertThat(new Blob(cx, "vt_content", "c0", 1, true, "main").read()).isEqualTo(bytes("hello"));
    }

    @Test // indexed columns, and foreign keys while they are enforced, cannot be opened for writing
    void openForWritingRefusesIndexedAndForeignKeyColumns() {
        try (Connection a = Sqlite3.connect(":memory:", ConnectOptions.defaults().isolationLevel(null))) {
            a.execute("pragma foreign_keys = 1");
            a.execute("create table p(id integer primary key, k blob unique)");
            a.execute("create table ch(f blob references p(id), g blob, h blob)");
            a.execute("create index chg on ch(g)");
            a.execute("insert into ch values (null, x'02', x'03')");
            assertOperational(() -> new Blob(a, "ch", "f", 1, false, "main"),
                    "cannot open foreign key column for writing", 1, "SQLITE_ERROR");
            assertOperational(() -> new Blob(a, "ch", "g", 1, false, "main"),
                    "cannot open indexed column for writing", 1, "SQLITE_ERROR");
            assertThat(new Blob(a, "ch", "g", 1, true, "main").read()).containsExactly(2);
            new Blob(a, "ch", "h", 1, false, "main").close();
            a.execute("create index che on ch(length(h))");
            assertOperational(() -> new Blob(a, "ch", "h", 1, false, "main"),
                    "cannot open indexed column for writing", 1, "SQLITE_ERROR");
            a.execute("pragma foreign_keys = 0");
            a.execute("drop index che");
            assertOperational(() -> new Blob(a, "ch", "f", 1, false, "main"), // no FK check: on to the value
                    "cannot open value of type null", 1, "SQLITE_ERROR");
        }
    }

    @Test // names are matched without ASCII case; temp and attached databases; the schema table
    void namesAndDatabases() {
        assertThat(new Blob(cx, "TEST", "B", 1, true, "MAIN").get(0)).isEqualTo('t');
        cx.execute("create temp table tt(b blob)");
        cx.execute("insert into tt values (x'0a0b')");
        assertThat(new Blob(cx, "tt", "b", 1, false, "temp").read()).containsExactly(10, 11);
        assertOperational(() -> open("tt", "b", 1), "no such table: main.tt", 1, "SQLITE_ERROR");
        cx.commit();
        cx.execute("attach ':memory:' as \"we\"\"ird\"");
        cx.execute("create table \"we\"\"ird\".\"odd \"\"name\"(\"c \"\"1%s\" blob)");
        cx.execute("insert into \"we\"\"ird\".\"odd \"\"name\" values (x'ff')");
        try (Blob odd = new Blob(cx, "odd \"name", "C \"1%S", 1, false, "WE\"IRD")) {
            odd.set(0, 1);
            assertThat(odd.read()).containsExactly(1);
        }
        assertThat(new String(new Blob(cx, "sqlite_schema", "sql", 1, true, "main").read(12),
                StandardCharsets.UTF_8)).isEqualTo("CREATE TABLE");
        assertThat(new Blob(cx, "sqlite_master", "type", 1, true, "temp").read()).isEqualTo(bytes("table"));
    }

    @Test // differs from CPython (see Blob's class comment): a generated column opens, but an UPDATE
          // cannot write it, and a write raises SQLite's error for that UPDATE
    void generatedColumnsOpenButCannotBeWritten() {
        cx.execute("create table g(b blob, d as (b || x'ff') stored)");
        cx.execute("insert into g(b) values (x'01')");
        try (Blob d = open("g", "d", 1)) {
            assertThat(d.read()).containsExactly(1, 0xff);
            Throwable t = catchThrowable(() -> d.set(0, 2));
            assertThat(t).isInstanceOf(Sqlite3.OperationalError.class).hasMessageContaining("generated column");
            assertThat(d.get(0, 2)).containsExactly(1, 0xff);
        }
    }

    @Test // test_blob_32bit_rowid
    void largeRowids() {
        cx.execute("create table t(t blob)");
        cx.execute("insert into t(rowid, t) values (?, zeroblob(1))", 1L << 32);
        cx.execute("insert into t(rowid, t) values (?, x'07')", Long.MAX_VALUE);
        open("t", "t", 1L << 32).close();
        assertThat(open("t", "t", Long.MAX_VALUE).get(0)).isEqualTo(7);
    }

    @Test // blobopen's argument checks come first, with CPython's messages
    void argumentErrors() {
        assertThatThrownBy(() -> new Blob(cx, null, "b", 1, false, "main")).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("blobopen() argument 1 must be str, not None");
        assertThatThrownBy(() -> new Blob(cx, "test", null, 1, false, "main")).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("blobopen() argument 2 must be str, not None");
        assertThatThrownBy(() -> new Blob(cx, "test", "b", 1, false, null)).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("blobopen() argument 'name' must be str, not None");
        assertThatThrownBy(() -> new Blob(cx, "te\0st", "b", 1, false, "main"))
                .isInstanceOf(Sqlite3.ValueError.class).hasMessage("embedded null character");
        assertThatThrownBy(() -> new Blob(cx, "test", "b", 1, false, "ma\0in"))
                .isInstanceOf(Sqlite3.ValueError.class).hasMessage("embedded null character");
    }

    @Test // a blob for writing fails to open on a read-only database, as sqlite3_blob_open does
    void readOnlyDatabase() {
        Path file = dir.resolve("ro.db");
        try (Connection a = Sqlite3.connect(file)) {
            a.execute("create table t(b blob)");
            a.execute("insert into t values (x'01')");
            a.commit();
        }
        try (Connection ro = Sqlite3.connect("file:" + file + "?mode=ro", ConnectOptions.defaults().uri(true))) {
            assertOperational(() -> new Blob(ro, "t", "b", 1, false, "main"),
                    "attempt to write a readonly database", 8, "SQLITE_READONLY");
            assertThat(new Blob(ro, "t", "b", 1, true, "main").read()).containsExactly(1);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // TEXT values and encodings
    // ---------------------------------------------------------------------------------------------

    @Test // SQLite's blob I/O works on the raw bytes of TEXT; the value stays TEXT
    void textValues() {
        cx.execute("create table tt(t text)");
        cx.execute("insert into tt values ('héllo')");
        try (Blob t = open("tt", "t", 1)) {
            assertThat(t.length()).isEqualTo(6);
            assertThat(t.read()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
            t.seek(0);
            t.write(bytes("H"));
            assertThat(cx.execute("select t, typeof(t) from tt").fetchone().values())
                    .containsExactly("Héllo", "text");
            t.set(0, 0xff);
            assertThat(cx.execute("select typeof(t), hex(t) from tt").fetchone().values())
                    .containsExactly("text", "FFC3A96C6C6F");
        }
    }

    @Test // in a UTF-16 database blob I/O sees UTF-16 bytes, and odd lengths must survive
    void utf16Database() {
        try (Connection u = Sqlite3.connect(":memory:")) {
            u.execute("pragma encoding = 'UTF-16le'");
            u.execute("create table t(t text, b blob)");
            u.execute("insert into t values ('ab', x'010203')");
            try (Blob t = new Blob(u, "t", "t", 1, false, "main"); Blob b = new Blob(u, "t", "b", 1, false, "main")) {
                assertThat(t.read()).containsExactly('a', 0, 'b', 0);
                t.set(1, 2, bytes("c"));
                t.set(2, 'd');
                assertThat(u.execute("select hex(t), typeof(t) from t").fetchone().values())
                        .containsExactly("61636400", "text");
                assertThat(b.length()).isEqualTo(3);
                b.set(1, 9);
                b.seek(2);
                b.write(new byte[] {7});
                assertThat(u.execute("select hex(b), typeof(b) from t").fetchone().values())
                        .containsExactly("010907", "blob");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Closing and threads
    // ---------------------------------------------------------------------------------------------

    @Test // test_blob_context_manager
    void tryWithResourcesClosesIt() {
        byte[] data = new byte[50];
        Arrays.fill(data, (byte) 'a');
        Blob used;
        try (Blob b = open("test", "b", 1)) {
            b.write(data);
            used = b;
        }
        assertThat(stored()).isEqualTo(data);
        assertThatThrownBy(used::read).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Cannot operate on a closed blob.");
    }

    @Test // test_blob_closed
    void everythingFailsAfterClose() {
        blob.close();
        blob.close(); // idempotent
        List<ThrowingCallable> calls = List.of(blob::read, () -> blob.read(1), () -> blob.write(new byte[0]),
                () -> blob.seek(0), blob::tell, blob::length, () -> blob.get(0), () -> blob.get(0, 1),
                () -> blob.get(0, 1, 2), () -> blob.set(0, 0), () -> blob.set(0, 1, bytes("a")),
                () -> blob.set(0, 0, 1, null));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("Cannot operate on a closed blob.");
        }
    }

    @Test // test_blob_closed_db_read; close() then fails too, as in CPython
    void closedConnection() {
        cx.close();
        assertThatThrownBy(blob::read).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Cannot operate on a closed database.");
        assertThatThrownBy(blob::close).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Cannot operate on a closed database.");
        assertThatThrownBy(() -> new Blob(cx, "test", "b", 1, false, "main"))
                .isInstanceOf(Sqlite3.ProgrammingError.class).hasMessage("Cannot operate on a closed database.");
    }

    @Test // ThreadTests.test_check_connection_thread, for the blob and for blobopen
    void otherThreads() throws Exception {
        List<ThrowingCallable> calls = List.of(blob::read, blob::close, blob::length,
                () -> new Blob(cx, "test", "b", 1, false, "main"));
        for (ThrowingCallable call : calls) {
            Throwable t = CompletableFuture.supplyAsync(() -> catchThrowable(call)).get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessageStartingWith("SQLite objects created in a thread can only be used in that same thread.");
        }
        assertThat(blob.read(4)).isEqualTo(bytes("this"));
    }

    @Test // closing removes the blob's hooks: later changes of the row cannot reach it
    void closedBlobsStopWatching() {
        Blob other = open("test", "b", 1);
        other.close();
        cx.execute("update test set b = b");
        assertThatThrownBy(other::read).hasMessage("Cannot operate on a closed blob.");
        assertThat(open("test", "b", 1).read()).isEqualTo(DATA);
    }

    // ---------------------------------------------------------------------------------------------
    // Differential: the same operations in CPython and here
    // ---------------------------------------------------------------------------------------------

    /** The same operations run in CPython by this script (a test resource), one result line each. */
    private static final String HARNESS = "blob_harness.py";

    private static final String FIFTY = HexFormat.of().formatHex(DATA);

    /** Sequences of blob operations; each "new" starts a fresh in-memory database. */
    private static final List<String> SCRIPT = List.of(
            // test_dbapi.BlobTests' fixture, then every operation and error
            "new", "sql create table test(b blob)", "sql insert into test(b) values (x'" + FIFTY + "')",
            "commit", "open test b 1", "len", "read 10", "tell", "seek 10", "read 10", "seek 10 1", "tell",
            "seek -10 2", "tell", "read", "read", "read 0", "read -3", "seek 1000", "seek -10", "seek 10 -1",
            "seek 10 3", "seek 51", "seek -51 2", "seek 1 0", "seek 2147483647 1", "seek 2147483647 2",
            "seek -2147483648 1", "get 5", "get -1", "get 50", "get -51", "get -50", "slice 5 14",
            "slice 5 5", "slice 5 -5", "slice 0 10 2", "slice 3 -3 4", "slice -100 100", "slice 10 5",
            "slice 50 60", "slice 5 5 3", "slice 5 10 0", "set 0 98", "set -1 255", "set 1000 0",
            "set 1000 300", "set 0 -1", "set 0 256", "get -1", "get 0", "setslice 0 5 3132333435",
            "setslice 0 10 2 6162636465", "setslice 0 10 3 41424344", "setslice 5 10 61",
            "setslice 5 5 616263", "setslice 5 10 0 3132333435", "setslice 48 100 7a7a", "slice 0 50",
            "query select hex(b) from test", "seek 0", "write " + FIFTY, "tell", "write 61", "seek 45",
            "write 6161616161", "tell", "write -", "seek 0 2", "read", "query select typeof(b) from test",
            "intx", "close", "close", "read", "len", "get 0", "slice 0 1", "seek 0", "tell", "write 61",
            "set 0 1", "setslice 0 1 61",
            // test_blob_read_error_row_changed and what follows
            "new", "sql create table test(b blob, c)", "sql insert into test(b) values (x'" + FIFTY + "')",
            "commit", "open test b 1", "sql update test set b='aaaa' where rowid=1", "read", "len", "read",
            "write -", "write 61", "slice 0 0", "get 0", "seek 0 2", "tell", "setslice 0 0 -",
            // same-length changes, other rows, delete, the end of the blob
            "new", "sql create table test(b blob, c)", "sql insert into test values (x'0102030405', 1)",
            "sql insert into test values (x'0a0b', 2)", "commit", "open test b 1",
            "sql update test set c = 5 where rowid = 2", "read 2", "sql update test set c = 5 where rowid = 1",
            "get 0", "len", "open test b 1", "seek 0 2", "sql delete from test where rowid = 1", "read", "len",
            "write -", "len",
            // test_blob_write_error_row_changed
            "new", "sql create table test(b blob)", "sql insert into test(b) values (x'" + FIFTY + "')",
            "open test b 1", "sql update test set b='aaaa' where rowid=1", "write 616161", "len",
            // read-only blobs: test_blob_write_error_readonly
            "new", "sql create table test(b blob)", "sql insert into test(b) values (x'" + FIFTY + "')",
            "commit", "open test b 1 ro", "write 616161", "write -", "set 0 1", "setslice 0 0 -",
            "setslice 0 1 61", "setslice 0 4 2 6162", "read 4", "write " + FIFTY + "00",
            "query select hex(b) from test",
            // test_blob_open_error and the other refusals of sqlite3_blob_open
            "new", "sql create table test(b blob, i int, n, r real, t text, id integer primary key)",
            "sql insert into test values (x'01', 5, null, 1.5, 'x', 1)", "sql create view v as select * from test",
            "sql create table wr(a blob primary key, b blob) without rowid", "sql create index ti on test(t)",
            "commit", "open test b 1 name=notexisting", "open notexisting b 1", "open test notexisting 1",
            "open test b 2", "open test i 1", "open test n 1", "open test r 1", "open test id 1",
            "open test rowid 1", "open test oid 1", "open v b 1", "open wr b 1", "open json_each value 1",
            "open test t 1", "open test t 1 ro", "read", "open TEST B 1 name=MAIN", "read",
            "open test b 9223372036854775807", "open test b -1", "open sqlite_master sql 1 ro", "read 12",
            "open sqlite_temp_master sql 1", // (the temp schema table of an empty temp database crashes CPython 3.13.0)
            // foreign keys are checked only while enforced (and only for writing)
            "new auto", "sql pragma foreign_keys = 1", "sql create table p(id integer primary key, k blob unique)",
            "sql create table ch(f blob references p(id), g blob)", "sql insert into ch values (null, x'02')",
            "open ch f 1", "open ch f 1 ro", "open ch g 1", "open p k 1", "sql pragma foreign_keys = 0",
            "open ch f 1",
            // TEXT values: raw bytes, and the value stays TEXT
            "new", "sql create table tt(t text)", "sql insert into tt values ('h\u00e9llo')", "commit",
            "open tt t 1", "len", "read", "seek 0", "write 48", "query select t from tt", "set 0 255",
            "query select hex(t) || typeof(t) from tt", "slice 0 6 2",
            // zero-length values
            "new", "sql create table z(b blob)", "sql insert into z values (x'')", "sql insert into z values ('')",
            "open z b 1", "len", "read", "write -", "get 0", "slice 0 0", "seek 0 2", "open z b 2", "len",
            // legacy transactions: blob writes do not BEGIN; a ROLLBACK trips a blob open for writing
            "new", "sql create table test(b blob)", "sql insert into test values (x'0102030405')", "commit",
            "open test b 1", "read 2", "intx", "sql insert into test values (x'00')", "intx", "write 5859",
            "rollback", "intx", "read", "len", "read", "write 61", "get 0",
            "query select hex(b) from test where rowid = 1", "sql update test set b = b", "read", "len",
            "open test b 1 ro", "sql insert into test values (x'00')", "rollback", "read",
            // autocommit mode: a failing statement does not trip; an empty transaction's ROLLBACK does
            "new auto", "sql create table t(b blob, u unique)", "sql insert into t values (x'0102', 1)",
            // (not compared: the value after that ROLLBACK, which in CPython also undoes "write 09")
            "open t b 1", "write 09", "sql insert into t values (x'00', 1)", "read", "sql begin", "seek 0",
            "read 1", "sql rollback", "read",
            // test_blob_closed_db_read
            "new", "sql create table test(b blob)", "sql insert into test values (zeroblob(100))", "open test b 1",
            "closecon", "read", "len", "close", "open test b 1");

    @Test // the operations above give the same results and errors in CPython 3.13 and here
    void differentialAgainstCPython() throws Exception {
        Python python = Python.oracle(13, "sqlite3");
        Path harness = dir.resolve(HARNESS);
        try (var in = BlobTest.class.getResourceAsStream(HARNESS)) {
            assertThat(in).as("test resource %s", HARNESS).isNotNull();
            Files.write(harness, in.readAllBytes());
        }
        Python.Result result = python.call().stdin(String.join("\n", SCRIPT) + "\n").stderrApart()
                .exec(harness.toString());
        assertThat(result.status()).as("CPython's exit status").isZero();
        List<String> expected = result.stdout().lines().toList();
        List<String> actual = runHere();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("operation %d: %s", i, SCRIPT.get(i)).isEqualTo(expected.get(i));
        }
    }

    /** The harness's interpreter, in Java. */
    private List<String> runHere() {
        List<String> out = new ArrayList<>();
        Connection con = null;
        Blob b = null;
        try {
            for (String line : SCRIPT) {
                String[] t = line.split(" ");
                try {
                    Object r = null;
                    switch (t[0]) {
                        case "new":
                            con = t.length > 1
                                    ? Sqlite3.connect(":memory:", ConnectOptions.defaults().isolationLevel(null))
                                    : Sqlite3.connect(":memory:");
                            b = null;
                            break;
                        case "sql": con.execute(line.substring(4)); break;
                        case "query": r = con.execute(line.substring(6)).fetchone().get(0); break;
                        case "commit": con.commit(); break;
                        case "rollback": con.rollback(); break;
                        case "intx": r = con.inTransaction(); break;
                        case "closecon": con.close(); break;
                        case "open": {
                            boolean ro = false;
                            String name = "main";
                            for (int i = 4; i < t.length; i++) {
                                ro |= t[i].equals("ro");
                                name = t[i].startsWith("name=") ? t[i].substring(5) : name;
                            }
                            b = new Blob(con, t[1], t[2], Long.parseLong(t[3]), ro, name);
                            break;
                        }
                        case "read": r = t.length > 1 ? b.read(Integer.parseInt(t[1])) : b.read(); break;
                        case "write": b.write(data(t[1])); break;
                        case "seek":
                            if (t.length > 2) {
                                b.seek(Integer.parseInt(t[1]), Integer.parseInt(t[2]));
                            } else {
                                b.seek(Integer.parseInt(t[1]));
                            }
                            break;
                        case "tell": r = (long) b.tell(); break;
                        case "len": r = (long) b.length(); break;
                        case "get": r = (long) b.get(Integer.parseInt(t[1])); break;
                        case "slice":
                            r = t.length > 3
                                    ? b.get(Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3]))
                                    : b.get(Integer.parseInt(t[1]), Integer.parseInt(t[2]));
                            break;
                        case "set": b.set(Integer.parseInt(t[1]), Integer.parseInt(t[2])); break;
                        case "setslice":
                            if (t.length > 4) {
                                b.set(Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3]),
                                        data(t[4]));
                            } else {
                                b.set(Integer.parseInt(t[1]), Integer.parseInt(t[2]), data(t[3]));
                            }
                            break;
                        case "close": b.close(); break;
                        default: throw new IllegalStateException("unknown op " + t[0]);
                    }
                    out.add("ok " + format(r));
                } catch (Sqlite3.Error e) {
                    Integer code = e.sqliteErrorcode();
                    out.add("err " + e.getClass().getSimpleName() + " " + (code == null ? "-" : code) + " "
                            + e.getMessage());
                } catch (Sqlite3.ValueError | Sqlite3.TypeError | Sqlite3.IndexError | Sqlite3.OverflowError e) {
                    out.add("err " + e.getClass().getSimpleName() + " - " + e.getMessage());
                }
            }
        } finally {
            if (con != null) {
                con.close();
            }
        }
        return out;
    }

    private static byte[] data(String hex) {
        return hex.equals("-") ? new byte[0] : HexFormat.of().parseHex(hex);
    }

    private static String format(Object v) {
        if (v == null) {
            return "none";
        }
        if (v instanceof byte[]) {
            return "b:" + HexFormat.of().formatHex((byte[]) v);
        }
        if (v instanceof Boolean) {
            return "i:" + (((Boolean) v) ? 1 : 0);
        }
        if (v instanceof Long) {
            return "i:" + v;
        }
        if (v instanceof String) {
            return "s:" + v;
        }
        return "?:" + v;
    }
}
