package org.sqlite3j.dbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DbmDumb}: CPython's test_dbm_dumb, case by case, and the file layout. */
class DbmDumbTest {

    @TempDir
    Path dir;

    Path fname;

    private static final Map<String, byte[]> DICT = new LinkedHashMap<>();

    static {
        DICT.put("0", b(""));
        DICT.put("a", b("Python:"));
        DICT.put("b", b("Programming"));
        DICT.put("c", b("the"));
        DICT.put("d", b("way"));
        DICT.put("f", b("Guido"));
        DICT.put("g", b("intended"));
        DICT.put("\u00fc", b("!"));
    }

    @BeforeEach
    void setUp() {
        fname = dir.resolve("db");
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path ext(String e) {
        return dir.resolve("db" + e);
    }

    private void initDb() {
        try (DbmDumb f = DbmDumb.open(fname, "n")) {
            DICT.forEach(f::put);
        }
    }

    private static void readHelper(DbmFile f) {
        List<String> keys = new ArrayList<>();
        for (byte[] k : f.keys()) {
            keys.add(new String(k, StandardCharsets.UTF_8));
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(DICT.keySet());
        DICT.forEach((k, v) -> assertThat(f.getItem(k)).as(k).isEqualTo(v));
    }

    /** test_dbm_dumb: test_dumbdbm_creation, test_dumbdbm_keys, test_context_manager. */
    @Test
    void creation() {
        try (DbmDumb f = DbmDumb.open(fname, "c")) {
            assertThat(f.keys()).isEmpty();
            DICT.forEach(f::put);
            readHelper(f);
            assertThat(f.backend()).isEqualTo("dbm.dumb");
        }
        try (DbmDumb f = DbmDumb.open(fname)) {
            readHelper(f);
        }
    }

    /** test_dbm_dumb: test_dumbdbm_creation_mode (mode less the umask, on .dat and .dir). */
    @Test
    void creationMode() throws Exception {
        DbmDumb.open(fname, "c", 0637).close();
        String expected = PosixFilePermissions.toString(OsErrors.permissions(0637 & ~OsErrors.umask()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ext(".dat")))).isEqualTo(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ext(".dir")))).isEqualTo(expected);
    }

    /** test_dbm_dumb: test_close_twice, test_check_closed (every operation after close, CPython's message). */
    @Test
    void closeTwiceAndCheckClosed() {
        DbmDumb f = DbmDumb.open(fname);
        f.put("a", "b");
        assertThat(f.getItem("a")).isEqualTo(b("b"));
        f.close();
        f.close();
        for (Runnable r : List.<Runnable>of(() -> f.remove("test"), () -> f.put("b", "test"), () -> f.getItem("test"),
                () -> f.containsKey("test"), f::keys, f::items, f::size, f::iterator)) {
            assertThatThrownBy(r::run).isInstanceOf(Dbm.DumbError.class).hasMessage("DBM object has already been closed");
        }
        f.sync();   // Python's dumb sync() on a closed object does nothing
    }

    /** test_dbm_dumb: test_dumbdbm_modification, test_dumbdbm_read (read-only errors), test_str_read. */
    @Test
    void modificationAndRead() {
        initDb();
        try (DbmDumb f = DbmDumb.open(fname, "w")) {
            f.put("g", "indented");
            assertThat(f.getItem("g")).isEqualTo(b("indented"));
            assertThat(f.setdefault(b("xxx"), b("foo"))).isEqualTo(b("foo"));
            assertThat(f.getItem("xxx")).isEqualTo(b("foo"));
            f.remove("xxx");
            f.put("g", "intended");
        }
        try (DbmDumb f = DbmDumb.open(fname, "r")) {
            readHelper(f);
            assertThatThrownBy(() -> f.put("g", "x")).isInstanceOf(Dbm.DumbError.class)
                    .hasMessage("The database is opened for reading only");
            assertThatThrownBy(() -> f.remove("a")).isInstanceOf(Dbm.DumbError.class)
                    .hasMessage("The database is opened for reading only");
            assertThat(f.get("a")).isEqualTo(b("Python:"));
            assertThat(f.get(b("xxx"), b("foo"))).isEqualTo(b("foo"));
            assertThat(f.get("xxx")).isNull();
            assertThatThrownBy(() -> f.getItem("xxx")).isInstanceOf(Dbm.KeyError.class);
            assertThat(f.getItem("\u00fc")).isEqualTo(b("!"));
        }
    }

    /** test_dbm_dumb: test_write_contains, test_write_write_read, test_str_write_contains. */
    @Test
    void writeWriteRead() {
        try (DbmDumb f = DbmDumb.open(fname)) {
            f.put("1", "hello");
            assertThat(f.containsKey("1")).isTrue();
            f.put("1", "hello2");
            f.put("\u00fc", "!");
        }
        try (DbmDumb f = DbmDumb.open(fname, "r")) {
            assertThat(f.getItem("1")).isEqualTo(b("hello2"));
            assertThat(f.containsKey("\u00fc")).isTrue();
        }
    }

    /** test_dbm_dumb: test_line_endings (a .dir with \r\n, and with bare \r, still reads). */
    @Test
    void lineEndings() throws Exception {
        try (DbmDumb f = DbmDumb.open(fname)) {
            f.put("1", "hello");
            f.put("2", "hello2");
        }
        String text = Files.readString(ext(".dir"), StandardCharsets.ISO_8859_1);
        for (String eol : List.of("\r\n", "\r")) {
            Files.writeString(ext(".dir"), text.replace("\n", eol), StandardCharsets.ISO_8859_1);
            try (DbmDumb f = DbmDumb.open(fname)) {
                assertThat(f.getItem("1")).isEqualTo(b("hello"));
                assertThat(f.getItem("2")).isEqualTo(b("hello2"));
            }
        }
    }

    /** test_dbm_dumb: test_random (seeded; values up to 10000 bytes, reopened five times). */
    @Test
    void random() {
        Random rnd = new Random(1172763);
        Map<String, byte[]> d = new HashMap<>();
        for (int round = 0; round < 5; round++) {
            try (DbmDumb f = DbmDumb.open(fname)) {
                for (int i = 0; i < 100; i++) {
                    String k = String.valueOf("abcdefghijklm".charAt(rnd.nextInt(13)));
                    if (rnd.nextDouble() < 0.2) {
                        if (d.remove(k) != null) {
                            f.remove(k);
                        }
                    } else {
                        byte[] v = b(String.valueOf("abc".charAt(rnd.nextInt(3))).repeat(rnd.nextInt(10000)));
                        d.put(k, v);
                        f.put(k, v);
                        assertThat(f.getItem(k)).isEqualTo(v);
                    }
                }
            }
            try (DbmDumb f = DbmDumb.open(fname)) {
                assertThat(f.size()).isEqualTo(d.size());
                d.forEach((k, v) -> assertThat(f.getItem(k)).isEqualTo(v));
            }
        }
    }

    /** test_dbm_dumb: test_create_new. */
    @Test
    void createNew() {
        initDb();
        try (DbmDumb f = DbmDumb.open(fname, "n")) {
            assertThat(f.keys()).isEmpty();
        }
        assertThat(ext(".bak")).doesNotExist();
    }

    /** test_dbm_dumb: test_eval (nothing in .dir is ever evaluated: a non-literal is ValueError). */
    @Test
    void eval() throws Exception {
        Files.writeString(ext(".dir"), "str(print('Hacked!')), 0\n");
        assertThatThrownBy(() -> DbmDumb.open(fname)).isInstanceOf(Dbm.ValueError.class)
                .hasMessageContaining("line 1");
        Files.writeString(ext(".dir"), "'k', (0, 1), 2\n");
        assertThatThrownBy(() -> DbmDumb.open(fname)).isInstanceOf(Dbm.ValueError.class);
        Files.writeString(ext(".dir"), "'\\u0100', (0, 1)\n");
        assertThatThrownBy(() -> DbmDumb.open(fname)).isInstanceOf(Dbm.ValueError.class)
                .hasMessageContaining("'latin-1' codec can't encode");
    }

    /** test_dbm_dumb: hand-written .dir lines CPython's literal_eval accepts (escapes, spaces, a trailing comma). */
    @Test
    void literalForms() throws Exception {
        Files.write(ext(".dat"), b("0123456789"));
        Files.writeString(ext(".dir"), " \"a\\x41\\101\\n\\u00e9\" ,( 2 , 3 ,)  \n'b', (0, 2)\n",
                StandardCharsets.ISO_8859_1);
        try (DbmDumb f = DbmDumb.open(fname, "r")) {
            assertThat(f.getItem(new byte[] {'a', 'A', 'A', '\n', (byte) 0xe9})).isEqualTo(b("234"));
            assertThat(f.getItem("b")).isEqualTo(b("01"));
        }
    }

    /** test_dbm_dumb: test_missing_data (r/w need the files; c/n make them; .bak only after a change). */
    @Test
    void missingData() {
        for (String flag : List.of("r", "w")) {
            assertThatThrownBy(() -> DbmDumb.open(fname, flag)).isInstanceOf(Dbm.DumbError.class)
                    .hasMessage("[Errno 2] No such file or directory: b'" + ext(".dat") + "'");
            assertThat(ext(".dat")).doesNotExist();
            assertThat(ext(".dir")).doesNotExist();
        }
        for (String flag : List.of("c", "n")) {
            try (DbmDumb f = DbmDumb.open(fname, flag)) {
                assertThat(ext(".dat")).exists();
                assertThat(ext(".dir")).exists();
            }
            assertThat(ext(".bak")).doesNotExist();
            try (DbmDumb f = DbmDumb.open(fname, flag)) {
                f.put("key", "value");
                assertThat(ext(".bak")).doesNotExist();
            }
            assertThat(ext(".bak")).exists();
        }
    }

    /** test_dbm_dumb: test_missing_index. */
    @Test
    void missingIndex() throws Exception {
        DbmDumb.open(fname, "n").close();
        Files.delete(ext(".dir"));
        for (String flag : List.of("r", "w")) {
            assertThatThrownBy(() -> DbmDumb.open(fname, flag)).isInstanceOf(Dbm.DumbError.class)
                    .hasMessage("[Errno 2] No such file or directory: b'" + ext(".dir") + "'");
            assertThat(ext(".dir")).doesNotExist();
        }
        for (String flag : List.of("c", "n")) {
            DbmDumb.open(fname, flag).close();
            assertThat(ext(".dir")).exists();
            assertThat(ext(".bak")).doesNotExist();
            Files.delete(ext(".dir"));
        }
    }

    /** test_dbm_dumb: test_sync_empty_unmodified, test_sync_nonempty_unmodified. */
    @Test
    void syncUnmodified() throws Exception {
        try (DbmDumb f = DbmDumb.open(fname, "c")) {
            f.sync();
            assertThat(ext(".bak")).doesNotExist();
            Files.delete(ext(".dir"));
            f.sync();
            assertThat(ext(".dir")).doesNotExist();
        }
        assertThat(ext(".dir")).doesNotExist();
        try (DbmDumb f = DbmDumb.open(fname, "c")) {
            f.put("key", "value");
            f.sync();
            assertThat(ext(".dir")).exists();
            assertThat(ext(".bak")).exists();
            Files.delete(ext(".dir"));
            Files.delete(ext(".bak"));
            f.sync();
            assertThat(ext(".dir")).doesNotExist();
        }
        assertThat(ext(".dir")).doesNotExist();
        assertThat(ext(".bak")).doesNotExist();
    }

    /** test_dbm_dumb: test_invalid_flag. */
    @Test
    void invalidFlag() {
        for (String flag : new String[] {"x", "rf", null}) {
            assertThatThrownBy(() -> DbmDumb.open(fname, flag)).isInstanceOf(Dbm.ValueError.class)
                    .hasMessage("Flag must be one of 'r', 'w', 'c', or 'n'");
        }
    }

    /** test_dbm_dumb: test_readonly_files (flag "r" never writes: the files stay byte for byte). */
    @Test
    void readonlyWritesNothing() throws Exception {
        initDb();
        byte[] dirBytes = Files.readAllBytes(ext(".dir"));
        byte[] bakBytes = Files.readAllBytes(ext(".bak"));
        try (DbmDumb f = DbmDumb.open(fname, "r")) {
            readHelper(f);
            f.sync();
        }
        assertThat(Files.readAllBytes(ext(".dir"))).isEqualTo(dirBytes);
        assertThat(Files.readAllBytes(ext(".bak"))).isEqualTo(bakBytes);
    }

    /** test_dbm_dumb: test_nonascii_filename. */
    @Test
    void nonAsciiFilename() {
        Path f = dir.resolve("d\u00e9j\u00e0-\u20ac");
        try (DbmDumb db = DbmDumb.open(f, "c")) {
            db.put("key", "value");
        }
        assertThat(dir.resolve("d\u00e9j\u00e0-\u20ac.dat")).exists();
        try (DbmDumb db = DbmDumb.open(f, "r")) {
            assertThat(db.keys()).containsExactly(b("key"));
            assertThat(db.getItem("key")).isEqualTo(b("value"));
        }
    }

    /**
     * test_dbm_dumb (the layout dumb.py documents): 512-byte blocks, values rewritten in place when they
     * fit their old blocks, appended otherwise; .dir lines as Python's repr; keys in insertion order; a
     * failed delete still marks the index changed (as Python's {@code __delitem__}).
     */
    @Test
    void fileLayout() throws Exception {
        try (DbmDumb f = DbmDumb.open(fname, "n")) {
            f.put("a", "x".repeat(700));            // (0, 700): two blocks
            f.put("b", "y");                        // (1024, 1)
            f.put("a", "z".repeat(1000));           // fits two blocks: (0, 1000)
            f.put("b", "w".repeat(513));            // needs two, had one: appended at 1536
            f.put("q'\"\\\t\u00e9", "v");
            assertThatThrownBy(() -> f.remove("nope")).isInstanceOf(Dbm.KeyError.class);
            assertThat(f.keys()).containsExactly(b("a"), b("b"), b("q'\"\\\t\u00e9"));
        }
        assertThat(Files.readString(ext(".dir"), StandardCharsets.ISO_8859_1)).isEqualTo(
                "'a', (0, 1000)\n'b', (1536, 513)\n'q\\'\"\\\\\\t\u00c3\u00a9', (2560, 1)\n");
        assertThat(Files.size(ext(".dat"))).isEqualTo(2561);
        byte[] dat = Files.readAllBytes(ext(".dat"));
        assertThat(dat[1000]).isEqualTo((byte) 0);    // NUL padding up to the next block
        assertThat(dat[1024]).isEqualTo((byte) 'y');  // the lost block of the old "b" value
        assertThat(ext(".bak")).exists();
    }
}
