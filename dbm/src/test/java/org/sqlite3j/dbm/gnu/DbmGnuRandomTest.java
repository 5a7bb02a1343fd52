package org.sqlite3j.dbm.gnu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;

/**
 * A seeded random sequence of stores, replaces (smaller, equal, larger, multi-block), deletes
 * (present and missing), bulk loads, reopens and reorganizes, applied to a file here and to one in
 * libgdbm (a CPython session); after every step both list the same keys in the same order with the
 * same values, and at checkpoints both files have the same layout.
 */
class DbmGnuRandomTest {

    @TempDir
    Path dir;

    private static String dump(DbmFile db) {
        StringBuilder sb = new StringBuilder();
        List<byte[]> keys = db.keys();
        for (byte[] k : keys) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(GnuPython.hex(k)).append(':').append(GnuPython.hex(db.getItem(k)));
        }
        return sb.append(" #").append(db.size()).toString();
    }

    /** The first record where two dumps differ, and their lengths (dumps are too long for a message). */
    static String firstDifference(String mine, String theirs) {
        String[] a = mine.split(" ");
        String[] b = theirs.split(" ");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "record " + i + ": java " + cut(a[i]) + " vs libgdbm " + cut(b[i])
                        + " (records: " + a.length + " vs " + b.length + ")";
            }
        }
        return "records: " + a.length + " vs " + b.length;
    }

    private static String cut(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static int randomSize(Random rnd) {
        int r = rnd.nextInt(100);
        if (r < 60) {
            return rnd.nextInt(40);
        } else if (r < 90) {
            return rnd.nextInt(2000);
        }
        return 4000 + rnd.nextInt(12000);
    }

    @Test
    void javaAndLibgdbmAgreeAfterEveryStep() throws Exception {
        GnuPython.assumeAvailable();
        Path javaFile = dir.resolve("java.db");
        Path pyFile = dir.resolve("py.db");
        Random rnd = new Random(20261207L);
        List<byte[]> pool = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            pool.add(randomBytes(rnd, rnd.nextInt(12)));
        }
        try (GnuPython.Session py = new GnuPython.Session(dir)) {
            assertThat(py.call("open " + pyFile + " n")).isEqualTo("ok");
            DbmFile db = DbmGnu.open(javaFile, "n", 0666);
            int bulk = 0;
            try {
                for (int step = 0; step < 400; step++) {
                    int op = rnd.nextInt(100);
                    String what;
                    if (op < 50) {
                        byte[] k = pool.get(rnd.nextInt(pool.size()));
                        byte[] v = randomBytes(rnd, randomSize(rnd));
                        what = "store " + GnuPython.word(k) + " " + GnuPython.word(v);
                        db.put(k, v);
                        assertThat(py.call(what)).isEqualTo("ok");
                    } else if (op < 80) {
                        byte[] k = pool.get(rnd.nextInt(pool.size()));
                        what = "delete " + GnuPython.word(k);
                        String pyAnswer = py.call(what);
                        boolean present = db.containsKey(k);
                        if (present) {
                            db.remove(k);
                            assertThat(pyAnswer).isEqualTo("ok");
                        } else {
                            assertThat(pyAnswer).startsWith("error KeyError");
                        }
                    } else if (op < 88) {
                        int n = 50 + rnd.nextInt(300);
                        what = "bulk " + n;
                        for (int i = 0; i < n; i++) {
                            byte[] k = ("bulk" + bulk++).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                            byte[] v = randomBytes(rnd, rnd.nextInt(30));
                            db.put(k, v);
                            assertThat(py.call("store " + GnuPython.word(k) + " " + GnuPython.word(v))).isEqualTo("ok");
                        }
                    } else if (op < 97) {
                        what = "reopen";
                        db.close();
                        assertThat(py.call("close")).isEqualTo("ok");
                        db = DbmGnu.open(javaFile, "w", 0666);
                        assertThat(py.call("open " + pyFile + " w")).isEqualTo("ok");
                    } else {
                        what = "reorganize";
                        ((Gdbm) db).reorganize();
                        assertThat(py.call("reorganize")).isEqualTo("ok");
                    }
                    String mine = dump(db);
                    String theirs = py.call("dump");
                    if (!mine.equals(theirs)) {
                        throw new AssertionError("step " + step + " (" + (what.length() > 80 ? what.substring(0, 80) : what)
                                + "): " + firstDifference(mine, theirs));
                    }
                    if (step % 50 == 49) {
                        assertThat(GnuLayout.describe(javaFile)).as("layout after step %d", step)
                                .isEqualTo(GnuLayout.describe(pyFile));
                    }
                }
            } finally {
                db.close();
            }
            assertThat(py.call("close")).isEqualTo("ok");
        }
        assertThat(GnuLayout.describe(javaFile)).isEqualTo(GnuLayout.describe(pyFile));
    }

    @Test
    void reopenedReaderSeesEveryWrite() {
        Path file = dir.resolve("r.db");
        Random rnd = new Random(5);
        java.util.Map<String, byte[]> model = new java.util.HashMap<>();
        try (DbmFile db = DbmGnu.open(file, "c", 0666)) {
            for (int i = 0; i < 3000; i++) {
                String k = "k" + rnd.nextInt(1500);
                if (rnd.nextInt(4) == 0) {
                    if (model.remove(k) != null) {
                        db.remove(k);
                    } else {
                        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.remove(k))
                                .isInstanceOf(Dbm.KeyError.class);
                    }
                } else {
                    byte[] v = randomBytes(rnd, randomSize(rnd));
                    model.put(k, v);
                    db.put(k, v);
                }
            }
        }
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.size()).isEqualTo(model.size());
            for (var e : model.entrySet()) {
                assertThat(db.get(e.getKey())).isEqualTo(e.getValue());
            }
        }
    }
}
