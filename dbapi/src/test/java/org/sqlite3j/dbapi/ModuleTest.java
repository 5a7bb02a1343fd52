package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Module attributes and the exception hierarchy (CPython test_dbapi.ModuleTests). */
class ModuleTest {

    @Test // ModuleTests.test_api_level, test_thread_safety, test_param_style
    void moduleConstantsHavePythonValues() {
        assertThat(Sqlite3.apilevel).isEqualTo("2.0");
        assertThat(Sqlite3.threadsafety).isEqualTo(3);
        assertThat(Sqlite3.paramstyle).isEqualTo("qmark");
        assertThat(Sqlite3.PARSE_DECLTYPES).isEqualTo(1);
        assertThat(Sqlite3.PARSE_COLNAMES).isEqualTo(2);
        assertThat(Sqlite3.LEGACY_TRANSACTION_CONTROL).isEqualTo(-1);
    }

    @Test // ModuleTests.test_module_constants (sqlite_version, sqlite_version_info)
    void sqliteVersionMatchesTheLibraryInUse() {
        String version = Sqlite3.sqliteVersion();
        assertThat(version).matches("3\\.\\d+\\.\\d+");
        assertThat(String.join(".", Sqlite3.sqliteVersionInfo().stream().map(String::valueOf).toList()))
                .isEqualTo(version);
        try (Connection con = Sqlite3.connect(":memory:")) {
            Row row = con.execute("select sqlite_version()").fetchone();
            assertThat(row.get(0)).isEqualTo(version);
        }
    }

    @Test // ModuleTests.test_warning .. test_not_supported_error
    void exceptionHierarchyIsDbApis() {
        assertThat(new Sqlite3.InterfaceError("x")).isInstanceOf(Sqlite3.Error.class);
        assertThat(new Sqlite3.DatabaseError("x")).isInstanceOf(Sqlite3.Error.class);
        assertThat(new Sqlite3.DataError("x")).isInstanceOf(Sqlite3.DatabaseError.class);
        assertThat(new Sqlite3.OperationalError("x")).isInstanceOf(Sqlite3.DatabaseError.class);
        assertThat(new Sqlite3.IntegrityError("x")).isInstanceOf(Sqlite3.DatabaseError.class);
        assertThat(new Sqlite3.InternalError("x")).isInstanceOf(Sqlite3.DatabaseError.class);
        assertThat(new Sqlite3.ProgrammingError("x")).isInstanceOf(Sqlite3.DatabaseError.class);
        assertThat(new Sqlite3.NotSupportedError("x")).isInstanceOf(Sqlite3.DatabaseError.class);
        assertThat(new Sqlite3.Warning("x")).isNotInstanceOf(Sqlite3.Error.class);
        assertThat(new Sqlite3.ProgrammingError("x").sqliteErrorcode()).isNull();
    }

    @Test // ModuleTests.test_error_code_on_exception
    void errorsFromSqliteCarryCodeAndName() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            assertThatThrownBy(() -> con.execute("select * from missing"))
                    .isInstanceOfSatisfying(Sqlite3.OperationalError.class, e -> {
                        assertThat(e).hasMessage("no such table: missing");
                        assertThat(e.sqliteErrorcode()).isEqualTo(1);
                        assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_ERROR");
                        assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
                    });
        }
    }

    @Test // ModuleTests.test_extended_error_code_on_exception
    void extendedCodesAreKept() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            con.execute("create table t(a integer primary key, b unique, c not null)");
            con.execute("insert into t values (1, 1, 1)");
            assertThatThrownBy(() -> con.execute("insert into t values (1, 2, 1)"))
                    .isInstanceOfSatisfying(Sqlite3.IntegrityError.class, e -> {
                        assertThat(e).hasMessage("UNIQUE constraint failed: t.a");
                        assertThat(e.sqliteErrorcode()).isEqualTo(1555);
                        assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_CONSTRAINT_PRIMARYKEY");
                    });
            assertThatThrownBy(() -> con.execute("insert into t values (2, 1, 1)"))
                    .isInstanceOfSatisfying(Sqlite3.IntegrityError.class, e -> {
                        assertThat(e.sqliteErrorcode()).isEqualTo(2067);
                        assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_CONSTRAINT_UNIQUE");
                    });
            assertThatThrownBy(() -> con.execute("insert into t values (3, 3, null)"))
                    .isInstanceOfSatisfying(Sqlite3.IntegrityError.class, e -> {
                        assertThat(e).hasMessage("NOT NULL constraint failed: t.c");
                        assertThat(e.sqliteErrorcode()).isEqualTo(1299);
                        assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_CONSTRAINT_NOTNULL");
                    });
        }
    }

    @Test // ModuleTests.test_complete_statement
    void completeStatement() {
        assertThat(Sqlite3.completeStatement("select t")).isFalse();
        assertThat(Sqlite3.completeStatement("create table t(t);")).isTrue();
        assertThat(Sqlite3.completeStatement("select ';")).isFalse();
        assertThat(Sqlite3.completeStatement("select ';';")).isTrue();
        assertThat(Sqlite3.completeStatement("create trigger x after insert on t begin select 1;"))
                .isFalse();
        assertThat(Sqlite3.completeStatement(
                "create trigger x after insert on t begin select 1; end;")).isTrue();
    }

    @Test // ErrorTable: one table, CPython's classes by primary code
    void primaryCodesMapToPythonClasses() {
        assertThat(ErrorTable.error(19, "m", null)).isInstanceOf(Sqlite3.IntegrityError.class);
        assertThat(ErrorTable.error(20, "m", null)).isInstanceOf(Sqlite3.IntegrityError.class);
        assertThat(ErrorTable.error(21, "m", null)).isInstanceOf(Sqlite3.InterfaceError.class);
        assertThat(ErrorTable.error(25, "m", null)).isInstanceOf(Sqlite3.InterfaceError.class);
        assertThat(ErrorTable.error(18, "m", null)).isInstanceOf(Sqlite3.DataError.class);
        assertThat(ErrorTable.error(11, "m", null)).isExactlyInstanceOf(Sqlite3.DatabaseError.class);
        assertThat(ErrorTable.error(26, "m", null)).isExactlyInstanceOf(Sqlite3.DatabaseError.class);
        assertThat(ErrorTable.error(2, "m", null)).isInstanceOf(Sqlite3.InternalError.class);
        assertThat(ErrorTable.error(12, "m", null)).isInstanceOf(Sqlite3.InternalError.class);
        for (int code : new int[] {1, 3, 4, 5, 6, 8, 9, 10, 13, 14, 15, 16, 17}) {
            assertThat(ErrorTable.error(code, "m", null)).as("code %d", code)
                    .isInstanceOf(Sqlite3.OperationalError.class);
        }
        assertThat(ErrorTable.error(5 | (3 << 8), "m", null).sqliteErrorname())
                .isEqualTo("SQLITE_BUSY_TIMEOUT");
        assertThat(ErrorTable.error(10 | (4 << 8), "m", null).sqliteErrorname())
                .isEqualTo("SQLITE_IOERR_FSYNC");
    }

    @Test // ModuleTests.test_module_constants: every SQLITE_* constant of CPython 3.13's module, with its value
    void everySqliteConstantOfCPython() throws Exception {
        java.util.List<String> lines;
        try (java.io.InputStream in = ModuleTest.class.getResourceAsStream("/cpython-3.13-sqlite3-constants.txt")) {
            assertThat(in).as("the list CPython 3.13.0 printed").isNotNull();
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
        assertThat(lines).hasSizeGreaterThan(150);
        for (String line : lines) {
            String[] f = line.split("\t");
            java.lang.reflect.Field field = Sqlite3.class.getField(f[0]);
            assertThat(field.getType()).as(f[0]).isEqualTo(int.class);
            assertThat(field.getInt(null)).as(f[0]).isEqualTo(Integer.parseInt(f[1]));
        }
        assertThat(Sqlite3.SQLITE_CONSTRAINT_CHECK).isEqualTo(275);
        assertThat(Sqlite3.SQLITE_READ).isEqualTo(20);
        assertThat(Sqlite3.PARSE_DECLTYPES | Sqlite3.PARSE_COLNAMES).isEqualTo(3);
    }
}
