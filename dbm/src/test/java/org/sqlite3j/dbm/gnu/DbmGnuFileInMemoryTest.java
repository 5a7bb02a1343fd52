package org.sqlite3j.dbm.gnu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;

/**
 * {@link GdbmChannel} keeps the file's bytes in memory in chunks: with a limit of two chunks (chunks
 * dropped and read again while writing and reading) the file is still libgdbm's and reads back
 * whole; and a file truncated under an open reader — by another channel, or by libgdbm itself when
 * Python opens it with flag "n" (libgdbm's flock does not see Java's lock) — gives
 * {@code Unexpected end of file} for what is no longer there, never another exception or a crash
 * (a mapped file would fault there).
 */
class DbmGnuFileInMemoryTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> workload(int n) {
        Random rnd = new Random(11);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("key-" + i, i + ":" + "v".repeat(rnd.nextInt(300)));
        }
        return m;
    }

    @Test
    void twoChunksOfCacheWriteAndReadTheSameFile() throws Exception {
        Path file = dir.resolve("small-cache.db");
        Map<String, String> model = workload(6000);
        Random rnd = new Random(5);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            GdbmChannel io = new GdbmChannel(ch, 2L * GdbmChannel.CHUNK);
            GdbmEngine db = GdbmEngine.open(io, true, false, 4096, false);
            int i = 0;
            for (var e : model.entrySet()) {
                db.store(b(e.getKey()), b(e.getValue()), true);
                if (++i % 3 == 0) {
                    String k = "key-" + rnd.nextInt(i);
                    assertThat(db.fetch(b(k))).as("%s after %d stores", k, i).isEqualTo(b(model.get(k)));
                }
            }
            assertThat(io.size()).as("the file is far larger than the cache").isGreaterThan(20L * GdbmChannel.CHUNK);
            for (var e : model.entrySet()) {
                assertThat(db.fetch(b(e.getKey()))).isEqualTo(b(e.getValue()));
            }
            db.endUpdate();
            io.force();
        }
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.size()).isEqualTo(model.size());
            for (var e : model.entrySet()) {
                assertThat(db.get(e.getKey())).isEqualTo(b(e.getValue()));
            }
        }
        GnuPython.assumeAvailable();
        String out = GnuPython.run(dir, "import dbm.gnu, sys\ndb = dbm.gnu.open(sys.argv[1], 'r')\n"
                + "print(len(db), sum(len(db[k]) for k in db.keys()))\n", file.toString());
        long bytes = model.values().stream().mapToLong(v -> b(v).length).sum();
        assertThat(out.trim()).isEqualTo(model.size() + " " + bytes);
    }

    @Test
    void bucketsDroppedFromASmallCacheAreReadAgainNotReused() throws Exception {
        Path small = dir.resolve("small-bucket-cache.db");
        Path normal = dir.resolve("normal.db");
        Map<String, String> model = new LinkedHashMap<>();
        Random rnd = new Random(3);
        try (FileChannel ch = FileChannel.open(small, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); DbmFile ref = DbmGnu.open(normal, "n", 0666)) {
            GdbmChannel io = new GdbmChannel(ch);
            GdbmEngine db = GdbmEngine.open(io, true, false, 4096, false);
            db.bucketCacheLimit = 8;
            for (int i = 0; i < 12_000; i++) {
                String k = "key-" + rnd.nextInt(9_000);
                if (rnd.nextInt(5) == 0) {
                    boolean had = model.remove(k) != null;
                    assertThat(db.delete(b(k))).isEqualTo(had);
                    ref.pop(b(k), null);
                } else {
                    String v = i + "-" + "w".repeat(rnd.nextInt(200));
                    model.put(k, v);
                    db.store(b(k), b(v), true);
                    ref.put(k, v);
                }
                String probe = "key-" + rnd.nextInt(9_000);
                byte[] want = model.containsKey(probe) ? b(model.get(probe)) : null;
                assertThat(db.fetch(b(probe))).as("%s after %d operations", probe, i).isEqualTo(want);
            }
            assertThat(db.dir.length).as("far more buckets than the 8 kept").isGreaterThan(64);
            assertThat(db.count()).isEqualTo(model.size());
            db.endUpdate();
            io.force();
        }
        assertThat(GnuLayout.describe(small)).isEqualTo(GnuLayout.describe(normal));
    }

    private Path javaFile(Map<String, String> model) {
        Path file = dir.resolve("truncated.db");
        try (DbmFile db = DbmGnu.open(file, "n", 0666)) {
            model.forEach(db::put);
        }
        return file;
    }

    /** Reads every key after the truncation: the old value (bytes read before it) or the GDBM error. */
    private static int errorsAfterTruncation(DbmFile db, Map<String, String> model) {
        int errors = 0;
        for (var e : model.entrySet()) {
            try {
                byte[] v = db.get(e.getKey());
                if (v != null) {
                    assertThat(v).isEqualTo(b(e.getValue()));
                }
            } catch (Dbm.GnuError err) {
                assertThat(err.getMessage()).isIn(GdbmConst.FILE_EOF, GdbmConst.BAD_BUCKET,
                        GdbmConst.BAD_AVAIL, GdbmConst.BAD_HASH_TABLE);
                errors++;
            }
        }
        return errors;
    }

    @Test
    void aFileTruncatedUnderAReaderGivesUnexpectedEndOfFile() throws Exception {
        Map<String, String> model = workload(5000);
        Path file = javaFile(model);
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.get("key-1")).isEqualTo(b(model.get("key-1")));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(GdbmChannel.CHUNK);
            }
            assertThat(errorsAfterTruncation(db, model)).isGreaterThan(model.size() / 2);
        }
    }

    @Test
    void libgdbmTruncatingTheFileUnderAJavaReaderGivesUnexpectedEndOfFile() throws Exception {
        GnuPython.assumeAvailable();
        Map<String, String> model = workload(5000);
        Path file = javaFile(model);
        long before = Files.size(file);
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.get("key-1")).isEqualTo(b(model.get("key-1")));
            GnuPython.run(dir, "import dbm.gnu, sys\ndbm.gnu.open(sys.argv[1], 'n').close()\n", file.toString());
            assertThat(Files.size(file)).as("libgdbm made a new, empty database").isLessThan(before / 10);
            assertThat(errorsAfterTruncation(db, model)).isGreaterThan(model.size() / 2);
        }
    }
}
