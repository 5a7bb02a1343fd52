package org.sqlite3j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.pickle.PyRepr;
import org.sqlite3j.testkit.Python;

/**
 * Fault injection on SQLite files, through the façade and through the JDBC driver: a full disk
 * ({@code PRAGMA max_page_count}: a tiny tmpfs would need a mount, which needs root privileges a test
 * must not assume), a read-only database ({@code ?mode=ro} and
 * {@code PRAGMA query_only}: root ignores {@code chmod 444}, so a file's permissions cannot make it
 * read-only here), a database locked past the busy timeout (rollback journal and WAL), the file
 * deleted under an open connection, a file of garbage, a truncated file and a file overwritten under
 * an open connection.
 *
 * <p>Façade: {@code sql_faults.py} runs every scenario in CPython; the Java steps here are the same, and
 * must print the same lines — the exception class, message, {@code sqlite_errorcode} and
 * {@code sqlite_errorname}, then {@code in_transaction}, the committed rows still there and the
 * connection still working (or closing cleanly). The lines CPython 3.13 printed are committed
 * ({@code sql_faults.expected}), so the comparison runs without CPython too; with it, CPython must
 * still print them.
 *
 * <p>JDBC: the same faults give an {@link SQLException} of the class and SQLState the driver's table
 * gives, with SQLite's (extended) result code as {@code getErrorCode()}; the connection stays usable.
 */
class SqlFaultTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------------------------ the façade

    /**
     * Beyond test_sqlite3 (which covers parts: test_transactions.TransactionTests.test_raise_timeout and
     * test_locking, test_dbapi.OpenTests.test_open_uri_readonly, test_dbapi.ModuleTests
     * .test_error_code_on_exception, test_dbapi.SerializeTests.test_deserialize_corrupt_database):
     * the whole list, against CPython's own run of sql_faults.py.
     */
    @Test
    void facadeFaultsAreCPythonsExceptionsAndLoseNothing() throws Exception {
        List<String> expected = Texts.lines(Texts.resource("sql_faults.expected"));
        Path java = Files.createDirectories(dir.resolve("java"));
        assertThat(new FacadeFaults(java).run()).isEqualTo(expected);
        Optional<Python> oracle = Python.findOracle(13);
        if (oracle.isPresent()) {
            Python python = oracle.get();
            Path cpython = Files.createDirectories(dir.resolve("cpython"));
            assertThat(Texts.lines(python.call().dir(cpython).script(Texts.resource("sql_faults.py"))))
                    .as("CPython %s against the committed sql_faults.expected", python).isEqualTo(expected);
        }
    }

    /** test_sqlite3.test_transactions.TransactionTests.test_raise_timeout, and that the timeout is waited. */
    @Test
    void aLockedDatabaseWaitsForItsTimeoutThenRaisesBusy() {
        try (Connection holder = Sqlite3.connect(dir.resolve("wait.db"), ConnectOptions.defaults().isolationLevel(null));
                Connection other = Sqlite3.connect(dir.resolve("wait.db"), ConnectOptions.defaults().timeout(0.3))) {
            holder.execute("CREATE TABLE t(x)").close();
            holder.execute("BEGIN EXCLUSIVE").close();
            long start = System.nanoTime();
            assertThatThrownBy(() -> other.execute("INSERT INTO t VALUES (1)"))
                    .isInstanceOfSatisfying(Sqlite3.OperationalError.class, e -> {
                        assertThat(e.sqliteErrorcode()).isEqualTo(5);
                        assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_BUSY");
                    });
            double waited = (System.nanoTime() - start) / 1e9;
            assertThat(waited).as("seconds waited for the lock (timeout 0.3)").isBetween(0.29, 10.0);
            holder.execute("COMMIT").close();
        }
    }

    /** The steps of sql_faults.py through the façade, printing the same lines. */
    static final class FacadeFaults {
        private final Path dir;
        private final List<String> out = new ArrayList<>();

        FacadeFaults(Path dir) {
            this.dir = dir;
        }

        List<String> run() throws IOException {
            full();
            readOnly();
            locked("delete");
            locked("wal");
            deleted();
            notADatabase();
            truncated();
            overwritten();
            return out;
        }

        private void say(String tag, Supplier<Object> step) {
            String outcome;
            try {
                outcome = repr(step.get());
            } catch (Sqlite3.Error e) {
                outcome = String.format(Locale.ROOT, "%s(%s) %s %s", e.getClass().getSimpleName(),
                        PyRepr.str(e.getMessage()), e.sqliteErrorcode(), e.sqliteErrorname());
            }
            out.add(tag + ": " + outcome);
        }

        private static String repr(Object v) {
            if (v == null) {
                return "None";
            }
            if (v instanceof Boolean b) {
                return b ? "True" : "False";
            }
            return String.valueOf(v);
        }

        private Path file(String name) {
            return dir.resolve(name);
        }

        private Connection committed(String name, int rows) {
            Connection con = Sqlite3.connect(file(name));
            con.execute("CREATE TABLE t(x)").close();
            List<List<Object>> values = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                values.add(List.of(i));
            }
            con.executemany("INSERT INTO t VALUES (?)", values).close();
            con.commit();
            return con;
        }

        private static Object count(Connection con) {
            return con.execute("SELECT count(*) FROM t").fetchone().get(0);
        }

        private static Object one(Connection con, String sql) {
            return con.execute(sql).fetchone().get(0);
        }

        private void full() {
            Connection con = committed("full.db", 3);
            long pages = (Long) one(con, "PRAGMA page_count");
            con.execute("PRAGMA max_page_count = " + (pages + 2)).close();
            say("full insert", () -> {
                for (int i = 0; i < 100; i++) {
                    con.execute("INSERT INTO t VALUES (randomblob(3000))").close();
                }
                return null;
            });
            say("full in_transaction", con::inTransaction);
            say("full count", () -> count(con));
            con.execute("PRAGMA max_page_count = 100000").close();
            con.execute("INSERT INTO t VALUES (randomblob(3000))").close();
            con.commit();
            say("full count after", () -> count(con));
            con.close();
        }

        private void readOnly() {
            committed("ro.db", 2).close();
            String uri = "file:" + file("ro.db") + "?mode=ro";
            try (Connection ro = Sqlite3.connect(uri, ConnectOptions.defaults().uri(true))) {
                say("mode=ro insert", () -> ro.execute("INSERT INTO t VALUES (9)"));
                say("mode=ro count", () -> count(ro));
            }
            Connection con = Sqlite3.connect(file("ro.db"));
            con.execute("PRAGMA query_only = 1").close();
            say("query_only insert", () -> con.execute("INSERT INTO t VALUES (9)"));
            say("query_only in_transaction", con::inTransaction);
            con.execute("PRAGMA query_only = 0").close();
            say("query_only off insert", () -> con.execute("INSERT INTO t VALUES (9)").rowcount());
            con.commit();
            say("query_only count", () -> count(con));
            con.close();
        }

        private void locked(String journal) {
            String name = "locked-" + journal + ".db";
            Connection holder = committed(name, 1);
            holder.execute("PRAGMA journal_mode = " + journal).fetchall();
            holder.isolationLevel(null);
            holder.execute(journal.equals("delete") ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE").close();
            holder.execute("INSERT INTO t VALUES (1)").close();
            Connection other = Sqlite3.connect(file(name), ConnectOptions.defaults().timeout(0.2));
            String tag = "locked " + journal;
            say(tag + " read", () -> count(other));
            say(tag + " insert", () -> other.execute("INSERT INTO t VALUES (2)"));
            say(tag + " in_transaction", other::inTransaction);
            holder.execute("COMMIT").close();
            say(tag + " insert after", () -> other.execute("INSERT INTO t VALUES (2)").rowcount());
            other.commit();
            say(tag + " count", () -> count(other));
            other.close();
            holder.close();
        }

        private void deleted() throws IOException {
            Connection con = committed("deleted.db", 2);
            Files.delete(file("deleted.db"));
            say("deleted count", () -> count(con));
            say("deleted insert", () -> con.execute("INSERT INTO t VALUES (9)"));
            say("deleted in_transaction", con::inTransaction);
            say("deleted close", () -> {
                con.close();
                return null;
            });
        }

        private void notADatabase() throws IOException {
            Files.write(file("garbage.db"), garbage(8192));
            Connection con = Sqlite3.connect(file("garbage.db"));
            say("garbage select", () -> con.execute("SELECT * FROM sqlite_master").fetchall());
            say("garbage create", () -> con.execute("CREATE TABLE t(x)"));
            say("garbage close", () -> {
                con.close();
                return null;
            });
        }

        private void truncated() throws IOException {
            try (Connection con = Sqlite3.connect(file("truncated.db"))) {
                con.execute("CREATE TABLE t(x)").close();
                List<List<Object>> values = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    values.add(List.of(garbage(500)));
                }
                con.executemany("INSERT INTO t VALUES (?)", values).close();
                con.commit();
            }
            truncate(file("truncated.db"), Files.size(file("truncated.db")) / 2);
            Connection con = Sqlite3.connect(file("truncated.db"));
            say("truncated count", () -> count(con));
            say("truncated integrity_check", () -> con.execute("PRAGMA integrity_check").fetchall());
            say("truncated close", () -> {
                con.close();
                return null;
            });
        }

        private void overwritten() throws IOException {
            Connection con = Sqlite3.connect(file("overwritten.db"));
            con.execute("CREATE TABLE t(x)").close();
            List<List<Object>> values = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                values.add(List.of(garbage(500)));
            }
            con.executemany("INSERT INTO t VALUES (?)", values).close();
            con.commit();
            say("overwritten count before", () -> count(con));
            Files.write(file("overwritten.db"), garbage((int) Files.size(file("overwritten.db"))),
                    StandardOpenOption.WRITE);
            say("overwritten sum", () -> one(con, "SELECT sum(length(x)) FROM t"));
            say("overwritten close", () -> {
                con.close();
                return null;
            });
        }
    }

    /** The garbage both sides write: byte i is {@code (i * 31 + 7) & 0xFF} (never SQLite's header). */
    static byte[] garbage(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    // ------------------------------------------------------------------------------------- the driver

    private java.sql.Connection jdbc(String name, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite3:" + dir.resolve(name) + options);
    }

    private static java.sql.Connection withRows(java.sql.Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(x)");
            for (int i = 0; i < rows; i++) {
                s.execute("INSERT INTO t VALUES (" + i + ")");
            }
        }
        return c;
    }

    private static long count(java.sql.Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Runs {@code sql} on {@code c} and returns the SQLException it must raise. */
    private static SQLException failure(java.sql.Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("no SQLException from " + sql);
    }

    private static void assertSqlite(SQLException e, Class<? extends SQLException> type, String state, int code,
            String message) {
        assertThat((Throwable) e).isInstanceOf(type).hasMessageContaining(message);
        assertThat(e.getSQLState()).as("SQLState of %s", e).isEqualTo(state);
        assertThat(e.getErrorCode()).as("error code of %s", e).isEqualTo(code);
    }

    @Test
    void jdbcDiskFullIsSqliteFullAndKeepsCommittedRows() throws SQLException {
        try (java.sql.Connection c = withRows(jdbc("full.db", ""), 3)) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA page_count")) {
                r.next();
                s.execute("PRAGMA max_page_count = " + (r.getLong(1) + 2));
            }
            c.setAutoCommit(false);
            SQLException e = null;
            for (int i = 0; i < 100 && e == null; i++) {
                e = tryInsert(c);
            }
            assertThat((Throwable) e).as("no failure from 100 rows of 3000 bytes under max_page_count").isNotNull();
            assertSqlite(e, SQLNonTransientException.class, "53100", 13, "database or disk is full");
            // SQLite rolled the transaction back by itself; rollback() succeeds and the next one is a transaction
            c.rollback();
            assertThat(count(c)).isEqualTo(3);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = 100000");
                s.execute("INSERT INTO t VALUES (randomblob(3000))");
            }
            c.rollback();
            assertThat(count(c)).as("rows after a rolled-back insert").isEqualTo(3);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t VALUES (randomblob(3000))");
            }
            c.commit();
            assertThat(count(c)).isEqualTo(4);
            c.setAutoCommit(true);
        }
    }

    /**
     * SQLite ends a transaction by itself (here an {@code INSERT OR ROLLBACK} conflict): with auto-commit
     * off, {@code rollback()} succeeds, {@code commit()} says the work is gone, {@code setAutoCommit(true)}
     * succeeds, and every statement after them is in a transaction again (sqlite-jdbc alone leaves the
     * connection outside any transaction, so a write rolled back afterwards stays).
     */
    @Test
    void jdbcAfterSqliteRolledBackByItselfTheConnectionIsInATransactionAgain() throws SQLException {
        try (java.sql.Connection c = withRows(jdbc("auto.db", ""), 0)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE UNIQUE INDEX one ON t(x)");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t VALUES (1)");
                assertSqlite(failure(c, "INSERT OR ROLLBACK INTO t VALUES (1)"),
                        java.sql.SQLIntegrityConstraintViolationException.class, "23505", 2067, "UNIQUE constraint failed");
                c.rollback();
                s.execute("INSERT INTO t VALUES (2)");
                c.rollback();
                assertThat(count(c)).as("rows after rolling back the insert made after the automatic rollback").isZero();

                s.execute("INSERT INTO t VALUES (3)");
                failure(c, "INSERT OR ROLLBACK INTO t VALUES (3)");
                assertThatThrownBy(c::commit).isInstanceOf(SQLException.class)
                        .hasMessageContaining("cannot commit - no transaction is active");
                s.execute("INSERT INTO t VALUES (4)");
                c.rollback();
                assertThat(count(c)).as("rows after a failed commit, an insert and a rollback").isZero();

                s.execute("INSERT INTO t VALUES (5)");
                failure(c, "INSERT OR ROLLBACK INTO t VALUES (5)");
            }
            c.setAutoCommit(true);
            assertThat(c.getAutoCommit()).isTrue();
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t VALUES (6)");
            }
            assertThat(count(c)).isEqualTo(1);
        }
    }

    private static SQLException tryInsert(java.sql.Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (randomblob(3000))");
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    @Test
    void jdbcReadOnlyIsSqliteReadonly() throws SQLException {
        withRows(jdbc("ro.db", ""), 2).close();
        try (java.sql.Connection ro = jdbc("ro.db", "?mode=ro")) {
            assertSqlite(failure(ro, "INSERT INTO t VALUES (9)"), SQLNonTransientException.class, "25006", 8,
                    "attempt to write a readonly database");
            assertThat(count(ro)).isEqualTo(2);
        }
        try (java.sql.Connection c = jdbc("ro.db", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only = 1");
            }
            assertSqlite(failure(c, "INSERT INTO t VALUES (9)"), SQLNonTransientException.class, "25006", 8,
                    "attempt to write a readonly database");
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only = 0");
                s.execute("INSERT INTO t VALUES (9)");
            }
            assertThat(count(c)).isEqualTo(3);
        }
    }

    @Test
    void jdbcLockedPastTheTimeoutIsSqliteBusy() throws SQLException {
        for (String journal : List.of("DELETE", "WAL")) {
            String name = "locked-" + journal + ".db";
            try (java.sql.Connection holder = withRows(jdbc(name, "?journal_mode=" + journal), 1);
                    java.sql.Connection other = jdbc(name, "?busy_timeout=200")) {
                try (Statement s = holder.createStatement()) {
                    s.execute(journal.equals("DELETE") ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE");
                    s.execute("INSERT INTO t VALUES (1)");
                }
                long start = System.nanoTime();
                assertSqlite(failure(other, "INSERT INTO t VALUES (2)"), SQLTransactionRollbackException.class,
                        "40001", 5, "database is locked");
                assertThat((System.nanoTime() - start) / 1e9).as("%s: seconds waited (busy_timeout 200 ms)", journal)
                        .isBetween(0.19, 10.0);
                try (Statement s = holder.createStatement()) {
                    s.execute("COMMIT");
                }
                try (Statement s = other.createStatement()) {
                    s.execute("INSERT INTO t VALUES (2)");
                }
                assertThat(count(other)).as(journal).isEqualTo(3);
            }
        }
    }

    @Test
    void jdbcFileDeletedUnderAnOpenConnectionIsReadonlyDbMoved() throws Exception {
        java.sql.Connection c = withRows(jdbc("deleted.db", ""), 2);
        Files.delete(dir.resolve("deleted.db"));
        assertThat(count(c)).isEqualTo(2);
        assertSqlite(failure(c, "INSERT INTO t VALUES (9)"), SQLNonTransientException.class, "25006", 1032,
                "attempt to write a readonly database");
        c.close();
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void jdbcGarbageTruncatedAndOverwrittenFilesAreNotAdbOrCorrupt() throws Exception {
        Files.write(dir.resolve("garbage.db"), garbage(8192));
        try (java.sql.Connection c = jdbc("garbage.db", "")) {
            assertSqlite(failure(c, "SELECT * FROM sqlite_master"), SQLNonTransientConnectionException.class, "08001",
                    26, "file is not a database");
        }
        try (java.sql.Connection c = jdbc("truncated.db", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t(x)");
                for (int i = 0; i < 200; i++) {
                    s.execute("INSERT INTO t VALUES (randomblob(500))");
                }
            }
        }
        truncate(dir.resolve("truncated.db"), Files.size(dir.resolve("truncated.db")) / 2);
        try (java.sql.Connection c = jdbc("truncated.db", "")) {
            assertSqlite(failure(c, "SELECT count(*) FROM t"), SQLNonTransientException.class, "XX001", 11,
                    "database disk image is malformed");
            assertSqlite(failure(c, "PRAGMA integrity_check"), SQLNonTransientException.class, "XX001", 11,
                    "database disk image is malformed");
        }
        try (java.sql.Connection c = withRows(jdbc("overwritten.db", ""), 50)) {
            assertThat(count(c)).isEqualTo(50);
            Files.write(dir.resolve("overwritten.db"), garbage((int) Files.size(dir.resolve("overwritten.db"))),
                    StandardOpenOption.WRITE);
            assertSqlite(failure(c, "SELECT count(*) FROM t"), SQLNonTransientConnectionException.class, "08001", 26,
                    "file is not a database");
        }
    }
}
