package org.sqlite3j.dbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;

/** {@link DbmSqlite3}: CPython's test_dbm_sqlite3, case by case, and the Java transaction extra. */
class DbmSqlite3Test {

    @TempDir
    Path dir;

    Path file;

    @BeforeEach
    void setUp() {
        file = dir.resolve("db.sqlite3");
        DbmSqlite3.open(file, "c").close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Keys and values as the plain sqlite3 module sees them (test_dbm_sqlite3's db_content). */
    private List<List<Object>> content() {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection cx = Sqlite3.connect(file)) {
            for (Row r : cx.execute("SELECT key, value, typeof(key), typeof(value) FROM Dict")) {
                rows.add(List.of(new String((byte[]) r.get(0), StandardCharsets.UTF_8),
                        new String((byte[]) r.get(1), StandardCharsets.UTF_8), r.get(2), r.get(3)));
            }
        }
        return rows;
    }

    /** test_dbm_sqlite3: URI.test_uri_substitutions. */
    @Test
    void uriSubstitutions() {
        assertThat(DbmSqlite3.normalizeUri(Path.of("/absolute/////b/c"))).isEqualTo("file:/absolute/b/c");
        assertThat(DbmSqlite3.normalizeUri(Path.of("/x/PRE#MID##END"))).endsWith("PRE%23MID%23%23END");
        assertThat(DbmSqlite3.normalizeUri(Path.of("/x/%#?%%#"))).endsWith("%25%23%3F%25%25%23");
        assertThat(DbmSqlite3.normalizeUri(Path.of("/x/a b\u00fc"))).isEqualTo("file:/x/a%20b%C3%BC");
    }

    /** test_dbm_sqlite3: a name with URI characters opens the file it names (not a URI's parameters). */
    @Test
    void fileNameWithUriCharacters() {
        Path odd = dir.resolve("we?ird#na%me&mode=ro");
        try (DbmSqlite3 db = DbmSqlite3.open(odd, "c")) {
            db.put("k", "v");
        }
        assertThat(Files.exists(odd)).isTrue();
        try (DbmSqlite3 db = DbmSqlite3.open(odd, "r")) {
            assertThat(db.getItem("k")).isEqualTo(b("v"));
        }
    }

    /** test_dbm_sqlite3: ReadOnly (read, write, delete, keys, iter). */
    @Test
    void readOnly() {
        try (DbmSqlite3 db = DbmSqlite3.open(file, "w")) {
            db.put(b("key1"), b("value1"));
            db.put(b("key2"), b("value2"));
        }
        try (DbmSqlite3 db = DbmSqlite3.open(file, "r")) {
            assertThat(db.getItem("key1")).isEqualTo(b("value1"));
            assertThat(db.getItem("key2")).isEqualTo(b("value2"));
            assertThatThrownBy(() -> db.put("new", "value")).isInstanceOf(Dbm.SqliteError.class)
                    .hasMessage("attempt to write a readonly database");
            assertThatThrownBy(() -> db.remove("key1")).isInstanceOf(Dbm.SqliteError.class)
                    .hasMessage("attempt to write a readonly database");
            assertThat(db.keys()).containsExactly(b("key1"), b("key2"));
            List<byte[]> seen = new ArrayList<>();
            db.forEach(seen::add);
            assertThat(seen).containsExactly(b("key1"), b("key2"));
        }
    }

    /** test_dbm_sqlite3: ReadWrite.test_readwrite_unique_key, test_readwrite_delete (stored as BLOBs). */
    @Test
    void readWrite() {
        try (DbmSqlite3 db = DbmSqlite3.open(file, "w")) {
            db.put("key", "value");
            db.put("key", "other");
            assertThat(content()).containsExactly(List.of("key", "other", "blob", "blob"));
            db.put("new", "value2");
            db.remove(b("new"));
            assertThat(content()).containsExactly(List.of("key", "other", "blob", "blob"));
            db.remove(b("key"));
            assertThat(content()).isEmpty();
        }
    }

    /** test_dbm_sqlite3: test_readwrite_null_key, test_readwrite_null_value (TypeError here: Java's null). */
    @Test
    void nullKeyAndValue() {
        try (DbmSqlite3 db = DbmSqlite3.open(file, "w")) {
            assertThatThrownBy(() -> db.put((byte[]) null, b("v"))).isInstanceOf(Dbm.TypeError.class);
            assertThatThrownBy(() -> db.put(b("k"), null)).isInstanceOf(Dbm.TypeError.class);
            assertThat(db.size()).isZero();
        }
    }

    /** test_dbm_sqlite3: Misuse (double create, double close, invalid flag, double delete, invalid key, reuse). */
    @Test
    void misuse() {
        DbmSqlite3 db = DbmSqlite3.open(file, "w");
        db.put("key", "value");
        try (DbmSqlite3 again = DbmSqlite3.open(file, "c")) {
            assertThat(again.getItem("key")).isEqualTo(b("value"));
        }
        assertThatThrownBy(() -> DbmSqlite3.open(file, "invalid")).isInstanceOf(Dbm.ValueError.class)
                .hasMessage("Flag must be one of 'r', 'w', 'c', or 'n', not 'invalid'");
        db.remove("key");
        assertThatThrownBy(() -> db.remove("key")).isInstanceOf(Dbm.KeyError.class).hasMessage("b'key'");
        assertThatThrownBy(() -> db.getItem("key")).isInstanceOf(Dbm.KeyError.class);
        db.put("1", "1");
        Iterator<byte[]> it = db.iterator();
        db.close();
        db.close();
        for (Runnable r : List.<Runnable>of(() -> db.getItem("read"), () -> db.put("write", "value"),
                () -> db.remove("del"), db::size, db::keys, db::sync, () -> db.containsKey("k"))) {
            assertThatThrownBy(r::run).isInstanceOf(Dbm.SqliteError.class)
                    .hasMessage("DBM object has already been closed");
        }
        assertThat(it.hasNext()).isTrue();   // a snapshot: Python's iterator would fail on next() instead
    }

    /** test_dbm_sqlite3: Misuse.test_misuse_empty_filename. */
    @Test
    void emptyFilename() {
        for (String flag : List.of("r", "w", "c", "n")) {
            assertThatThrownBy(() -> DbmSqlite3.open(Path.of(""), "c")).as(flag).isInstanceOf(Dbm.SqliteError.class)
                    .hasMessage("unable to open database file");
        }
    }

    /** test_dbm_sqlite3: DataTypes.test_datatypes_replace_coerced (str and bytes keys are one key). */
    @Test
    void strAndBytesKeysAreOneKey() {
        try (DbmSqlite3 db = DbmSqlite3.open(file, "w")) {
            db.put("10", "value");
            db.put(b("10"), b("value"));
            assertThat(db.keys()).containsExactly(b("10"));
            db.put("\u00fc", "x");
            assertThat(db.getItem(new byte[] {(byte) 0xc3, (byte) 0xbc})).isEqualTo(b("x"));
        }
    }

    /** test_dbm_sqlite3: CorruptDatabase.test_corrupt_readwrite, test_corrupt_force_new. */
    @Test
    void corruptDatabase() {
        try (Connection cx = Sqlite3.connect(file)) {
            cx.execute("DROP TABLE IF EXISTS Dict");
            cx.execute("CREATE TABLE Dict (invalid_schema)");
            cx.commit();
        }
        // the messages CPython 3.13 gives for each operation on this file
        Map<String, Runnable> ops = new LinkedHashMap<>();
        for (String flag : List.of("r", "w", "c")) {
            try (DbmSqlite3 db = DbmSqlite3.open(file, flag)) {
                ops.put("no such column: value", () -> db.getItem("key"));
                ops.put("table Dict has no column named key", () -> db.put("key", "value"));
                ops.put("no such column: key", db::keys);
                for (Map.Entry<String, Runnable> op : ops.entrySet()) {
                    assertThatThrownBy(op.getValue()::run).as(flag).isInstanceOf(Dbm.SqliteError.class)
                            .hasMessage(op.getKey());
                }
                assertThatThrownBy(() -> db.remove("key")).isInstanceOf(Dbm.SqliteError.class)
                        .hasMessage("no such column: key");
                assertThatThrownBy(db::size).isInstanceOf(Dbm.SqliteError.class).hasMessage("no such column: key");
            }
        }
        try (DbmSqlite3 db = DbmSqlite3.open(file, "n")) {
            db.put("foo", "write");
            assertThat(db.getItem("foo")).isEqualTo(b("write"));
            assertThat(db.keys()).hasSize(1);
            db.remove("foo");
        }
    }

    /** test_dbm_sqlite3 (open): "n" empties an existing database; "r"/"w" of a missing file fail as SQLite says. */
    @Test
    void flagsNewAndMissing() {
        try (DbmSqlite3 db = DbmSqlite3.open(file, "w")) {
            db.put("k", "v");
        }
        try (DbmSqlite3 db = DbmSqlite3.open(file, "n")) {
            assertThat(db.size()).isZero();
        }
        for (String flag : List.of("r", "w")) {
            assertThatThrownBy(() -> DbmSqlite3.open(dir.resolve("nope"), flag)).isInstanceOf(Dbm.SqliteError.class)
                    .hasMessage("unable to open database file");
        }
        assertThat(Files.exists(dir.resolve("nope"))).isFalse();
    }

    /** test_dbm_sqlite3 (CorruptDatabase's neighbour, no case of its own): a file that is not a database gives
     *  CPython's sqlite3.DatabaseError, as it is. */
    @Test
    void notADatabase() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk"), "hello world, this is not SQLite at all....");
        for (String flag : List.of("r", "w", "c")) {
            assertThatThrownBy(() -> DbmSqlite3.open(junk, flag)).as(flag)
                    .isInstanceOf(Sqlite3.DatabaseError.class).hasMessage("file is not a database");
        }
    }

    /** test_dbm_sqlite3 (mode): a file "c" creates gets {@code mode} less the umask. */
    @Test
    void creationMode() throws Exception {
        Path f = dir.resolve("moded");
        DbmSqlite3.open(f, "c", 0640).close();
        int expected = 0640 & ~OsErrors.umask();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo(PosixFilePermissions.toString(OsErrors.permissions(expected)));
    }

    /** test_dbm_sqlite3 has no case (a Java extra): transaction() commits everything at once, or nothing when the body throws. */
    @Test
    void transactionCommitsOrRollsBack() {
        try (DbmSqlite3 db = DbmSqlite3.open(file, "w")) {
            db.transaction(d -> {
                for (int i = 0; i < 1000; i++) {
                    d.put("k" + i, "v" + i);
                }
                d.transaction(inner -> inner.remove("k0"));
            });
            assertThat(db.size()).isEqualTo(999);
            assertThatThrownBy(() -> db.transaction(d -> {
                d.put("k1", "changed");
                d.remove("k2");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
            assertThat(db.getItem("k1")).isEqualTo(b("v1"));
            assertThat(db.getItem("k2")).isEqualTo(b("v2"));
            assertThatThrownBy(() -> db.transaction(d -> d.remove("absent"))).isInstanceOf(Dbm.KeyError.class);
        }
        try (DbmSqlite3 db = DbmSqlite3.open(file, "r")) {
            assertThat(db.size()).isEqualTo(999);
            assertThatThrownBy(() -> db.transaction(d -> d.put("x", "y"))).isInstanceOf(Dbm.SqliteError.class)
                    .hasMessage("attempt to write a readonly database");
            assertThat(db.getItem("k5")).isEqualTo(b("v5"));
        }
    }

    /**
     * test_dbm_sqlite3 has no case (MutableMapping's update/pop/values); the Java extra: update(Map) in one
     * transaction, a bad entry stores nothing (Python's update() commits each item).
     */
    @Test
    void updateIsOneTransaction() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("a", "1");
        m.put(b("b"), b("2"));
        try (DbmSqlite3 db = DbmSqlite3.open(file, "w")) {
            db.update(m);
            assertThat(db.items()).hasSize(2);
            m.put("c", 3);
            assertThatThrownBy(() -> db.update(m)).isInstanceOf(Dbm.TypeError.class)
                    .hasMessage("values must be bytes or strings, not Integer");
            assertThat(db.size()).isEqualTo(2);
            assertThat(db.pop(b("a"))).isEqualTo(b("1"));
            assertThat(db.pop(b("a"), b("d"))).isEqualTo(b("d"));
            assertThat(db.values()).containsExactly(b("2"));
        }
    }
}
