package org.sqlite3j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.shelve.Shelf;
import org.sqlite3j.testkit.Python;

/**
 * SIGKILL trials of dbm and shelve writers ({@link DbmWorkload}: dbm.gnu, dbm.dumb, dbm.sqlite3 and a
 * shelf on each, written at once by one child JVM). After each kill, for every file:
 *
 * <ul>
 *   <li>it reopens in Java with its backend, and holds what the backend guarantees
 *       ({@link DbmCrashCheck}: every acknowledged store and delete, the interrupted one only as its
 *       backend allows, nothing that was never written);</li>
 *   <li>it takes a new store afterwards (opened "w", written, closed) and the other keys are unchanged;</li>
 *   <li>CPython reopens it and reads exactly what Java reads: Debian's {@code /usr/bin/python3} for
 *       dbm.gnu (libgdbm) and CPython 3.13 for dbm.dumb and dbm.sqlite3 (each skipped, and said so in
 *       the figures, where that interpreter is missing).</li>
 * </ul>
 *
 * Trials: {@code -Dsqlite3j.reliability.trials} (see {@link Trials}).
 */
class DbmCrashTest {

    static final int MAX_KILL_DELAY_MS = 700;
    static final String MARKER = "after-crash";

    @TempDir
    Path root;

    @Test
    void killedWritersKeepWhatEachBackendGuarantees() throws Exception {
        int trials = Trials.count();
        Random random = Trials.random("dbm-crash");
        Optional<Python> gnuPython = Python.findDebian("dbm.gnu", "True");
        Optional<Python> oracle = Python.findOracle(13, "dbm.sqlite3");
        Map<String, DbmCrashCheck.Tally> tallies = new LinkedHashMap<>();
        DbmWorkload.TARGETS.forEach(t -> tallies.put(t, new DbmCrashCheck.Tally()));
        long start = System.nanoTime();
        ChildJvm next = prepare(1);
        try {
            for (int trial = 1; trial <= trials; trial++) {
                Path dir = root.resolve("trial-" + trial);
                String context = String.format(Locale.ROOT, "trial %d, seed %d", trial, Trials.seed());
                ChildJvm child = next;
                next = null;
                child.crash(dir, DbmWorkload.TARGETS.stream().map(t -> DbmWorkload.log(dir, t)).toList(), random,
                        MAX_KILL_DELAY_MS, context);
                next = trial < trials ? prepare(trial + 1) : null;   // boots while this trial is checked
                Map<String, Map<String, Object>> finals = new LinkedHashMap<>();
                for (String target : DbmWorkload.TARGETS) {
                    String where = context + ", " + target;
                    DbmCrashCheck.Tally tally = tallies.get(target);
                    List<DbmCrashCheck.Op> ops;
                    try {
                        ops = DbmCrashCheck.ops(AckLog.read(DbmWorkload.log(dir, target)), where);
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + "\nchild output:\n" + child.output(), e);
                    }
                    Map<String, Integer> lengths = new HashMap<>();
                    Map<String, Object> actual = DbmCrashCheck.read(dir, target, lengths);
                    String openKey = DbmCrashCheck.check(target, ops, actual, lengths, tally, where);
                    finals.put(target, assertTakesANewStore(dir, target, actual, openKey, where));
                    tally.trials++;
                }
                gnuPython.ifPresent(p -> compareWithCPython(p, dir, finals, tallies, List.of("gnu", "shelf-gnu"), context));
                oracle.ifPresent(p -> compareWithCPython(p, dir, finals, tallies,
                        List.of("dumb", "sqlite3", "shelf-dumb", "shelf-sqlite3"), context));
            }
        } finally {
            if (next != null) {
                next.kill();
            }
        }
        for (Map.Entry<String, DbmCrashCheck.Tally> e : tallies.entrySet()) {
            DbmCrashCheck.Tally t = e.getValue();
            Optional<Python> python = DbmWorkload.backend(e.getKey()).equals("gnu") ? gnuPython : oracle;
            Trials.report("crash " + (DbmWorkload.isShelf(e.getKey()) ? "shelve on dbm." + DbmWorkload.backend(e.getKey())
                    : "dbm." + e.getKey()), String.format(Locale.ROOT,
                    "%d SIGKILL trials, %,d stores, %,d deletes and %,d syncs acknowledged, %,d keys checked;"
                            + " lost %d, wrong value %d, never written %d; the interrupted operation left its key: %s;"
                            + " CPython %s; %s for the whole test",
                    t.trials, t.puts, t.deletes, t.syncs, t.keysChecked, t.lost, t.wrong, t.phantom, t.interruptedText(),
                    python.map(p -> p + " read the same " + t.cpythonAgreed + "/" + t.trials).orElse("not available"),
                    Trials.seconds(start)));
        }
    }

    /** Starts trial {@code trial}'s child, which opens its files and waits to be let write. */
    private ChildJvm prepare(int trial) throws java.io.IOException {
        Path dir = Files.createDirectories(root.resolve("trial-" + trial));
        return ChildJvm.prepare(dir, "dbm", Trials.seed() + trial);
    }

    /**
     * Opens the target "w", stores {@link #MARKER}, closes it; the file then reads as before plus the
     * marker (the interrupted operation's key excepted: on dbm.gnu a free list may still name its
     * record, which the new store may take). Returns the new reading.
     */
    private static Map<String, Object> assertTakesANewStore(Path dir, String target, Map<String, Object> before,
            String openKey, String context) {
        try (DbmFile db = DbmWorkload.open(dir, target, "w")) {
            if (DbmWorkload.isShelf(target)) {
                new Shelf(db).setItem(MARKER, List.of("after", "crash"));
            } else {
                db.put(MARKER, "written after the crash");
            }
        }
        Map<String, Object> after = DbmCrashCheck.read(dir, target, new HashMap<>());
        Object marker = after.get(MARKER);
        assertThat(marker).as("%s: the store made after the crash", context).isNotNull();
        assertThat(DbmCrashCheck.same(marker, DbmWorkload.isShelf(target) ? List.of("after", "crash")
                : "written after the crash".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .as("%s: the value stored after the crash: %s", context, DbmCrashCheck.show(marker)).isTrue();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.remove(MARKER);
        for (String key : keys) {
            if (!key.equals(openKey)) {
                assertThat(DbmCrashCheck.same(after.get(key), before.get(key)))
                        .as("%s: key %s after the store made after the crash: %s, was %s", context, key,
                                DbmCrashCheck.show(after.get(key)), DbmCrashCheck.show(before.get(key)))
                        .isTrue();
            }
        }
        return after;
    }

    /** CPython reopens {@code targets} and must read exactly what Java read. */
    private static void compareWithCPython(Python python, Path dir, Map<String, Map<String, Object>> finals,
            Map<String, DbmCrashCheck.Tally> tallies, List<String> targets, String context) {
        List<String> args = new ArrayList<>();
        for (String target : targets) {
            args.add(target + "=" + DbmWorkload.file(dir, target));
        }
        String out;
        try {
            out = python.call().dir(dir).stderrApart().script(Texts.resource("dbm_dump.py"),
                    args.toArray(String[]::new));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Map<String, Map<String, String>> read = new TreeMap<>();
        targets.forEach(t -> read.put(t, new TreeMap<>()));
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length == 3) {
                assertThat(f[2]).as("%s, %s: CPython %s opening the file", context, f[0], python)
                        .doesNotStartWith("OPEN-ERROR");
                read.get(f[0]).put(f[1], f[2]);
            }
        }
        for (String target : targets) {
            assertThat(read.get(target)).as("%s, %s: what CPython %s reads, against Java", context, target, python)
                    .isEqualTo(DbmCrashCheck.asPython(finals.get(target)));
            tallies.get(target).cpythonAgreed++;
        }
    }
}
