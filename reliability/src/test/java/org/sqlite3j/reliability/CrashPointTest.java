package org.sqlite3j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;
import org.sqlite3j.dbm.DbmSqlite3;
import org.sqlite3j.testkit.Python;

/**
 * The dbm guarantees of {@link DbmCrashCheck} at chosen moments rather than random ones: while a writer
 * is open, its files are copied — the bytes the kernel holds then, which is what a process killed at
 * that moment leaves — and the copy is opened in Java (and in CPython 3.13 for dbm.dumb, which must
 * read the same bytes).
 *
 * <p>dbm.dumb is where a kill loses or mixes acknowledged work: a replacement that needs more 512-byte
 * blocks than the old value is appended and recorded only in the in-memory index, so until
 * {@code sync()} the file still reads the old value; one written in place with another length reads as
 * the new bytes cut or padded to the old length. New keys and deletes are on disk at once. dbm.gnu and
 * dbm.sqlite3 have every store and delete on disk when the call returns, without {@code sync()}.
 */
class CrashPointTest {

    @TempDir
    Path dir;

    private int snapshots;

    /** Copies the named files to a new directory, as a kill at this moment leaves them. */
    private Path snapshot(String... names) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("snapshot-" + ++snapshots));
        for (String name : names) {
            Path from = dir.resolve(name);
            if (Files.exists(from)) {
                Files.copy(from, copy.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private static Map<String, String> read(DbmFile db) {
        Map<String, String> out = new TreeMap<>();
        try (db) {
            for (byte[] k : db.keys()) {
                out.put(new String(k, StandardCharsets.US_ASCII), new String(db.get(k), StandardCharsets.US_ASCII));
            }
        }
        return out;
    }

    private Map<String, String> dumbSnapshot(List<Map<String, String>> seen) throws IOException {
        Path copy = snapshot("d.dir", "d.dat");
        Map<String, String> read = read(DbmDumb.open(copy.resolve("d"), "r"));
        seen.add(read);
        return read;
    }

    /** test_dbm_dumb has no crash cases; this pins dumb.py's write order (shared by CPython 3.13). */
    @Test
    void dumbKeepsNewKeysAndDeletesAtOnceButReplacementsOnlyFromSync() throws Exception {
        List<Map<String, String>> seen = new ArrayList<>();
        try (DbmDumb db = DbmDumb.open(dir.resolve("d"), "n")) {
            db.put("a", "x".repeat(700));                     // new: .dat then a .dir line
            db.put("b", "y");
            assertThat(dumbSnapshot(seen)).containsEntry("a", "x".repeat(700)).containsEntry("b", "y");

            db.put("b", "w".repeat(513));                     // needs two blocks: appended, index in memory
            assertThat(dumbSnapshot(seen)).containsEntry("b", "y");

            db.put("a", "z".repeat(1000));                    // fits its two blocks: in place, old length on disk
            assertThat(dumbSnapshot(seen)).containsEntry("a", "z".repeat(700));

            db.sync();                                        // the index written: everything as acknowledged
            assertThat(dumbSnapshot(seen)).containsEntry("a", "z".repeat(1000)).containsEntry("b", "w".repeat(513));

            db.put("a", "q".repeat(10));                      // shorter, in place: new bytes, old length
            assertThat(dumbSnapshot(seen)).containsEntry("a", "q".repeat(10) + "z".repeat(990));

            db.remove("b");                                   // a delete rewrites the index at once
            db.put("c", "new");
            assertThat(dumbSnapshot(seen)).doesNotContainKey("b").containsEntry("c", "new")
                    .containsEntry("a", "q".repeat(10));
        }
        Optional<Python> oracle = Python.findOracle(13);
        if (oracle.isPresent()) {
            Python python = oracle.get();
            StringBuilder script = new StringBuilder("import dbm.dumb, sys\nfor d in sys.argv[1:]:\n"
                    + "    with dbm.dumb.open(d + '/d', 'r') as db:\n"
                    + "        print(sorted((k.decode(), v.decode()) for k, v in db.items()))\n");
            List<String> args = new ArrayList<>();
            for (int i = 1; i <= snapshots; i++) {
                args.add(dir.resolve("snapshot-" + i).toString());
            }
            List<String> lines = Texts.lines(python.call().dir(dir).script(script.toString(),
                    args.toArray(String[]::new)));
            List<String> java = new ArrayList<>();
            for (Map<String, String> m : seen) {
                List<String> items = new ArrayList<>();
                m.forEach((k, v) -> items.add("('" + k + "', '" + v + "')"));
                java.add("[" + String.join(", ", items) + "]");
            }
            assertThat(lines).as("CPython %s reading the same snapshots", python).isEqualTo(java);
        }
    }

    /** libgdbm's _gdbm_end_update writes each update whole before it returns; so does this writer. */
    @Test
    void gnuHasEveryStoreAndDeleteOnDiskWithoutSync() throws Exception {
        try (DbmFile db = DbmGnu.open(dir.resolve("g.db"), "n", 0666)) {
            for (int i = 0; i < 2000; i++) {                  // enough to split buckets and grow the directory
                db.put("k" + i, "v".repeat(i % 97) + i);
            }
            db.put("k7", "replaced, longer than before: " + "r".repeat(300));
            db.put("k8", "s");
            db.remove("k9");
            Map<String, String> read = read(DbmGnu.open(snapshot("g.db").resolve("g.db"), "r", 0666));
            assertThat(read).hasSize(1999).doesNotContainKey("k9").containsEntry("k8", "s")
                    .containsEntry("k7", "replaced, longer than before: " + "r".repeat(300))
                    .containsEntry("k1999", "v".repeat(1999 % 97) + 1999);
        }
    }

    /** CPython's dbm.sqlite3 runs in autocommit: each store and delete is a committed transaction. */
    @Test
    void sqlite3HasEveryStoreAndDeleteCommittedWithoutSync() throws Exception {
        try (DbmFile db = DbmSqlite3.open(dir.resolve("s.db"), "c")) {
            for (int i = 0; i < 50; i++) {
                db.put("k" + i, "v" + i);
            }
            db.remove("k3");
            db.put("k4", "replaced");
            Map<String, String> read = read(DbmSqlite3.open(snapshot("s.db", "s.db-wal").resolve("s.db"), "r"));
            assertThat(read).hasSize(49).doesNotContainKey("k3").containsEntry("k4", "replaced").containsEntry("k49", "v49");
        }
    }
}
