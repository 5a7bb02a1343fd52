package org.sqlite3j.dbm.gnu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;

/**
 * A writer killed with SIGKILL: a child JVM ({@link GnuKillWriter}) stores, replaces and deletes keys
 * in a GDBM file and is killed after some thousands of operations. What is guaranteed, and checked
 * here: the file opens again, in Java and in libgdbm (Debian's python3 {@code dbm.gnu}), without
 * recovery; both list the same keys and values and agree with their count; every operation that had
 * returned before the kill is in the file (each update is written before the store returns, as
 * libgdbm's writes into its mapping are, so a process kill loses nothing finished); and the file takes
 * further writes. Only the key of the operation under way at the kill may have either state.
 * (A machine crash is another matter: without the "s" flag nothing is fsynced before close, as in GDBM.)
 */
class DbmGnuKillTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1_500, 9_000, 24_000})
    void writerKilledMidWayLeavesAFileJavaAndLibgdbmRead(int killAfter) throws Exception {
        Path file = dir.resolve("killed.db");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                GnuKillWriter.class.getName(), file.toString(), "1000000")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int last = -1;
        boolean killed = false;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("done")) {
                    break;
                }
                last = Integer.parseInt(line);
                if (!killed && last >= killAfter) {
                    // SIGKILL, keeping the pipe open: the lines the child wrote before it died still count
                    killed = child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(killed).as("the child reached %d operations", killAfter).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        Map<String, String> model = new HashMap<>();
        for (int i = 0; i <= last; i++) {
            GnuKillWriter.apply(model, i);
        }
        String inFlight = GnuKillWriter.key(last + 1);
        Map<String, String> before = new HashMap<>(model);
        GnuKillWriter.apply(model, last + 1);
        String after = model.get(inFlight);

        TreeMap<String, String> seen = new TreeMap<>();
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            List<byte[]> keys = db.keys();
            for (byte[] k : keys) {
                seen.put(new String(k, StandardCharsets.UTF_8), new String(db.getItem(k), StandardCharsets.UTF_8));
            }
            assertThat(db.size()).isEqualTo(keys.size()).isEqualTo(seen.size());
        }
        for (var e : before.entrySet()) {
            if (!e.getKey().equals(inFlight)) {
                assertThat(seen.get(e.getKey())).as("%s after %d finished operations", e.getKey(), last + 1)
                        .isEqualTo(e.getValue());
            }
        }
        List<String> extra = new ArrayList<>(seen.keySet());
        extra.removeAll(before.keySet());
        extra.remove(inFlight);
        assertThat(extra).as("keys no finished operation stored").isEmpty();
        if (seen.containsKey(inFlight)) {
            assertThat(seen.get(inFlight)).isIn(before.get(inFlight), after);
        }

        GnuPython.assumeAvailable();
        String py = GnuPython.run(dir, String.join("\n",
                "import dbm.gnu, hashlib, sys",
                "db = dbm.gnu.open(sys.argv[1], 'r')",
                "items = sorted((k, db[k]) for k in db.keys())",
                "h = hashlib.sha256()",
                "for k, v in items:",
                "    h.update(k + b'=' + v + b';')",
                "print(len(items), len(db), h.hexdigest())",
                "db.close()",
                ""), file.toString());
        assertThat(py.trim()).isEqualTo(seen.size() + " " + seen.size() + " " + digest(seen));

        try (DbmFile db = DbmGnu.open(file, "w", 0666)) {
            db.put("after-the-kill", "still writable");
        }
        String again = GnuPython.run(dir, "import dbm.gnu, sys\n"
                + "db = dbm.gnu.open(sys.argv[1], 'r')\nprint(db[b'after-the-kill'].decode(), len(db))\n",
                file.toString());
        assertThat(again.trim()).isEqualTo("still writable " + (seen.size() + 1));
    }

    /** SHA-256 of k=v; over the pairs in key order (keys and values ASCII, so byte and string order agree). */
    private static String digest(TreeMap<String, String> items) throws Exception {
        MessageDigest h = MessageDigest.getInstance("SHA-256");
        for (var e : items.entrySet()) {
            h.update((e.getKey() + "=" + e.getValue() + ";").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(h.digest());
    }
}
