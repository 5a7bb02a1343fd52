package org.sqlite3j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.testkit.Python;

/**
 * SIGKILL trials of SQLite writers ({@link SqlWorkload}: the {@code jdbc:sqlite3:} driver through
 * HikariCP in WAL with {@code synchronous} FULL and NORMAL, and the façade in a rollback journal).
 * Each trial starts a child JVM that writes the three databases at once, kills it at a random moment
 * once every writer has committed, and then requires of each database:
 *
 * <ul>
 *   <li>{@code PRAGMA integrity_check} is {@code ok};</li>
 *   <li>every transaction whose commit was acknowledged is there with all its {@code n} rows (a
 *       process crash cannot undo a commit in any journal mode, {@code synchronous=NORMAL} included:
 *       NORMAL only risks the last commits on a power loss or OS crash, which a SIGKILL is not);</li>
 *   <li>no transaction is half visible: every transaction id has 0 or {@code n} rows, and the
 *       {@code totals} table updated in the same transactions agrees with the rows;</li>
 *   <li>no acknowledged rollback left a row;</li>
 *   <li>CPython (the oracle, when there is one) reopens the file and reads the same figures;</li>
 *   <li>the database takes a new transaction afterwards.</li>
 * </ul>
 *
 * Trials: {@code -Dsqlite3j.reliability.trials} (see {@link Trials}).
 */
class SqlCrashTest {

    /** The longest random wait between "every writer has committed once" and the kill. */
    static final int MAX_KILL_DELAY_MS = 700;

    @TempDir
    Path root;

    /** What one target's trials add up to. */
    static final class Tally {
        int trials;
        int integrityOk;
        int cpythonAgreed;
        long ackedTxns;
        long ackedRows;
        long rolledBack;
        long lostRows;
        long halfVisible;
        long rolledBackVisible;
        long committedUnacknowledged;
    }

    /** One reading of a database, in the form CPython's sqlite_check.py prints. */
    record Reading(String integrity, long rows, long txns, long halfVisible, long totalRows, long totalTxns) {
        String line() {
            return String.join("\t", integrity, Long.toString(rows), Long.toString(txns), Long.toString(halfVisible),
                    Long.toString(totalRows), Long.toString(totalTxns));
        }
    }

    @Test
    void killedWritersKeepEveryAcknowledgedTransactionWhole() throws Exception {
        int trials = Trials.count();
        Random random = Trials.random("sql-crash");
        Optional<Python> python = Python.findOracle(0, "sqlite3");
        Map<String, Tally> tallies = new LinkedHashMap<>();
        SqlWorkload.TARGETS.forEach(t -> tallies.put(t, new Tally()));
        long start = System.nanoTime();
        ChildJvm next = prepare(1);
        try {
            for (int trial = 1; trial <= trials; trial++) {
                Path dir = root.resolve("trial-" + trial);
                String context = String.format(Locale.ROOT, "trial %d, seed %d", trial, Trials.seed());
                ChildJvm child = next;
                next = null;
                child.crash(dir, SqlWorkload.TARGETS.stream().map(t -> SqlWorkload.log(dir, t)).toList(), random,
                        MAX_KILL_DELAY_MS, context);
                next = trial < trials ? prepare(trial + 1) : null;   // boots while this trial is checked
                Map<Path, Reading> readings = new LinkedHashMap<>();
                for (String target : SqlWorkload.TARGETS) {
                    Tally tally = tallies.get(target);
                    Reading reading = check(dir, target, tally, context + ", " + target, child.output());
                    readings.put(SqlWorkload.database(dir, target), reading);
                    tally.trials++;
                }
                if (python.isPresent()) {
                    compareWithCPython(python.get(), dir, readings, tallies, context);
                }
                for (String target : SqlWorkload.TARGETS) {
                    assertTakesANewTransaction(SqlWorkload.database(dir, target), trial, context + ", " + target);
                }
            }
        } finally {
            if (next != null) {
                next.kill();
            }
        }
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            Trials.report("crash " + e.getKey(), String.format(Locale.ROOT,
                    "%d SIGKILL trials, %,d transactions (%,d rows) acknowledged, %,d rollbacks acknowledged;"
                            + " lost rows %d, half-visible transactions %d, rolled-back rows visible %d;"
                            + " integrity ok %d/%d; committed but not yet acknowledged at the kill %d; CPython %s;"
                            + " %s for the whole test",
                    t.trials, t.ackedTxns, t.ackedRows, t.rolledBack, t.lostRows, t.halfVisible, t.rolledBackVisible,
                    t.integrityOk, t.trials, t.committedUnacknowledged,
                    python.map(p -> "read the same " + t.cpythonAgreed + "/" + t.trials).orElse("not available"),
                    Trials.seconds(start)));
        }
    }

    /** Makes trial {@code trial}'s databases and starts its child, which waits to be let write. */
    private ChildJvm prepare(int trial) throws IOException, SQLException {
        Path dir = Files.createDirectories(root.resolve("trial-" + trial));
        for (String target : SqlWorkload.TARGETS) {
            SqlWorkload.create(dir, target);
        }
        return ChildJvm.prepare(dir, "sql", Trials.seed() + trial);
    }

    /** Checks one database against its log (see the class comment); returns what was read. */
    static Reading check(Path dir, String target, Tally tally, String context, String childOutput) throws SQLException {
        Map<Long, Integer> committed = new HashMap<>();
        Map<Long, Integer> rolledBack = new HashMap<>();
        for (String line : AckLog.read(SqlWorkload.log(dir, target))) {
            String[] w = line.split(" ");
            assertThat(w[0]).as("%s: a line of the child's log (an unexpected failure?); child output:%n%s",
                    context, childOutput).isIn("C", "R");
            (w[0].equals("C") ? committed : rolledBack).put(Long.parseLong(w[1]), Integer.parseInt(w[2]));
        }
        Map<Long, long[]> present = new HashMap<>();   // txn -> {count, min n, max n}
        Reading reading;
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite3:" + SqlWorkload.database(dir, target));
                Statement s = c.createStatement()) {
            String integrity = strings(s, "PRAGMA integrity_check");
            try (ResultSet r = s.executeQuery("SELECT txn, count(*), min(n), max(n) FROM rows GROUP BY txn")) {
                while (r.next()) {
                    present.put(r.getLong(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4)});
                }
            }
            long rows = present.values().stream().mapToLong(v -> v[0]).sum();
            long half = present.values().stream().filter(v -> v[0] != v[2] || v[1] != v[2]).count();
            long[] totals = new long[2];
            try (ResultSet r = s.executeQuery("SELECT sum(rows), sum(txns) FROM totals")) {
                r.next();
                totals[0] = r.getLong(1);
                totals[1] = r.getLong(2);
            }
            reading = new Reading(integrity, rows, present.size(), half, totals[0], totals[1]);
        }
        long lost = 0;
        for (Map.Entry<Long, Integer> e : committed.entrySet()) {
            long[] p = present.get(e.getKey());
            lost += e.getValue() - (p == null ? 0 : p[0]);
        }
        long rolledBackVisible = rolledBack.keySet().stream().filter(present::containsKey).count();
        tally.ackedTxns += committed.size();
        tally.ackedRows += committed.values().stream().mapToLong(Integer::longValue).sum();
        tally.rolledBack += rolledBack.size();
        tally.lostRows += lost;
        tally.halfVisible += reading.halfVisible();
        tally.rolledBackVisible += rolledBackVisible;
        tally.committedUnacknowledged += present.keySet().stream().filter(t -> !committed.containsKey(t)).count();
        if ("ok".equals(reading.integrity())) {
            tally.integrityOk++;
        }
        assertThat(reading.integrity()).as("%s: PRAGMA integrity_check", context).isEqualTo("ok");
        assertThat(lost).as("%s: rows of acknowledged commits missing", context).isZero();
        assertThat(reading.halfVisible()).as("%s: transactions with neither 0 nor n rows", context).isZero();
        assertThat(rolledBackVisible).as("%s: acknowledged rollbacks with rows", context).isZero();
        assertThat(List.of(reading.totalRows(), reading.totalTxns()))
                .as("%s: totals (updated in the same transactions) against the rows", context)
                .containsExactly(reading.rows(), reading.txns());
        return reading;
    }

    private static String strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return String.join(",", out);
    }

    /** CPython reopens every database of the trial and must read what Java read. */
    private static void compareWithCPython(Python python, Path dir, Map<Path, Reading> readings,
            Map<String, Tally> tallies, String context) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        readings.keySet().forEach(p -> args.add(p.toString()));
        String out = python.call().dir(dir).stderrApart().script(Texts.resource("sqlite_check.py"),
                args.toArray(String[]::new));
        Map<String, String> byPath = new HashMap<>();
        for (String line : out.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                byPath.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        int i = 0;
        for (Map.Entry<Path, Reading> e : readings.entrySet()) {
            String target = SqlWorkload.TARGETS.get(i++);
            assertThat(byPath.get(e.getKey().toString()))
                    .as("%s, %s: CPython %s's reading (integrity, rows, txns, half, totals) against Java's",
                            context, target, python)
                    .isEqualTo(e.getValue().line());
            tallies.get(target).cpythonAgreed++;
        }
    }

    /** After the crash the database takes a transaction and reads it back. */
    private static void assertTakesANewTransaction(Path db, int trial, String context) throws SQLException {
        long txn = 9 * SqlWorkload.TXN_BASE + trial;
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite3:" + db)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO rows(txn, seq, n) VALUES (" + txn + ", 0, 1)");
                s.executeUpdate("UPDATE totals SET rows = rows + 1, txns = txns + 1 WHERE writer = 0");
            }
            c.commit();
        }
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite3:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM rows WHERE txn = " + txn)) {
            r.next();
            assertThat(r.getLong(1)).as("%s: the transaction written after the crash", context).isEqualTo(1);
        }
    }
}
