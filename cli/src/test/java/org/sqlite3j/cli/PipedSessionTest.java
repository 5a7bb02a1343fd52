package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;

/** The shell driven through piped stdin, as {@code sqlite3j FILE < script.sql}: every dot-command and mode. */
class PipedSessionTest {
    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void createDatabase() {
        db = dir.resolve("t.db").toString();
        try (Connection con = Sqlite3.connect(db)) {
            con.executescript("""
                    CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT, score REAL);
                    INSERT INTO person VALUES (1, 'Ada', 9.5), (2, 'Grace, "Amazing"', NULL), (10, '日本', 1e16);
                    CREATE VIEW top AS SELECT name FROM person WHERE score > 5;
                    """);
        }
    }

    @Test
    void selectPrintsAnAlignedTable() {
        ShellRun run = ShellRun.of("SELECT id, name, score FROM person ORDER BY id;\n", db);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("""
                +----+------------------+-------+
                | id |       name       | score |
                +----+------------------+-------+
                |  1 | Ada              |   9.5 |
                |  2 | Grace, "Amazing" | NULL  |
                | 10 | 日本             | 1e+16 |
                +----+------------------+-------+
                """);
    }

    @Test
    void statementsContinueOverLinesUntilComplete() {
        ShellRun run = ShellRun.of("SELECT\n  'a;b'\n  AS x\n;\nSELECT 1 AS y; SELECT 2 AS z;\n", db);
        assertThat(run.out()).contains("| a;b |").contains("| y |").contains("| z |");
        assertThat(run.status()).isZero();
    }

    @Test
    void aTriggerBodyIsOneStatement() {
        ShellRun run = ShellRun.of("""
                CREATE TABLE log(msg);
                CREATE TRIGGER t AFTER INSERT ON person BEGIN
                  INSERT INTO log VALUES ('added; ' || new.name);
                END;
                INSERT INTO person(name) VALUES ('Linus');
                SELECT msg FROM log;
                """, db);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("| added; Linus |");
    }

    @Test
    void anErrorIsReportedAndTheShellGoesOnThenExitsWithStatusOne() {
        ShellRun run = ShellRun.of("SELECT * FROM nope;\nSELECT 'still here' AS s;\n", db);
        // as sqlite3 3.40 words it for a script (its caret line under the statement aside)
        assertThat(run.err()).isEqualTo("Parse error near line 1: no such table: nope\n");
        assertThat(run.out()).contains("still here");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void constraintErrorsAreRuntimeErrorsInScriptsAndNameTheirExtendedCodeAsArguments() {
        ShellRun run = ShellRun.of("INSERT INTO person(id) VALUES (1);\n", db);
        assertThat(run.err()).isEqualTo("Runtime error near line 1: UNIQUE constraint failed: person.id (19)\n");
        assertThat(ShellRun.of("", db, "INSERT INTO person(id) VALUES (1)").err()).isEqualTo(
                "Error: IntegrityError (SQLITE_CONSTRAINT_PRIMARYKEY): UNIQUE constraint failed: person.id\n");
    }

    @Test
    void theLastStatementMayLackItsSemicolonAtEndOfInput() {
        ShellRun run = ShellRun.of("SELECT 41 + 1 AS answer", db);
        assertThat(run.out()).contains("|     42 |");
        assertThat(run.status()).isZero();
    }

    @Test
    void changesAreCommittedAsTheyRun() {
        ShellRun.of("INSERT INTO person(name) VALUES ('Barbara');\n", db);
        try (Connection con = Sqlite3.connect(db)) {
            assertThat(con.execute("SELECT count(*) FROM person").fetchone().get(0)).isEqualTo(4L);
        }
    }

    @Test
    void unknownDotCommandKeepsTheShellAlive() {
        ShellRun run = ShellRun.of(".frobnicate x\nSELECT 1 AS one;\n", db);
        assertThat(run.err()).isEqualTo(
                "Error: unknown command or invalid arguments:  \"frobnicate\". Enter \".help\" for help\n");
        assertThat(run.out()).contains("| one |");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void helpListsEveryCommand() {
        ShellRun run = ShellRun.of(".help\n", db);
        for (String name : DotCommands.NAMES) {
            assertThat(run.out()).contains(name + " ");
        }
    }

    @Test
    void versionNamesSqliteAndSqlite3j() {
        ShellRun run = ShellRun.of(".version\n", db);
        assertThat(run.out()).isEqualTo("sqlite3j " + Version.sqlite3j() + ", SQLite version "
                + Sqlite3.sqliteVersion() + ", engine sqlite-jdbc " + org.sqlite.SQLiteJDBCLoader.getVersion()
                + ", Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")\n");
        assertThat(Sqlite3.engine()).matches("sqlite-jdbc 3\\.\\d+\\.\\d+\\.\\d+");
        assertThat(Version.sqlite3j()).isNotEqualTo("unknown");
    }

    @Test
    void quitStopsReading() {
        ShellRun run = ShellRun.of("SELECT 1 AS a;\n.quit\nSELECT 2 AS b;\n", db);
        assertThat(run.out()).contains("| a |").doesNotContain("| b |");
        assertThat(ShellRun.of(".exit\nSELECT 2 AS b;\n", db).out()).isEmpty();
    }

    @Test
    void tablesListsTablesAndViewsSortedAndFiltered() {
        assertThat(ShellRun.of(".tables\n", db).out()).isEqualTo("person  top\n");
        assertThat(ShellRun.of(".tables p%\n", db).out()).isEqualTo("person\n");
        assertThat(ShellRun.of(".tables zzz\n", db).out()).isEmpty();
    }

    @Test
    void tablesWrapsIntoColumnsOnEightyCharacters() {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            script.append("CREATE TABLE table_number_").append(i).append("(x);\n");
        }
        String out = ShellRun.of(script + ".tables table%\n", db).out();
        assertThat(out.lines()).hasSize(3).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(out.lines().findFirst().orElseThrow()) // sorted, down the columns first
                .isEqualTo("table_number_0   table_number_11  table_number_4   table_number_7");
    }

    @Test
    void schemaShowsCreateStatements() {
        assertThat(ShellRun.of(".schema\n", db).out()).isEqualTo("""
                CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT, score REAL);
                CREATE VIEW top AS SELECT name FROM person WHERE score > 5;
                """);
        assertThat(ShellRun.of(".schema TOP\n", db).out())
                .isEqualTo("CREATE VIEW top AS SELECT name FROM person WHERE score > 5;\n");
    }

    @Test
    void dumpIsIterdumpAndRestoresTheDatabase() {
        ShellRun dump = ShellRun.of(".dump\n", db);
        assertThat(dump.out()).startsWith("BEGIN TRANSACTION;\nCREATE TABLE person")
                .contains("INSERT INTO \"person\" VALUES(2,'Grace, \"Amazing\"',NULL);")
                .endsWith("COMMIT;\n");
        String copy = dir.resolve("copy.db").toString();
        ShellRun restore = ShellRun.of(dump.out(), copy);
        assertThat(restore.err()).isEmpty();
        assertThat(ShellRun.of("SELECT name FROM person ORDER BY id;\n", copy).out()).contains("Grace, \"Amazing\"");
        assertThat(ShellRun.of(".dump top%\n", db).out()).doesNotContain("INSERT");
    }

    @Test
    void modeSwitchesTheOutputFormat() {
        String sql = "SELECT id, name, score FROM person WHERE id < 3 ORDER BY id;\n";
        assertThat(ShellRun.of(".mode csv\n" + sql, db).out())
                .isEqualTo("id,name,score\r\n1,Ada,9.5\r\n2,\"Grace, \"\"Amazing\"\"\",\r\n");
        assertThat(ShellRun.of(".mode json\n" + sql, db).out())
                .isEqualTo("[{\"id\":1,\"name\":\"Ada\",\"score\":9.5},\n"
                        + "{\"id\":2,\"name\":\"Grace, \\\"Amazing\\\"\",\"score\":null}]\n");
        assertThat(ShellRun.of(".mode lines\n" + sql, db).out())
                .isEqualTo("   id = 1\n name = Ada\nscore = 9.5\n\n   id = 2\n name = Grace, \"Amazing\"\nscore = NULL\n");
        assertThat(ShellRun.of(".mode csv\n.mode table\n" + sql, db).out()).startsWith("+----+");
        assertThat(ShellRun.of(".mode lines\n.mode\n", db).out()).isEqualTo("current output mode: lines\n");
    }

    @Test
    void modeRejectsAnUnknownName() {
        ShellRun run = ShellRun.of(".mode html\n", db);
        assertThat(run.err()).isEqualTo("Error: unknown mode \"html\"; the modes are table, csv, json, lines, box, column, insert, line, list, markdown, quote, tabs\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void anEmptyResultPrintsNothing() {
        for (Mode mode : Mode.values()) {
            assertThat(ShellRun.of("SELECT * FROM person WHERE 0;\n", "-m", mode.label(), db).out())
                    .as(mode.label()).isEmpty();
        }
    }

    @Test
    void timerReportsEachStatement() {
        ShellRun run = ShellRun.of(".timer on\nSELECT 1 AS a;\nCREATE TABLE x(y);\n.timer off\nSELECT 2 AS b;\n", db);
        assertThat(run.out().lines().filter(l -> l.matches("Run Time: real \\d+\\.\\d{3} user \\d+\\.\\d{6} sys \\d+\\.\\d{6}")))
                .hasSize(2);
        assertThat(ShellRun.of(".timer maybe\n", db).err()).isEqualTo("Error: usage: .timer on|off (not \"maybe\")\n");
    }

    @Test
    void outputSendsResultsToAFileAndBack(@TempDir Path out) throws Exception {
        Path file = out.resolve("result.csv");
        ShellRun run = ShellRun.of(".mode csv\n.output '" + file + "'\nSELECT name FROM person WHERE id = 1;\n"
                + ".output\nSELECT 'screen' AS s;\n", db);
        assertThat(Files.readString(file)).isEqualTo("name\r\nAda\r\n");
        assertThat(run.out()).isEqualTo("s\r\nscreen\r\n");
    }

    @Test
    void outputToAnUnwritablePlaceIsAnError() {
        ShellRun run = ShellRun.of(".output " + dir.resolve("no/such/dir/f.txt") + "\n", db);
        assertThat(run.err()).startsWith("Error: cannot write to \"");
    }

    @Test
    void backupCopiesTheDatabase() {
        Path copy = dir.resolve("backup.db");
        ShellRun run = ShellRun.of(".backup " + copy + "\n", db);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEmpty();
        try (Connection con = Sqlite3.connect(copy)) {
            assertThat(con.execute("SELECT count(*) FROM person").fetchone().get(0)).isEqualTo(3L);
        }
        assertThat(ShellRun.of(".backup nosuchdb " + copy + "\n", db).err())
                .isEqualTo("Error: OperationalError (SQLITE_ERROR): unknown database nosuchdb\n");
        assertThat(ShellRun.of(".backup\n", db).err()).isEqualTo("Error: usage: .backup ?DB? FILE\n");
    }

    @Test
    void blobsThatAreNotPicklesShowAsPythonBytes() {
        assertThat(ShellRun.of("SELECT X'00ff410a' AS b;\n", db).out()).contains("| b'\\x00\\xffA\\n' |");
        assertThat(ShellRun.of("SELECT X'27' AS b;\n", db).out()).contains("| b\"'\" |");
    }

    @Test
    void textWithLineBreaksStaysOnOneTableLine() {
        assertThat(ShellRun.of("SELECT 'a' || char(10) || 'b' AS t;\n", db).out()).contains("| a\\nb |");
        assertThat(ShellRun.of(".mode csv\nSELECT 'a' || char(10) || 'b' AS t;\n", db).out())
                .isEqualTo("t\r\n\"a\nb\"\r\n");
    }

    @Test
    void blankLinesAndCommentsAreHarmless() {
        ShellRun run = ShellRun.of("\n   \n-- a comment;\nSELECT 1 AS a; -- trailing\n;\n", db);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("| a |");
    }

    @Test
    void readRunsAFileOfSqlAndDotCommandsWithItsOwnLineNumbers() throws Exception {
        Path inner = dir.resolve("inner.sql");
        Files.writeString(inner, ".mode list\n\nSELECT name FROM person WHERE id = 1;\nSELECT bad;\n");
        ShellRun run = ShellRun.of(".read '" + inner + "'\nSELECT 2;\n", db);
        assertThat(run.out()).isEqualTo("Ada\n2\n");
        assertThat(run.err()).isEqualTo("Parse error near line 4: no such column: bad\n");
        assertThat(run.status()).isEqualTo(1);
        assertThat(ShellRun.of(".read " + dir.resolve("missing.sql") + "\n", db).err())
                .isEqualTo("Error: cannot open \"" + dir.resolve("missing.sql") + "\"\n");
        assertThat(ShellRun.of(".read\n", db).err()).isEqualTo("Error: usage: .read FILE\n");
    }

    @Test
    void openSwitchesDatabasesReadOnlyAndNew() throws Exception {
        Path other = dir.resolve("other.db");
        ShellRun run = ShellRun.of(".open '" + other + "'\nCREATE TABLE o(x);\n.open --readonly '" + other
                + "'\nINSERT INTO o VALUES (1);\n.tables\n.open --new '" + other + "'\n.tables\n", db);
        assertThat(run.err()).isEqualTo("Runtime error near line 4: attempt to write a readonly database (8)\n");
        assertThat(run.out()).isEqualTo("o\n");
        assertThat(ShellRun.of(".open --bogus x.db\n", db).err())
                .isEqualTo("Error: usage: .open ?--readonly? ?--new? ?FILE? (unknown option \"--bogus\")\n");
        ShellRun missing = ShellRun.of(".open --readonly '" + dir.resolve("none.db") + "'\n.tables\n", db);
        assertThat(missing.err()).startsWith("Error: cannot open \"" + dir.resolve("none.db") + "\": OperationalError");
        assertThat(missing.out()).isEqualTo("person  top\n"); // the database before stays open
    }

    @Test
    void importMistakesSayWhatWasExpected() throws Exception {
        assertThat(ShellRun.of(".import --csv\n", db).err()).startsWith("Error: .import: missing FILE and TABLE\nusage: .import");
        assertThat(ShellRun.of(".import --csv a.csv\n", db).err()).startsWith("Error: .import: missing TABLE\n");
        assertThat(ShellRun.of(".import --csv --skip x a.csv t\n", db).err())
                .startsWith("Error: .import: --skip takes a number of records (0 or more), not \"x\"\n");
        assertThat(ShellRun.of(".import --foo a.csv t\n", db).err()).startsWith("Error: .import: unknown option \"--foo\"\n");
        assertThat(ShellRun.of(".import --csv " + dir.resolve("nope.csv") + " t\n", db).err())
                .isEqualTo("Error: cannot open \"" + dir.resolve("nope.csv") + "\"\n");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThat(ShellRun.of(".import --csv " + empty + " e\n", db).err()).isEqualTo("Error: " + empty + ": empty file\n");
    }

    @Test
    void importRunsInOneTransactionAndReportsFailedInserts() throws Exception {
        Path csv = dir.resolve("ids.csv");
        Files.writeString(csv, "1,a,1\n1,b,2\n20,c,3\n");
        ShellRun run = ShellRun.of(".import --csv " + csv + " person\n.mode list\nSELECT count(*) FROM person;\n", db);
        assertThat(run.err()).isEqualTo(csv + ":1: INSERT failed: UNIQUE constraint failed: person.id\n"
                + csv + ":2: INSERT failed: UNIQUE constraint failed: person.id\n");
        assertThat(run.out()).isEqualTo("4\n");
    }

    @Test
    void outputSettingsRejectBadArguments() {
        assertThat(ShellRun.of(".width 3 x\n", db).err())
                .isEqualTo("Error: usage: .width NUM1 NUM2 ... (whole numbers; negative: right-aligned), not \"x\"\n");
        assertThat(ShellRun.of(".headers maybe\n", db).err()).isEqualTo("Error: usage: .headers on|off (not \"maybe\")\n");
        assertThat(ShellRun.of(".nullvalue\n", db).err()).isEqualTo("Error: usage: .nullvalue STRING\n");
        assertThat(ShellRun.of(".mode list extra\n", db).err()).startsWith("Error: usage: .mode ?MODE? ?TABLE?");
        assertThat(ShellRun.of(".indexes a b\n", db).err()).isEqualTo("Error: usage: .indexes ?TABLE?\n");
    }

    @Test
    void bailOptionAndNullValueInTheTableMode() {
        ShellRun run = ShellRun.of("SELECT nope;\nSELECT 1;\n", "--bail", db);
        assertThat(run.out()).isEmpty();
        assertThat(run.status()).isEqualTo(1);
        assertThat(ShellRun.of(".nullvalue -\nSELECT NULL AS n;\n", db).out()).contains("| - |");
    }

    @Test
    void ellipsisCutsLongCellsToTheScreenOnlyWhenAsked() {
        String sql = "SELECT 'k' AS key, printf('%.200c', 'x') AS value;\n";
        assertThat(ShellRun.of(sql, db).out().lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(200);
        String cut = ShellRun.of(".ellipsis on\n" + sql, db).out();
        assertThat(cut.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(cut).contains("x…").contains("| k   |");
        String box = ShellRun.of(".ellipsis on\n.mode box\n" + sql, db).out();
        assertThat(box.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(box).contains("x… │");
    }

    // issue 19: an unterminated /* comment at the end of the input was ignored with exit status 0
    @Test
    void aBlockCommentNeverClosedAtTheEndIsAnErrorAndRunsNothingOfIt() {
        ShellRun run = ShellRun.of("SELECT 1 AS one;\nSELECT 2 AS two /* the rest\nof the script\n", db);
        assertThat(run.out()).contains("| one |").doesNotContain("two");
        assertThat(run.err()).isEqualTo("Parse error near line 2: incomplete input: unterminated /* comment, starting on line 2\n");
        assertThat(run.status()).isEqualTo(1);
        ShellRun alone = ShellRun.of("SELECT 1 AS one;\n\n/*\n", db);
        assertThat(alone.err()).contains("unterminated /* comment, starting on line 3");
        assertThat(alone.status()).isEqualTo(1);
        ShellRun argument = ShellRun.of("", db, "SELECT 3 AS three; /* open");
        assertThat(argument.err()).isEqualTo("Error: incomplete input: unterminated /* comment, starting on line 1\n");
        assertThat(argument.out()).doesNotContain("three");
        assertThat(argument.status()).isEqualTo(1);
    }

    @Test
    void closedCommentsAndCommentMarksInLiteralsAreNotUnfinished() {
        ShellRun run = ShellRun.of("SELECT '/*' AS a /* closed */, \"x/*\" AS b;\n/**/ -- /* in a line comment\n", db);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("| /* |");
    }

    // issue 19: a column header longer than the screen is cut like a long cell, in every table-like mode
    @Test
    void aHeaderLongerThanTheScreenIsCutInEveryTableLikeMode() {
        String sql = "SELECT length('" + "h".repeat(5_000) + "'), 1 AS x;\n";
        for (String mode : new String[] {"table", "box", "column", "markdown"}) {
            String out = ShellRun.of(".ellipsis on\n.mode " + mode + "\n" + sql, db).out();
            assertThat(out).as(mode).contains("h…").contains("5000");
            assertThat(out.lines()).as(mode).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        }
    }
}
