package org.sqlite3j.dbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.testkit.Python;

/**
 * Live interop with CPython 3.13, both ways: files CPython's dbm.sqlite3 / dbm.dumb / dbm.open write are
 * read here key by key, and files written here are read by CPython key by key.
 */
class InteropTest {

    @TempDir
    Path dir;

    private static final HexFormat HEX = HexFormat.of();

    /** Prints every item of a database as "key-hex length sha256-16", sorted; then whichdb and the module. */
    private static final String DUMP = """
            import sys, hashlib, dbm
            path = sys.argv[1]
            with dbm.open(path, 'r') as db:
                lines = sorted(k.hex() + ' ' + str(len(db[k])) + ' ' + hashlib.sha256(db[k]).hexdigest()[:16]
                               for k in db.keys())
                print(type(db).__module__)
            print(dbm.whichdb(path))
            print('\\n'.join(lines))
            """;

    /** Writes seeded items (binary and text keys, empty to 1 MB values) with the module given. */
    private static final String WRITE = """
            import sys, random, dbm, dbm.dumb, dbm.sqlite3
            backend, path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
            rnd = random.Random(seed)
            opener = {'dbm.dumb': dbm.dumb.open, 'dbm.sqlite3': dbm.sqlite3.open, 'dbm': dbm.open}[backend]
            with opener(path, 'n') as db:
                for i in range(400):
                    k = rnd.randbytes(rnd.randrange(1, 12)) if i % 2 else ('k%d\u00fc' % i).encode()
                    db[k] = rnd.randbytes(rnd.choice([0, 1, 100, 511, 512, 513, 5000]))
                db[b'big'] = b'\\xab' * (1 << 20)
                db['text'] = 'caf\u00e9'
                for k in list(db.keys())[:50]:
                    del db[k]
            """;

    private static String sha(byte[] b) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
    }

    private static Map<String, String> ours(DbmFile db) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (byte[] k : db.keys()) {
            byte[] v = db.getItem(k);
            m.put(HEX.formatHex(k), v.length + " " + sha(v));
        }
        return m;
    }

    private static Map<String, String> parse(String[] lines, int from) {
        Map<String, String> m = new TreeMap<>();
        for (int i = from; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                int sp = lines[i].indexOf(' ');
                m.put(lines[i].substring(0, sp), lines[i].substring(sp + 1));
            }
        }
        return m;
    }

    /**
     * test_dbm_sqlite3 / test_dbm_dumb / test_dbm (files of another implementation): CPython writes
     * (400 items, a 1 MB value, str keys and values, deletes) — we read every key and value, and name the
     * file as CPython does; Python's {@code dbm.open(path, 'n')} makes a dbm.sqlite3 file we read too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dbm.sqlite3", "dbm.dumb", "dbm"})
    void cpythonWritesJavaReads(String backend) throws Exception {
        Path path = dir.resolve("db");
        Python.oracle(13).script(dir, WRITE, backend, path.toString(), "42");
        String[] lines = Python.oracle(13).script(dir, DUMP, path.toString()).split("\n");
        Map<String, String> expected = parse(lines, 2);
        assertThat(expected).hasSizeGreaterThan(300);
        try (DbmFile db = Dbm.open(path)) {
            assertThat(db.backend()).isEqualTo(lines[1]);
            assertThat(ours(db)).isEqualTo(expected);
            assertThat(db.getItem("text")).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Dbm.whichdb(path)).isEqualTo(lines[1]);
    }

    /**
     * test_dbm_sqlite3 / test_dbm_dumb (the other way): we write (stores, replaces, deletes, a 1 MB value;
     * for dbm.sqlite3 also through transaction() and update()) — CPython reads every key and value.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dbm.sqlite3", "dbm.dumb"})
    void javaWritesCPythonReads(String backend) throws Exception {
        Path path = dir.resolve("db");
        Random rnd = new Random(7);
        Map<String, String> mine;
        try (DbmFile db = backend.equals("dbm.dumb") ? DbmDumb.open(path, "n") : Dbm.open(path, "n")) {
            for (int i = 0; i < 400; i++) {
                byte[] k = new byte[1 + rnd.nextInt(10)];
                rnd.nextBytes(k);
                byte[] v = new byte[new int[] {0, 1, 100, 511, 512, 513, 5000}[rnd.nextInt(7)]];
                rnd.nextBytes(v);
                db.put(k, v);
                if (i % 7 == 0) {
                    db.put(k, ("replaced " + i).getBytes(StandardCharsets.US_ASCII));
                }
            }
            db.put("big".getBytes(StandardCharsets.US_ASCII), new byte[1 << 20]);
            db.put("text", "caf\u00e9");
            Map<Object, Object> batch = new LinkedHashMap<>();
            for (int i = 0; i < 100; i++) {
                batch.put("batch" + i, "value" + i);
            }
            if (db instanceof DbmSqlite3 s) {
                s.transaction(d -> d.update(batch));
            } else {
                db.update(batch);
            }
            for (byte[] k : db.keys().subList(0, 30)) {
                db.remove(k);
            }
            mine = ours(db);
        }
        String[] lines = Python.oracle(13).script(dir, DUMP, path.toString()).split("\n");
        assertThat(lines[0]).isEqualTo(backend);
        assertThat(lines[1]).isEqualTo(backend);
        assertThat(parse(lines, 2)).hasSizeGreaterThan(400).isEqualTo(mine);
    }

    /**
     * test_dbm_sqlite3 (autocommit): each store is committed at once, so CPython sees it while our handle
     * is still open (WAL mode, as CPython sets it).
     */
    @Test
    void cpythonSeesEachStoreWhileOpen() throws Exception {
        Path path = dir.resolve("live.sqlite3");
        try (DbmSqlite3 db = DbmSqlite3.open(path, "c")) {
            db.put("k", "v1");
            String out = Python.oracle(13).script(dir, """
                    import sys, dbm.sqlite3, sqlite3
                    with dbm.sqlite3.open(sys.argv[1], 'r') as db:
                        print(db[b'k'])
                    cx = sqlite3.connect(sys.argv[1]); print(cx.execute('PRAGMA journal_mode').fetchone()[0]); cx.close()
                    """, path.toString());
            assertThat(out.split("\n")).startsWith("b'v1'", "wal");
            db.put("k", "v2");
            assertThat(Python.oracle(13).script(dir, "import sys, dbm\nwith dbm.open(sys.argv[1]) as db: print(db[b'k'])\n",
                    path.toString()).strip()).isEqualTo("b'v2'");
        }
    }
}
