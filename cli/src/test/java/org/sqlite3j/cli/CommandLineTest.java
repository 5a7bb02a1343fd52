package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;

/** The non-interactive forms: {@code sqlite3j FILE "SQL"}, options, usage errors and the demo tour. */
class CommandLineTest {
    @TempDir
    Path dir;

    private String database() {
        String db = dir.resolve("cl.db").toString();
        try (Connection con = Sqlite3.connect(db)) {
            con.executescript("CREATE TABLE t(a, d DATE); INSERT INTO t VALUES (1, '2024-05-01');");
        }
        return db;
    }

    @Test
    void sqlArgumentRunsAndExits() {
        ShellRun run = ShellRun.of("this stdin is never read;", database(), "SELECT a FROM t");
        assertThat(run.out()).isEqualTo("+---+\n| a |\n+---+\n| 1 |\n+---+\n");
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
    }

    @Test
    void sqlArgumentErrorGoesToStderrWithStatusOne() {
        ShellRun run = ShellRun.of("", database(), "SELECT nope FROM t");
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("Error: OperationalError (SQLITE_ERROR): no such column: nope\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void anIncompleteStatementArgumentIsASyntaxError() {
        ShellRun run = ShellRun.of("", ":memory:", "sel");
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("Error: OperationalError (SQLITE_ERROR): near \"sel\": syntax error\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void aFileGivenWithSqlKeepsWhatTheFirstRunCreated() {
        String db = dir.resolve("on-disk.db").toString();
        ShellRun create = ShellRun.of("", db, "CREATE TABLE t(t)");
        assertThat(create.out()).isEmpty();
        assertThat(create.err()).isEmpty();
        assertThat(create.status()).isZero();
        ShellRun count = ShellRun.of("", db, "SELECT count(t) FROM t");
        assertThat(count.out()).isEqualTo("+----------+\n| count(t) |\n+----------+\n|        0 |\n+----------+\n");
        assertThat(count.status()).isZero();
    }

    @Test
    void severalArgumentsRunInOrderIncludingDotCommands() {
        String db = database();
        ShellRun run = ShellRun.of("", db, ".mode csv", "INSERT INTO t(a) VALUES (2); SELECT count(*) AS n FROM t;", ".tables");
        assertThat(run.out()).isEqualTo("n\r\n2\r\nt\n");
    }

    @Test
    void outputAsAnArgumentIsWrittenOutWhenTheCommandsEnd() throws Exception {
        Path file = dir.resolve("out.txt");
        ShellRun run = ShellRun.of("", database(), ".output " + file, "SELECT a FROM t");
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("+---+\n| a |\n+---+\n| 1 |\n+---+\n");
    }

    @Test
    void quitAsAnArgumentStopsTheRest() {
        assertThat(ShellRun.of("", database(), ".quit", "SELECT 1").out()).isEmpty();
    }

    @Test
    void modeOption() {
        String db = database();
        assertThat(ShellRun.of("", "-m", "json", db, "SELECT a FROM t").out()).isEqualTo("[{\"a\":1}]\n");
        assertThat(ShellRun.of("", "--mode=lines", db, "SELECT a FROM t").out()).isEqualTo("a = 1\n");
    }

    @Test
    void detectTypesRegistersPythonsDateConverters() {
        String db = database();
        assertThat(ShellRun.of("", db, "SELECT d FROM t").out()).contains("| 2024-05-01 |");
        assertThat(ShellRun.of("", "--detect-types", "decltypes", db, "SELECT d FROM t").out())
                .contains("| datetime.date(2024, 5, 1) |");
        assertThat(ShellRun.of("", "--detect-types=colnames", db, "SELECT '2024-01-02' AS \"x [date]\"").out())
                .contains("| datetime.date(2024, 1, 2) |");
        assertThat(ShellRun.of("", "--detect-types=colnames", db, "SELECT d FROM t").out()).contains("| 2024-05-01 |");
    }

    @Test
    void readonlyRefusesWrites() {
        String db = database();
        ShellRun run = ShellRun.of("", "--readonly", db, "INSERT INTO t(a) VALUES (2)");
        assertThat(run.err()).isEqualTo("Error: OperationalError (SQLITE_READONLY): attempt to write a readonly database\n");
        assertThat(run.status()).isEqualTo(1);
        assertThat(ShellRun.of("", "-r", db, "SELECT count(*) AS n FROM t").out()).contains("| 1 |");
    }

    @Test
    void readonlyOfAMissingFileDoesNotCreateIt() {
        Path missing = dir.resolve("missing #1?.db");
        ShellRun run = ShellRun.of("", "-r", missing.toString(), "SELECT 1");
        assertThat(run.err()).startsWith("Error: cannot open '" + missing + "': OperationalError (SQLITE_CANTOPEN)");
        assertThat(run.status()).isEqualTo(1);
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void readonlyInMemoryUsesQueryOnly() {
        ShellRun run = ShellRun.of("", "-r", ":memory:", "CREATE TABLE x(y)");
        assertThat(run.err()).contains("attempt to write a readonly database");
    }

    @Test
    void aNewFileIsCreatedAsPythonDoes() {
        Path fresh = dir.resolve("fresh.db");
        assertThat(ShellRun.of("", fresh.toString(), "CREATE TABLE x(y)").status()).isZero();
        assertThat(Files.exists(fresh)).isTrue();
    }

    @Test
    void uriDatabaseNames() {
        String db = database();
        ShellRun run = ShellRun.of("", "file:" + db + "?mode=ro", "SELECT a FROM t");
        assertThat(run.out()).contains("| 1 |");
        assertThat(ShellRun.of("", "file:" + db + "?mode=ro", "DELETE FROM t").err()).contains("readonly");
    }

    @Test
    void helpAndVersion() {
        ShellRun help = ShellRun.of("", "--help");
        assertThat(help.out()).startsWith("usage: sqlite3j [OPTIONS] [FILE] [SQL ...]")
                .contains("--detect-types").contains("--readonly").contains("--mode").contains("--no-history");
        assertThat(help.status()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(ShellRun.of("", "-h").out()).isEqualTo(help.out());
        ShellRun version = ShellRun.of("", "--version");
        assertThat(version.out()).isEqualTo("sqlite3j " + Version.sqlite3j() + ", SQLite version "
                + Sqlite3.sqliteVersion() + ", engine sqlite-jdbc " + org.sqlite.SQLiteJDBCLoader.getVersion()
                + ", Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")\n");
        assertThat(Sqlite3.engine()).matches("sqlite-jdbc 3\\.\\d+\\.\\d+\\.\\d+");
        assertThat(version.err()).isEmpty();
        assertThat(version.status()).isZero();
        assertThat(ShellRun.of("", "-v").out()).isEqualTo(version.out());
    }

    @Test
    void usageMistakesExitWithStatusTwo() {
        ShellRun run = ShellRun.of("", "--frob");
        assertThat(run.err()).isEqualTo("Error: unknown option --frob (sqlite3j --help lists them)\n"
                + "usage: sqlite3j [OPTIONS] [FILE] [SQL ...]\n");
        assertThat(run.status()).isEqualTo(2);
        assertThat(ShellRun.of("", "--detect-types", "sometimes").err())
                .startsWith("Error: --detect-types takes decltypes, colnames, both or none, not \"sometimes\"");
        assertThat(ShellRun.of("", "--mode").err()).startsWith("Error: option --mode needs a value");
        assertThat(ShellRun.of("", "-m", "xml").status()).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotADatabaseIsAnErrorNotAStackTrace() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not a database, just some text that is long enough to be a header".repeat(20));
        ShellRun run = ShellRun.of("", junk.toString(), "SELECT * FROM sqlite_schema");
        assertThat(run.err()).isEqualTo("Error: DatabaseError (SQLITE_NOTADB): file is not a database\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void withoutFileTheTourIsPrintedForAnEmptyStdinOrWithTheTourOption() {
        assertThat(ShellRun.of("").out()).contains("Connected to the bundled demo database (in memory)")
                .contains("sqlite> .tables\nbig_planet  planet      setting\n");
        ShellRun run = ShellRun.of("SELECT 'from stdin';\n", "--tour");
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Connected to the bundled demo database (in memory)")
                .contains("sqlite> .tables\nbig_planet  planet      setting\n")
                .contains("| Saturn  |   146 |   58232.0 |")
                .contains("| window       | {'width': 1280, 'height': 720, 'maximized': False, 'title': 'Planets'} |")
                .contains("| origin       | __main__.Point(x=3, y=4)")
                .contains("| icon         | b'\\x89PNG\\r\\n\\x1a\\n'")
                .contains("   33: \\x81 NEWOBJ")
                .contains("Error: IntegrityError (SQLITE_CONSTRAINT_UNIQUE): UNIQUE constraint failed: planet.name")
                .doesNotContain("from stdin");
    }

    @Test
    void pipedInputWithoutFileRunsOnAnEmptyInMemoryDatabase() {
        ShellRun run = ShellRun.of("SELECT 1 AS one;\n.tables\n");
        assertThat(run.out()).isEqualTo("+-----+\n| one |\n+-----+\n|   1 |\n+-----+\n");
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        ShellRun failing = ShellRun.of("SELECT nope;\nSELECT 2 AS two;\n");
        assertThat(failing.err()).isEqualTo("Parse error near line 1: no such column: nope\n");
        assertThat(failing.out()).contains("| two |");
        assertThat(failing.status()).isEqualTo(1);
    }

    @Test
    void theCliPomPassesTheTourOptionToExecJava() throws Exception {
        // the README's `mvn -pl cli -am compile exec:java` runs with a stdin that is no terminal (and may never end)
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<artifactId>exec-maven-plugin</artifactId>").contains("<argument>--tour</argument>");
    }

    @Test
    void theTourFollowsTheModeOption() {
        assertThat(ShellRun.of("", "--tour", "-m", "csv").out()).contains("key,value\r\nwindow,\"{'width': 1280,");
    }

    @Test
    void memoryDatabaseIsEmpty() {
        ShellRun run = ShellRun.of(".tables\nSELECT 1 AS x;\n", ":memory:");
        assertThat(run.out()).isEqualTo("+---+\n| x |\n+---+\n| 1 |\n+---+\n");
    }
}
