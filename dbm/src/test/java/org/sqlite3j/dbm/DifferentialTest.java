package org.sqlite3j.dbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite3j.testkit.Python;

/**
 * A seeded random sequence of stores, replaces, deletes (of present and missing keys), reads, syncs,
 * clears and reopens (flags r, w, c), applied to CPython 3.13's dbm (driven by a Python script) and to
 * ours, compared after every step: the operation's result (value, KeyError, error message), the keys
 * in {@code keys()} order, every value; for dbm.dumb also the bytes of .dir, .dat and .bak.
 */
class DifferentialTest {

    @TempDir
    Path dir;

    private static final HexFormat HEX = HexFormat.of();

    /** The Python side: reads ops from a file, prints "result | state" after each. */
    private static final String DRIVER = """
            import sys, hashlib, os, dbm, dbm.dumb, dbm.sqlite3
            backend, path, opsfile = sys.argv[1], sys.argv[2], sys.argv[3]
            mod = dbm.dumb if backend == 'dbm.dumb' else dbm.sqlite3
            def h(b): return hashlib.sha256(b).hexdigest()[:16]
            def state(db):
                keys = list(db.keys())
                items = sorted(k.hex() + ':' + str(len(db[k])) + ':' + h(db[k]) for k in keys)
                s = 'keys=' + ','.join(k.hex() for k in keys) + ' items=' + ','.join(items)
                if backend == 'dbm.dumb':
                    for e in ('.dir', '.dat', '.bak'):
                        f = path + e
                        s += ' ' + e + '=' + (h(open(f, 'rb').read()) if os.path.exists(f) else '-')
                return s
            db = mod.open(path, 'n')
            out = []
            for line in open(opsfile).read().splitlines():
                op = line.split(' ')
                try:
                    if op[0] == 'put':
                        db[bytes.fromhex(op[1])] = bytes.fromhex(op[2]); r = 'ok'
                    elif op[0] == 'del':
                        del db[bytes.fromhex(op[1])]; r = 'ok'
                    elif op[0] == 'get':
                        r = db[bytes.fromhex(op[1])].hex()
                    elif op[0] == 'reopen':
                        db.close(); db = dbm.open(path, op[1]); r = 'ok'
                    elif op[0] == 'sync':
                        db.sync(); r = 'ok'
                    elif op[0] == 'clear':
                        db.clear(); r = 'ok'
                except KeyError:
                    r = 'KeyError'
                except OSError as e:
                    r = 'err:' + str(e)
                out.append(r + ' | ' + state(db))
            db.close()
            print('\\n'.join(out))
            """;

    private static String h(byte[] b) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
    }

    private static String state(DbmFile db, String backend, Path path) throws Exception {
        List<byte[]> keys = db.keys();
        List<String> hk = new ArrayList<>();
        TreeSet<String> items = new TreeSet<>();
        for (byte[] k : keys) {
            hk.add(HEX.formatHex(k));
            byte[] v = db.getItem(k);
            items.add(HEX.formatHex(k) + ":" + v.length + ":" + h(v));
        }
        StringBuilder s = new StringBuilder("keys=").append(String.join(",", hk))
                .append(" items=").append(String.join(",", items));
        if (backend.equals("dbm.dumb")) {
            for (String e : List.of(".dir", ".dat", ".bak")) {
                Path f = Path.of(path + e);
                s.append(' ').append(e).append('=').append(Files.exists(f) ? h(Files.readAllBytes(f)) : "-");
            }
        }
        return s.toString();
    }

    /** The seeded operations, one a line, as the driver reads them. */
    static List<String> ops(long seed, int steps, boolean sync) {
        Random rnd = new Random(seed);
        List<byte[]> pool = new ArrayList<>();
        for (String k : List.of("a", "b", "key", "0", "q'", "dq\"", "both'\"", "back\\slash", "\u00fc", "\u20ac",
                "tab\tnl\n", "x".repeat(40))) {
            pool.add(k.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 8; i++) {
            byte[] k = new byte[1 + rnd.nextInt(6)];
            rnd.nextBytes(k);
            pool.add(k);
        }
        int[][] sizes = {{0, 1}, {1, 20}, {500, 525}, {1000, 1100}, {2040, 2060}, {3000, 3001}};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            String k = HEX.formatHex(pool.get(rnd.nextInt(pool.size())));
            int p = rnd.nextInt(100);
            if (p < 50) {
                int[] range = sizes[rnd.nextInt(sizes.length)];
                byte[] v = new byte[range[0] + rnd.nextInt(range[1] - range[0])];
                rnd.nextBytes(v);
                out.add("put " + k + " " + HEX.formatHex(v));
            } else if (p < 68) {
                out.add("del " + k);
            } else if (p < 80) {
                out.add("get " + k);
            } else if (p < 92) {
                out.add("reopen " + List.of("c", "w", "w", "r").get(rnd.nextInt(4)));
            } else if (p < 98) {
                out.add(sync ? "sync" : "get " + k);
            } else {
                out.add("clear");
            }
        }
        return out;
    }

    private static String apply(DbmFile[] holder, String line, Path path) {
        String[] op = line.split(" ", -1);
        DbmFile db = holder[0];
        try {
            switch (op[0]) {
                case "put" -> db.put(HEX.parseHex(op[1]), HEX.parseHex(op[2]));
                case "del" -> db.remove(HEX.parseHex(op[1]));
                case "get" -> {
                    return HEX.formatHex(db.getItem(HEX.parseHex(op[1])));
                }
                case "reopen" -> {
                    db.close();
                    holder[0] = Dbm.open(path, op[1]);
                }
                case "sync" -> db.sync();
                case "clear" -> db.clear();
                default -> throw new AssertionError(line);
            }
            return "ok";
        } catch (Dbm.KeyError e) {
            return "KeyError";
        } catch (Dbm.Error e) {
            return "err:" + e.getMessage();
        }
    }

    /**
     * test_dbm_dumb: test_random, test_write_write_read, test_dumbdbm_modification; test_dbm_sqlite3:
     * ReadWrite, ReadOnly; test_dbm: test_anydbm_modification, test_clear — as one seeded sequence
     * compared with CPython step by step (for dbm.dumb, byte for byte).
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"dbm.dumb, 20260101, 300", "dbm.dumb, 7, 300", "dbm.sqlite3, 20260101, 300"})
    void sameAsCPythonAfterEveryStep(String backend, long seed, int steps) throws Exception {
        boolean dumb = backend.equals("dbm.dumb");
        List<String> ops = ops(seed, steps, dumb);
        Path opsFile = Files.write(dir.resolve("ops.txt"), ops);
        Files.createDirectories(dir.resolve("py"));
        Files.createDirectories(dir.resolve("java"));
        Path pyPath = dir.resolve("py").resolve("db");
        String out = Python.oracle(13).script(dir, DRIVER, backend, pyPath.toString(), opsFile.toString());
        String[] expected = out.split("\n");
        assertThat(expected).hasSize(ops.size());
        // the sequence reaches the interesting paths: missing keys and writes to a read-only handle
        assertThat(expected).anyMatch(l -> l.startsWith("KeyError |"));
        assertThat(expected).anyMatch(l -> l.startsWith("err:"));

        Path path = dir.resolve("java").resolve("db");
        DbmFile[] holder = {dumb ? DbmDumb.open(path, "n") : DbmSqlite3.open(path, "n")};
        try {
            for (int i = 0; i < ops.size(); i++) {
                String result = apply(holder, ops.get(i), path);
                String ours = result + " | " + state(holder[0], backend, path);
                String op = ops.get(i);
                assertThat(ours).as("step %d: %s", i, op.length() > 60 ? op.substring(0, 60) + "..." : op)
                        .isEqualTo(expected[i]);
            }
        } finally {
            holder[0].close();
        }
        if (dumb) {
            for (String e : List.of(".dir", ".dat", ".bak")) {
                Path py = Path.of(pyPath + e);
                Path java = Path.of(path + e);
                assertThat(Files.exists(java)).as(e).isEqualTo(Files.exists(py));
                if (Files.exists(py)) {
                    assertThat(Files.readAllBytes(java)).as(e + " after close").isEqualTo(Files.readAllBytes(py));
                }
            }
        }
    }
}
