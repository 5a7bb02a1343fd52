package org.sqlite3j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.DbmFile;

/**
 * The negative controls of the crash trials: the checks of {@link SqlCrashTest} and
 * {@link DbmCrashCheck} fail on files that break the guarantees (a lost or a half transaction, a lost,
 * wrong or never-written key, an interrupted operation leaving what its backend excludes), so a green
 * trial means the files were right, not that nothing was looked at.
 */
class CrashCheckersCanFailTest {

    @TempDir
    Path dir;

    private void sql(String target, String... statements) throws Exception {
        SqlWorkload.create(dir, target);
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite3:" + SqlWorkload.database(dir, target));
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private void log(Path file, String... lines) throws Exception {
        Files.writeString(file, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
    }

    @Test
    void sqlCheckFailsOnLostHalfAndRolledBackTransactions() throws Exception {
        String t = "facade-delete";
        sql(t, "INSERT INTO rows(txn, seq, n) VALUES (1, 0, 2), (1, 1, 2), (2, 0, 1)",
                "UPDATE totals SET rows = 3, txns = 2 WHERE writer = 0");
        log(SqlWorkload.log(dir, t), "C 1 2", "C 2 1");
        SqlCrashTest.Reading ok = SqlCrashTest.check(dir, t, new SqlCrashTest.Tally(), "good", "");
        assertThat(ok.rows()).isEqualTo(3);

        log(SqlWorkload.log(dir, t), "C 1 2", "C 2 1", "C 3 4");                       // acknowledged, not there
        assertThatThrownBy(() -> SqlCrashTest.check(dir, t, new SqlCrashTest.Tally(), "lost", ""))
                .hasMessageContaining("rows of acknowledged commits missing");

        log(SqlWorkload.log(dir, t), "C 1 2", "C 2 1", "R 1 2");                       // rolled back, yet there
        assertThatThrownBy(() -> SqlCrashTest.check(dir, t, new SqlCrashTest.Tally(), "rolled back", ""))
                .hasMessageContaining("acknowledged rollbacks with rows");

        log(SqlWorkload.log(dir, t), "X java.sql.SQLException: boom");                  // the child failed
        assertThatThrownBy(() -> SqlCrashTest.check(dir, t, new SqlCrashTest.Tally(), "failed child", ""))
                .hasMessageContaining("a line of the child's log");

        String h = "jdbc-wal-full";
        sql(h, "INSERT INTO rows(txn, seq, n) VALUES (5, 0, 3), (5, 1, 3)",            // 2 of 3 rows
                "UPDATE totals SET rows = 2, txns = 1 WHERE writer = 0");
        log(SqlWorkload.log(dir, h));
        assertThatThrownBy(() -> SqlCrashTest.check(dir, h, new SqlCrashTest.Tally(), "half", ""))
                .hasMessageContaining("transactions with neither 0 nor n rows");
    }

    private Map<String, Object> dbm(String target, Map<String, Integer> stored) {
        try (DbmFile db = DbmWorkload.open(dir, target, "c")) {
            stored.forEach((k, vid) -> db.put(k, DbmWorkload.value(target, k, vid)));
        }
        return DbmCrashCheck.read(dir, target, new HashMap<>());
    }

    private static List<DbmCrashCheck.Op> ops(String... lines) {
        return DbmCrashCheck.ops(List.of(lines), "test");
    }

    private static void check(String target, List<DbmCrashCheck.Op> ops, Map<String, Object> read) {
        Map<String, Integer> lengths = new HashMap<>();
        read.forEach((k, v) -> lengths.put(k, ((byte[]) v).length));
        DbmCrashCheck.check(target, ops, read, lengths, new DbmCrashCheck.Tally(), "test");
    }

    @Test
    void dbmCheckFailsOnLostWrongAndNeverWrittenKeys() {
        Map<String, Object> read = dbm("gnu", Map.of("k1", 1, "k2", 2));
        check("gnu", ops("B put k1 1", "A", "B put k2 2", "A"), read);
        assertThatThrownBy(() -> check("gnu", ops("B put k1 1", "A", "B put k2 2", "A", "B put k3 3", "A"), read))
                .hasMessageContaining("k3: missing");
        assertThatThrownBy(() -> check("gnu", ops("B put k1 1", "A", "B put k2 7", "A"), read))
                .hasMessageContaining("k2: does not read as its last acknowledged value 7");
        assertThatThrownBy(() -> check("gnu", ops("B put k1 1", "A"), read))
                .hasMessageContaining("k2: present but never acknowledged");
        assertThatThrownBy(() -> check("gnu", ops("B put k1 1", "A", "B put k2 2", "A", "B del k1", "A"), read))
                .hasMessageContaining("k1: present but never acknowledged (or deleted)");
    }

    @Test
    void dbmCheckFailsWhenTheInterruptedOperationLeavesWhatItsBackendExcludes() {
        Map<String, Object> read = dbm("sqlite3", Map.of("k1", 1));
        // the interrupted replacement of k2 left it missing: no backend allows that
        Map<String, Object> gnu = dbm("gnu", Map.of("k1", 1));
        assertThatThrownBy(() -> check("gnu", ops("B put k1 1", "A", "B put k2 2", "A", "B put k2 3"), gnu))
                .hasMessageContaining("k2: interrupted");
        // a torn value (neither old nor new, the old length) is GDBM's window, not dbm.sqlite3's
        Map<String, Object> torn = new HashMap<>(read);
        byte[] old = DbmWorkload.value("sqlite3", "k1", 1);
        byte[] bad = old.clone();
        bad[0] = '#';
        torn.put("k1", bad);
        assertThatThrownBy(() -> check("sqlite3", ops("B put k1 1", "A", "B put k1 2"), torn))
                .hasMessageContaining("k1: interrupted");
        Map<String, Object> gnuTorn = new HashMap<>(gnu);
        byte[] gnuOld = DbmWorkload.value("gnu", "k1", 1);
        byte[] gnuBad = gnuOld.clone();
        gnuBad[0] = '#';
        gnuTorn.put("k1", gnuBad);
        check("gnu", ops("B put k1 1", "A", "B put k1 2"), gnuTorn);
    }
}
