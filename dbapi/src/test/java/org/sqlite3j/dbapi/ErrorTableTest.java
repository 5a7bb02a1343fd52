package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * ErrorTable: the result-code names, the translation of sqlite-jdbc's exceptions and the message
 * suffix of foreign exceptions. The names are the ones CPython 3.13 gives {@code e.sqlite_errorname}.
 */
class ErrorTableTest {

    /** The primary result codes whose name prefixes the extended ones (sqlite3.h, CPython's module.c). */
    private static final List<String> PRIMARIES = List.of("OK", "ERROR", "INTERNAL", "PERM", "ABORT",
            "BUSY", "LOCKED", "NOMEM", "READONLY", "INTERRUPT", "IOERR", "CORRUPT", "NOTFOUND", "FULL",
            "CANTOPEN", "PROTOCOL", "EMPTY", "SCHEMA", "TOOBIG", "CONSTRAINT", "MISMATCH", "MISUSE",
            "NOLFS", "AUTH", "FORMAT", "RANGE", "NOTADB", "NOTICE", "WARNING", "ROW", "DONE");

    /**
     * CPython 3.13 names an error by the same table it exports as the module's result-code constants
     * (module.c's error_codes: pysqlite_error_name and add_error_constants), so the committed list of
     * the module's constants, as CPython 3.13.0 printed it, holds every name: the ones that are a
     * primary code's name, or begin with it, with that primary code in the low byte.
     */
    private static Map<Integer, String> cpythonErrorNames() throws IOException {
        Map<String, Integer> constants = new LinkedHashMap<>();
        try (InputStream in = ErrorTableTest.class.getResourceAsStream("/cpython-3.13-sqlite3-constants.txt")) {
            assertThat(in).isNotNull();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("\t"))
                    .forEach(f -> constants.put(f[0], Integer.parseInt(f[1])));
        }
        Map<Integer, String> names = new LinkedHashMap<>();
        constants.forEach((name, value) -> {
            for (String primary : PRIMARIES) {
                String base = "SQLITE_" + primary;
                if ((name.equals(base) || name.startsWith(base + "_"))
                        && (value & 0xFF) == constants.get(base)) {
                    names.put(value, name);
                }
            }
        });
        return names;
    }

    @Test // e.sqlite_errorname for every result code CPython 3.13's table knows (ModuleTests.test_error_code_names' table)
    void everyResultCodeHasCPythonsName() throws IOException {
        Map<Integer, String> names = cpythonErrorNames();
        assertThat(names).as("105 result codes in CPython 3.13's table").hasSize(105);
        names.forEach((code, name) -> assertThat(ErrorTable.errorName(code)).as("code %d", code).isEqualTo(name));
    }

    @Test // CPython 3.13 with SQLite 3.40: a STRICT table's type error is code 3091, named "unknown"
    void codesNewerThanCPythonsTableAreUnknown() {
        assertThat(ErrorTable.errorName(19 | (12 << 8))).isEqualTo("unknown");
        assertThat(ErrorTable.errorName(10 | (34 << 8))).as("SQLITE_IOERR_IN_PAGE").isEqualTo("unknown");
        assertThat(ErrorTable.errorName(-1)).isEqualTo("unknown");
        try (Connection con = Sqlite3.connect(":memory:")) {
            con.execute("create table t(a int) strict");
            Sqlite3.Error e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> con.execute("insert into t values('x')"), Sqlite3.IntegrityError.class);
            assertThat(e).hasMessage("cannot store TEXT value in INT column t.a");
            assertThat(e.sqliteErrorcode()).isEqualTo(3091);
            assertThat(e.sqliteErrorname()).isEqualTo("unknown");
        }
    }

    @Test // the exception carries the extended code, its name, SQLite's message and the cause
    void theErrorCarriesCodeNameMessageAndCause() {
        Throwable cause = new IllegalStateException("why");
        Sqlite3.Error e = ErrorTable.error(19 | (8 << 8), "UNIQUE constraint failed: u.a", cause);
        assertThat(e).isInstanceOf(Sqlite3.IntegrityError.class).hasMessage("UNIQUE constraint failed: u.a")
                .hasCause(cause);
        assertThat(e.sqliteErrorcode()).isEqualTo(2067);
        assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_CONSTRAINT_UNIQUE");
        assertThat(ErrorTable.error(7, "out of memory", null)).isExactlyInstanceOf(Sqlite3.OperationalError.class);
        assertThat(ErrorTable.error(24, "m", null)).as("SQLITE_FORMAT").isExactlyInstanceOf(Sqlite3.DatabaseError.class);
        assertThat(ErrorTable.error(23, "m", null)).as("SQLITE_AUTH").isExactlyInstanceOf(Sqlite3.DatabaseError.class);
    }

    /**
     * A user function's too-large result: SQLite reports SQLITE_ERROR, CPython raises DataError
     * (SQLITE_TOOBIG). The typed marker (UserFunctions.ResultTooBig) decides, not the message text: the
     * same text with SQLITE_ERROR alone stays an OperationalError.
     */
    @Test
    void aTooBigResultIsADataError() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            con.createFunction("big", 0, args -> java.math.BigInteger.ONE.shiftLeft(64));
            assertThatThrownBy(() -> con.execute("select big()"))
                    .isInstanceOfSatisfying(Sqlite3.DataError.class, e -> {
                        assertThat(e.sqliteErrorcode()).isEqualTo(18);
                        assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_TOOBIG");
                    })
                    .hasMessage("string or blob too big");
        }
        Sqlite3.Error text = ErrorTable.error(1, UserFunctions.TOO_BIG, null);
        assertThat(text).isExactlyInstanceOf(Sqlite3.OperationalError.class);
        assertThat(text.sqliteErrorname()).isEqualTo("SQLITE_ERROR");
        Sqlite3.Error other = ErrorTable.error(1, "no such table: x", null);
        assertThat(other).isExactlyInstanceOf(Sqlite3.OperationalError.class);
        assertThat(other.sqliteErrorcode()).isEqualTo(1);
        assertThat(other.sqliteErrorname()).isEqualTo("SQLITE_ERROR");
    }

    @Test // sqlite-jdbc's own checks (no SQLite code) become InterfaceError with their message, the cause kept
    void anSqlExceptionWithoutAnSqliteCodeIsAnInterfaceError() {
        SQLException jdbc = new SQLException("statement is closed");
        Sqlite3.Error e = ErrorTable.translate(jdbc);
        assertThat(e).isExactlyInstanceOf(Sqlite3.InterfaceError.class).hasMessage("statement is closed")
                .hasCause(jdbc);
        assertThat(e.sqliteErrorcode()).isNull();
        assertThat(e.sqliteErrorname()).isNull();
    }

    @Test // an SQLite error from sqlite-jdbc: errmsg alone, extended code, sqlite-jdbc's exception as the cause
    void anSqliteErrorKeepsItsCodeAndMessage() throws SQLException {
        try (java.sql.Connection jdbc = new org.sqlite.SQLiteDataSource().getConnection();
                java.sql.Statement st = jdbc.createStatement()) {
            st.execute("create table u(a unique)");
            st.execute("insert into u values(1)");
            SQLException raised = null;
            try {
                st.execute("insert into u values(1)");
            } catch (SQLException x) {
                raised = x;
            }
            assertThat((Throwable) raised).isNotNull();
            Sqlite3.Error e = ErrorTable.translate(raised);
            assertThat(e).isInstanceOf(Sqlite3.IntegrityError.class).hasMessage("UNIQUE constraint failed: u.a")
                    .hasCause(raised);
            assertThat(e.sqliteErrorcode()).isEqualTo(2067);
            assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_CONSTRAINT_UNIQUE");
        }
    }

    @Test // a foreign exception's message follows ": ", never its toString(); none or empty adds nothing
    void reasonIsTheMessageOnly() {
        assertThat(ErrorTable.reason(new IOException("disk gone"))).isEqualTo(": disk gone");
        assertThat(ErrorTable.reason(new IOException())).isEmpty();
        assertThat(ErrorTable.reason(new IOException(""))).isEmpty();
    }
}
