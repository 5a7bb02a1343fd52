package org.sqlite3j.dbm.gnu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;

/**
 * Live interop with libgdbm 1.23 through Debian's python3 dbm.gnu and gdbmtool: files written by
 * libgdbm read here, files written here read by libgdbm, and the same operations giving the same
 * file layout (so the same key order) in both.
 */
class DbmGnuInteropTest {

    @TempDir
    Path dir;

    /** The workload both sides run: N keys, values of 0..maxLen bytes, every 3rd deleted, every 7th replaced. */
    private static final String PY_WORKLOAD = String.join("\n",
            "import dbm.gnu, sys",
            "n, maxlen = int(sys.argv[2]), int(sys.argv[3])",
            "db = dbm.gnu.open(sys.argv[1], 'n')",
            "for i in range(n):",
            "    db[b'key%d' % i] = bytes((i + j) % 256 for j in range(i % maxlen))",
            "for i in range(0, n, 3):",
            "    del db[b'key%d' % i]",
            "for i in range(1, n, 7):",
            "    db[b'key%d' % i] = b'R' * ((i * 13) % (2 * maxlen))",
            "db.close()",
            "");

    private static byte[] value(int i, int maxLen) {
        byte[] v = new byte[i % maxLen];
        for (int j = 0; j < v.length; j++) {
            v[j] = (byte) ((i + j) % 256);
        }
        return v;
    }

    private static void javaWorkload(Path file, int n, int maxLen) {
        try (DbmFile db = DbmGnu.open(file, "n", 0666)) {
            for (int i = 0; i < n; i++) {
                db.put(("key" + i).getBytes(StandardCharsets.US_ASCII), value(i, maxLen));
            }
            for (int i = 0; i < n; i += 3) {
                db.remove("key" + i);
            }
            for (int i = 1; i < n; i += 7) {
                db.put(("key" + i).getBytes(StandardCharsets.US_ASCII), "R".repeat((i * 13) % (2 * maxLen)).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    /** Keys left by the workload: not deleted, or re-stored by the replacing pass. */
    private static int live(int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (i % 3 != 0 || i % 7 == 1) {
                c++;
            }
        }
        return c;
    }

    private static byte[] expectedValue(int i, int maxLen) {
        if (i % 7 == 1) {
            return "R".repeat((i * 13) % (2 * maxLen)).getBytes(StandardCharsets.US_ASCII);
        }
        return value(i, maxLen);
    }

    private List<String> pythonKeys(Path file) throws Exception {
        String out = GnuPython.run(dir, String.join("\n",
                "import dbm.gnu, sys",
                "db = dbm.gnu.open(sys.argv[1], 'r')",
                "for k in db.keys(): print(k.hex())",
                ""), file.toString());
        return out.lines().toList();
    }

    @Test
    void libgdbmFileWithSplitsLargeValuesAndDeletesReadsHere() throws Exception {
        GnuPython.assumeAvailable();
        Path file = dir.resolve("py.db");
        int n = 6000;
        int maxLen = 9000;
        GnuPython.run(dir, PY_WORKLOAD, file.toString(), String.valueOf(n), String.valueOf(maxLen));
        List<String> pyKeys = pythonKeys(file);
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            List<String> keys = new ArrayList<>();
            for (byte[] k : db.keys()) {
                keys.add(GnuPython.hex(k));
            }
            assertThat(keys).containsExactlyElementsOf(pyKeys);
            assertThat(db.size()).isEqualTo(live(n));
            for (int i = 0; i < n; i++) {
                byte[] got = db.get("key" + i);
                if (i % 3 == 0 && i % 7 != 1) {
                    assertThat(got).as("key%d", i).isNull();
                } else {
                    assertThat(got).as("key%d", i).isEqualTo(expectedValue(i, maxLen));
                }
            }
        }
    }

    @Test
    void javaFileReadsInLibgdbmAndHasLibgdbmsLayout() throws Exception {
        GnuPython.assumeAvailable();
        Path java = dir.resolve("java.db");
        Path py = dir.resolve("py.db");
        int n = 4000;
        int maxLen = 6000;
        javaWorkload(java, n, maxLen);
        GnuPython.run(dir, PY_WORKLOAD, py.toString(), String.valueOf(n), String.valueOf(maxLen));
        String check = GnuPython.run(dir, String.join("\n",
                "import dbm.gnu, sys",
                "j = dbm.gnu.open(sys.argv[1], 'r'); p = dbm.gnu.open(sys.argv[2], 'r')",
                "assert j.keys() == p.keys(), 'key order differs'",
                "assert all(j[k] == p[k] for k in p.keys()), 'values differ'",
                "assert len(j) == len(p)",
                "k = j.firstkey(); c = 0",
                "while k is not None: c += 1; k = j.nextkey(k)",
                "print(len(j), c)",
                ""), java.toString(), py.toString());
        int live = live(n);
        assertThat(check.trim()).isEqualTo(live + " " + live);
        assertThat(GnuLayout.describe(java)).isEqualTo(GnuLayout.describe(py));
        assertThat(Files.size(java)).isEqualTo(Files.size(py));
        assertGdbmtoolConsistent(java);
    }

    @Test
    void directoryDoublesAsInLibgdbm() throws Exception {
        GnuPython.assumeAvailable();
        Path java = dir.resolve("java.db");
        Path py = dir.resolve("py.db");
        int n = 100_000;
        int maxLen = 3;
        javaWorkload(java, n, maxLen);
        GnuPython.run(dir, PY_WORKLOAD, py.toString(), String.valueOf(n), String.valueOf(maxLen));
        String layout = GnuLayout.describe(java);
        assertThat(layout).startsWith(GnuLayout.describe(py).lines().findFirst().orElseThrow());
        assertThat(layout).doesNotContain("dir_bits=9 ");
        assertThat(layout).isEqualTo(GnuLayout.describe(py));
        assertGdbmtoolConsistent(java);
        assertThat(pythonKeys(java)).hasSize(live(n));
    }

    @Test
    void reorganizeGivesLibgdbmsFile() throws Exception {
        GnuPython.assumeAvailable();
        Path java = dir.resolve("java.db");
        Path py = dir.resolve("py.db");
        javaWorkload(java, 3000, 500);
        GnuPython.run(dir, PY_WORKLOAD, py.toString(), "3000", "500");
        long before = Files.size(java);
        try (Gdbm db = (Gdbm) DbmGnu.open(java, "w", 0666)) {
            db.reorganize();
            db.put("after", "reorganize");
        }
        GnuPython.run(dir, String.join("\n",
                "import dbm.gnu, sys",
                "db = dbm.gnu.open(sys.argv[1], 'w'); db.reorganize(); db[b'after'] = b'reorganize'; db.close()",
                ""), py.toString());
        assertThat(Files.size(java)).isLessThan(before);
        assertThat(GnuLayout.describe(java)).isEqualTo(GnuLayout.describe(py));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(s -> s.startsWith("java.db.")))
                    .as("no temporary file left").isEmpty();
        }
        assertGdbmtoolConsistent(java);
    }

    @Test
    void numsyncFileUpdatedAsLibgdbmDoes() throws Exception {
        GnuPython.assumeAvailable();
        Path java = dir.resolve("java.db");
        Path py = dir.resolve("py.db");
        for (Path p : new Path[] {java, py}) {
            try (var in = getClass().getResourceAsStream("/gnu/numsync.gdbm")) {
                Files.copy(in, p);
            }
        }
        try (Gdbm db = (Gdbm) DbmGnu.open(java, "w", 0666)) {
            for (int i = 0; i < 700; i++) {
                db.put("n" + i, "value " + i);
            }
            db.sync();
            db.sync();
            db.reorganize();
            db.remove("n3");
        }
        GnuPython.run(dir, String.join("\n",
                "import dbm.gnu, sys",
                "db = dbm.gnu.open(sys.argv[1], 'w')",
                "for i in range(700): db[b'n%d' % i] = b'value %d' % i",
                "db.sync(); db.sync(); db.reorganize(); del db[b'n3']; db.close()",
                ""), py.toString());
        String layout = GnuLayout.describe(java);
        assertThat(layout).contains("magic=13579ad1").contains("numsync=1");
        assertThat(layout).isEqualTo(GnuLayout.describe(py));
        assertThat(pythonKeys(java)).isEqualTo(pythonKeys(py));
        assertGdbmtoolConsistent(java);
    }

    /** gdbmtool's own checks: recover (on a copy; it finds nothing to recover) and the avail stack walk. */
    private void assertGdbmtoolConsistent(Path file) throws Exception {
        GnuPython.assumeGdbmtool();
        Path copy = dir.resolve("check-" + file.getFileName());
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        String recover = GnuPython.gdbmtool(copy, false, "recover summary\n");
        assertThat(recover).contains("Recovery succeeded.").contains("Keys recovered: 0, failed: 0, duplicate: 0");
        assertThat(Files.readAllBytes(copy)).as("recover found nothing to rewrite").isEqualTo(Files.readAllBytes(file));
        String avail = GnuPython.gdbmtool(file, true, "avail\ncount\n");
        assertThat(avail).doesNotContainIgnoringCase("error").doesNotContainIgnoringCase("malformed");
    }
}
