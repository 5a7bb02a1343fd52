package org.sqlite3j.dbm.gnu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;

/**
 * The crash rule: a process that dies between two writes never leaves a file libgdbm or this
 * implementation refuses. Each update is cut after its first, second, ... write (the
 * {@code GdbmChannel} hook stops writing there, as death would); the file left behind must open,
 * list its keys and count them, and every record the dying update did not touch keeps its value.
 */
class DbmGnuCrashTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path base(Map<String, String> model) {
        Path file = dir.resolve("base.db");
        try (DbmFile db = DbmGnu.open(file, "n", 0666)) {
            for (int i = 0; i < 400; i++) {
                String v = "value-" + i + "-" + "z".repeat(i % 90);
                db.put("key" + i, v);
                model.put("key" + i, v);
            }
            for (int i = 0; i < 400; i += 5) {
                db.remove("key" + i);
                model.remove("key" + i);
            }
        }
        return file;
    }

    /** Runs {@code update} on copies of the base file cut after 0, 1, 2, ... writes, checking each. */
    private int crashEverywhere(String name, Consumer<DbmFile> update, java.util.Set<String> touched, boolean python)
            throws Exception {
        Map<String, String> model = new HashMap<>();
        Path base = base(model);
        int cuts = 0;
        for (int allowed = 0; allowed < 100_000; allowed++) {
            Path file = dir.resolve(name + ".db");
            Files.copy(base, file, StandardCopyOption.REPLACE_EXISTING);
            boolean finished;
            try (Gdbm db = (Gdbm) DbmGnu.open(file, "w", 0666)) {
                db.channel().writesLeft = allowed;
                try {
                    update.accept(db);
                    finished = true;
                } catch (Dbm.GnuError e) {
                    assertThat(e).hasMessage("simulated crash before a write");
                    finished = false;
                }
            }
            try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
                int n = 0;
                for (byte[] k : db.keys()) {
                    n++;
                    assertThat(db.get(k)).isNotNull();
                }
                assertThat(db.size()).as("%s cut after %d writes", name, allowed).isEqualTo(n);
                for (var e : model.entrySet()) {
                    if (!touched.contains(e.getKey())) {
                        assertThat(db.get(e.getKey())).as("%s cut after %d writes: %s", name, allowed, e.getKey())
                                .isEqualTo(b(e.getValue()));
                    }
                }
            }
            if (python && (allowed % 10 == 0 || finished)) {
                String out = GnuPython.run(dir, String.join("\n",
                        "import dbm.gnu, sys",
                        "db = dbm.gnu.open(sys.argv[1], 'r')",
                        "ks = db.keys()",
                        "assert all(db[k] is not None for k in ks)",
                        "print(len(ks), len(db))",
                        ""), file.toString());
                String[] counts = out.trim().split(" ");
                assertThat(counts[0]).as("libgdbm, %s cut after %d writes", name, allowed).isEqualTo(counts[1]);
            }
            if (finished) {
                return cuts;
            }
            cuts++;
        }
        throw new AssertionError("update never finished");
    }

    @Test
    void bulkStoresWithSplitsSurviveACrashAtEveryWrite() throws Exception {
        java.util.Set<String> touched = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            touched.add("bulk" + i);
        }
        int cuts = crashEverywhere("bulk", db -> {
            for (int i = 0; i < 300; i++) {
                db.put("bulk" + i, "b".repeat(i % 40));
            }
        }, touched, false);
        assertThat(cuts).isGreaterThan(600);
    }

    @Test
    void largeValuesReplacesAndDeletesSurviveACrashAtEveryWrite() throws Exception {
        java.util.Set<String> touched = java.util.Set.of("key1", "key2", "key3", "big", "key7");
        int cuts = crashEverywhere("mixed", db -> {
            db.put("big", "B".repeat(30_000));
            db.put("key1", "shorter");
            db.put("key2", "much longer than before ".repeat(20));
            db.remove("key3");
            db.put("big", "C".repeat(9_000));
            db.put("key7", "value-7-" + "z".repeat(7));
        }, touched, false);
        assertThat(cuts).isGreaterThan(6);
    }

    @Test
    void libgdbmOpensEveryCrashedFile() throws Exception {
        GnuPython.assumeAvailable();
        java.util.Set<String> touched = new java.util.HashSet<>(java.util.Set.of("big", "key1"));
        for (int i = 0; i < 200; i++) {
            touched.add("more" + i);
        }
        crashEverywhere("py", db -> {
            db.put("big", "B".repeat(20_000));
            for (int i = 0; i < 200; i++) {
                db.put("more" + i, "m".repeat(i % 30));
            }
            db.put("key1", "x");
        }, touched, true);
    }
}
