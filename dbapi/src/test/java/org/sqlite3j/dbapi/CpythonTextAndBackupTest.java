package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lone surrogates, backup edge cases, long traces, overflowing functions (CPython 3.13's behaviour). */
class CpythonTextAndBackupTest {

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
    }

    @AfterEach
    void close() {
        con.close();
    }

    static final String LONE = "a\uD8FF";

    @Test // SqliteTypeTests.test_string_with_surrogates, FunctionTests.test_param_surrogates
    void loneSurrogateParametersAreRefused() {
        con.execute("create table t(x)");
        assertThatThrownBy(() -> con.execute("insert into t values (?)", LONE))
                .isInstanceOf(Sqlite3.UnicodeEncodeError.class).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("'utf-8' codec can't encode character '\\ud8ff' in position 1: surrogates not allowed");
        assertThat(con.execute("select count(*) from t").fetchone().get(0)).as("nothing stored").isEqualTo(0L);
        assertThat(con.execute("select ?", "\uD83D\uDE00").fetchone().get(0)).as("pairs are fine").isEqualTo("\uD83D\uDE00");
    }

    @Test // RegressionTests.test_surrogates, ExtensionTests.test_cursor_executescript_with_surrogates, RegressionTests.test_collation
    void loneSurrogatesInSqlScriptsAndNames() {
        assertThatThrownBy(() -> con.execute("select '" + LONE + "'"))
                .isInstanceOf(Sqlite3.UnicodeEncodeError.class).hasMessageContaining("position 9");
        assertThatThrownBy(() -> con.executescript("select '" + LONE + "';"))
                .isInstanceOf(Sqlite3.UnicodeEncodeError.class);
        assertThatThrownBy(() -> con.createCollation("a\uDC80", (x, y) -> 0))
                .isInstanceOf(Sqlite3.UnicodeEncodeError.class);
    }

    @Test // FunctionTests.test_func_return_text_with_surrogates, FunctionTests.test_func_overflow_error
    void functionResultsAndOverflows() {
        con.createFunction("lone", 0, args -> LONE);
        assertThatThrownBy(() -> con.execute("select lone()"))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("user-defined function raised exception");
        con.createFunction("overflow", 0, args -> {
            throw new Sqlite3.OverflowError("int too large");
        });
        assertThatThrownBy(() -> con.execute("select overflow()"))
                .isInstanceOfSatisfying(Sqlite3.DataError.class,
                        e -> assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_TOOBIG"))
                .hasMessage("string or blob too big");
    }

    @Test // BackupTests.test_bad_target_in_transaction
    void backupIntoATargetInATransactionIsRefused() {
        con.execute("create table t(x)");
        con.execute("insert into t values (1)");
        con.commit();
        try (Connection target = Sqlite3.connect(":memory:")) {
            target.execute("create table other(y)");
            target.execute("insert into other values (1)");
            assertThat(target.inTransaction()).isTrue();
            assertThatThrownBy(() -> con.backup(target)).isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("destination database is in use");
            target.commit();
            con.backup(target);
            assertThat(target.execute("select count(*) from t").fetchone().get(0)).isEqualTo(1L);
        }
    }

    @Test // BackupTests.test_database_source_name: 'temp' before anything was created in it
    void backupOfTheTempDatabase() {
        con.execute("create temp table tt(x)");
        con.execute("insert into tt values (7)");
        con.commit();
        try (Connection target = Sqlite3.connect(":memory:"); Connection fresh = Sqlite3.connect(":memory:")) {
            con.backup(target, -1, null, "temp", 0);
            assertThat(target.execute("select x from tt").fetchone().get(0)).isEqualTo(7L);
            fresh.backup(target, -1, null, "temp", 0); // an empty temp database: accepted, as in CPython
        }
    }

    @Test // TraceCallbackTests.test_trace_too_much_expanded_sql
    void expansionsBeyondTheLengthLimitAreTracedUnexpanded() {
        List<String> traced = new ArrayList<>();
        con.setTraceCallback(traced::add);
        con.setlimit(Sqlite3.SQLITE_LIMIT_LENGTH, 1510);
        con.execute("select 1 as a where a=?", "a".repeat(1500));
        con.execute("select 1 as a where a=?", "short");
        assertThat(traced).containsExactly("select 1 as a where a=?", "select 1 as a where a='short'");
    }

    @Test // CursorFactoryTests.test_invalid_factory: no factory at all
    void nullCursorFactoryIsTypeError() {
        assertThatThrownBy(() -> con.cursor(null)).isInstanceOf(Sqlite3.TypeError.class);
    }
}
