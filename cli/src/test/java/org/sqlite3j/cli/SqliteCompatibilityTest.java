package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sqlite3 shell's own modes and commands, byte for byte as sqlite3 3.40 prints them: each script is
 * piped into {@code sqlite3j} (no FILE: an in-memory database) and its stdout, stderr and exit status are
 * compared with the text sqlite3 3.40.1 printed for it (kept here, so the check holds offline), and, when
 * {@code /usr/bin/sqlite3} is installed, with what it prints now. sqlite3's caret lines under a statement
 * ({@code ^--- error here}) are left out of its stderr: sqlite3j does not print them (see the README).
 */
class SqliteCompatibilityTest {
    private static final Path SQLITE3 = Path.of("/usr/bin/sqlite3");

    @TempDir
    Path dir;

    @BeforeEach
    void writeCsv() throws IOException {
        Files.writeString(dir.resolve("people.csv"),
                "id,name,note\r\n1,\"Smith, \"\"Al\"\"\",\r\n2,\"two\nlines\",x\r\n3,short\r\n4,a,b,extra\r\n\r\n5,é,z\r\n");
    }

    private static final String MODES_SCRIPT = "CREATE TABLE t(id INTEGER, name TEXT, score REAL, b BLOB);\nINSERT INTO t VALUES (1,'Ada',9.5,X'6869'),(2,'Grace, \"Amazing\"',NULL,NULL),(10,'日本',1e16,'x'),(-3,'it''s',0.1,X''),(4,'a\nb',100.0,1.5e-7);\n.mode column\n.headers on\nSELECT * FROM t;\n.headers off\nSELECT id, name FROM t WHERE id < 3;\n.mode box\n.headers on\nSELECT * FROM t;\n.headers off\nSELECT id, name FROM t WHERE id < 3;\n.mode markdown\n.headers on\nSELECT * FROM t;\n.headers off\nSELECT id, name FROM t WHERE id < 3;\n.mode line\n.headers on\nSELECT * FROM t;\n.headers off\nSELECT id, name FROM t WHERE id < 3;\n.mode list\n.headers on\nSELECT * FROM t;\n.headers off\nSELECT id, name FROM t WHERE id < 3;\n.mode tabs\n.headers on\nSELECT * FROM t;\n.headers off\nSELECT id, name FROM t WHERE id < 3;\n.mode quote\n.headers on\nSELECT * FROM t;\n.headers off\nSELECT id, name FROM t WHERE id < 3;\n.mode insert\n.headers on\nSELECT * FROM t;\n.headers off\nSELECT id, name FROM t WHERE id < 3;\n.mode insert new_t\n.headers on\nSELECT * FROM t;\n.headers off\nSELECT id, name FROM t WHERE id < 3;\n";
    private static final String MODES_OUT = "id  name              score    b      \n--  ----------------  -------  -------\n1   Ada               9.5      hi     \n\n2   Grace, \"Amazing\"                  \n\n10  日本                1.0e+16  x      \n\n-3  it's              0.1             \n\n4   a                 100.0    1.5e-07\n    b                                 \n1   Ada             \n2   Grace, \"Amazing\"\n-3  it's            \n┌────┬──────────────────┬─────────┬─────────┐\n│ id │       name       │  score  │    b    │\n├────┼──────────────────┼─────────┼─────────┤\n│ 1  │ Ada              │ 9.5     │ hi      │\n├────┼──────────────────┼─────────┼─────────┤\n│ 2  │ Grace, \"Amazing\" │         │         │\n├────┼──────────────────┼─────────┼─────────┤\n│ 10 │ 日本               │ 1.0e+16 │ x       │\n├────┼──────────────────┼─────────┼─────────┤\n│ -3 │ it's             │ 0.1     │         │\n├────┼──────────────────┼─────────┼─────────┤\n│ 4  │ a                │ 100.0   │ 1.5e-07 │\n│    │ b                │         │         │\n└────┴──────────────────┴─────────┴─────────┘\n┌────┬──────────────────┐\n│ id │       name       │\n├────┼──────────────────┤\n│ 1  │ Ada              │\n│ 2  │ Grace, \"Amazing\" │\n│ -3 │ it's             │\n└────┴──────────────────┘\n| id |       name       |  score  |    b    |\n|----|------------------|---------|---------|\n| 1  | Ada              | 9.5     | hi      |\n| 2  | Grace, \"Amazing\" |         |         |\n| 10 | 日本               | 1.0e+16 | x       |\n| -3 | it's             | 0.1     |         |\n| 4  | a                | 100.0   | 1.5e-07 |\n|    | b                |         |         |\n| id |       name       |\n|----|------------------|\n| 1  | Ada              |\n| 2  | Grace, \"Amazing\" |\n| -3 | it's             |\n   id = 1\n name = Ada\nscore = 9.5\n    b = hi\n\n   id = 2\n name = Grace, \"Amazing\"\nscore = \n    b = \n\n   id = 10\n name = 日本\nscore = 1.0e+16\n    b = x\n\n   id = -3\n name = it's\nscore = 0.1\n    b = \n\n   id = 4\n name = a\nb\nscore = 100.0\n    b = 1.5e-07\n   id = 1\n name = Ada\n\n   id = 2\n name = Grace, \"Amazing\"\n\n   id = -3\n name = it's\nid|name|score|b\n1|Ada|9.5|hi\n2|Grace, \"Amazing\"||\n10|日本|1.0e+16|x\n-3|it's|0.1|\n4|a\nb|100.0|1.5e-07\n1|Ada\n2|Grace, \"Amazing\"\n-3|it's\nid\tname\tscore\tb\n1\tAda\t9.5\thi\n2\tGrace, \"Amazing\"\t\t\n10\t日本\t1.0e+16\tx\n-3\tit's\t0.1\t\n4\ta\nb\t100.0\t1.5e-07\n1\tAda\n2\tGrace, \"Amazing\"\n-3\tit's\n'id','name','score','b'\n1,'Ada',9.5,X'6869'\n2,'Grace, \"Amazing\"',NULL,NULL\n10,'日本',10000000000000000.0,'x'\n-3,'it''s',0.10000000000000000555,X''\n4,'a\nb',100.0,1.4999999999999999321e-07\n1,'Ada'\n2,'Grace, \"Amazing\"'\n-3,'it''s'\nINSERT INTO \"table\"(id,name,score,b) VALUES(1,'Ada',9.5,X'6869');\nINSERT INTO \"table\"(id,name,score,b) VALUES(2,'Grace, \"Amazing\"',NULL,NULL);\nINSERT INTO \"table\"(id,name,score,b) VALUES(10,'日本',10000000000000000.0,'x');\nINSERT INTO \"table\"(id,name,score,b) VALUES(-3,'it''s',0.10000000000000000555,X'');\nINSERT INTO \"table\"(id,name,score,b) VALUES(4,replace('a\\nb','\\n',char(10)),100.0,1.4999999999999999321e-07);\nINSERT INTO \"table\" VALUES(1,'Ada');\nINSERT INTO \"table\" VALUES(2,'Grace, \"Amazing\"');\nINSERT INTO \"table\" VALUES(-3,'it''s');\nINSERT INTO new_t(id,name,score,b) VALUES(1,'Ada',9.5,X'6869');\nINSERT INTO new_t(id,name,score,b) VALUES(2,'Grace, \"Amazing\"',NULL,NULL);\nINSERT INTO new_t(id,name,score,b) VALUES(10,'日本',10000000000000000.0,'x');\nINSERT INTO new_t(id,name,score,b) VALUES(-3,'it''s',0.10000000000000000555,X'');\nINSERT INTO new_t(id,name,score,b) VALUES(4,replace('a\\nb','\\n',char(10)),100.0,1.4999999999999999321e-07);\nINSERT INTO new_t VALUES(1,'Ada');\nINSERT INTO new_t VALUES(2,'Grace, \"Amazing\"');\nINSERT INTO new_t VALUES(-3,'it''s');\n";
    private static final String MODES_ERR = "";
    private static final int MODES_STATUS = 0;
    private static final String WIDTH_AND_NULLVALUE_SCRIPT = "CREATE TABLE t(id INTEGER, name TEXT, score REAL, b BLOB);\nINSERT INTO t VALUES (1,'Ada',9.5,X'6869'),(2,'Grace, \"Amazing\"',NULL,NULL),(10,'日本',1e16,'x'),(-3,'it''s',0.1,X''),(4,'a\nb',100.0,1.5e-7);\n.mode column\n.width 3 -6\nSELECT name, score, id FROM t;\n.mode box\nSELECT id, name FROM t WHERE id < 3;\n.width\n.nullvalue (null)\n.mode list\nSELECT score FROM t;\n.mode line\nSELECT score FROM t WHERE id = 2;\n.mode markdown\nSELECT score, 'wide\tcell' AS tab FROM t WHERE id = 2;\n";
    private static final String WIDTH_AND_NULLVALUE_OUT = "nam   score  id\n---  ------  --\nAda     9.5  1 \n\nGra          2 \nce,            \n \"A            \nmaz            \ning            \n\"              \n\n日本   1.0e+1  10\n          6    \n\nit'     0.1  -3\ns              \n\na     100.0  4 \nb              \n┌─────┬────────┐\n│ id  │  name  │\n├─────┼────────┤\n│ 1   │    Ada │\n├─────┼────────┤\n│ 2   │ Grace, │\n│     │  \"Amaz │\n│     │   ing\" │\n├─────┼────────┤\n│ -3  │   it's │\n└─────┴────────┘\nscore\n9.5\n(null)\n1.0e+16\n0.1\n100.0\nscore = (null)\n| score  |     tab      |\n|--------|--------------|\n| (null) | wide    cell |\n";
    private static final String WIDTH_AND_NULLVALUE_ERR = "";
    private static final int WIDTH_AND_NULLVALUE_STATUS = 0;
    private static final String CHANGES_SCRIPT = ".mode list\n.changes on\nCREATE TABLE c(a INTEGER PRIMARY KEY, b);\nINSERT INTO c VALUES (1, 'x'), (2, 'y');\nSELECT count(*) FROM c;\nUPDATE c SET b = 'z'; SELECT 2;\nSELECT nope;\n.changes off\nDELETE FROM c;\n";
    private static final String CHANGES_OUT = "changes: 0   total_changes: 0\nchanges: 2   total_changes: 2\n2\nchanges: 2   total_changes: 2\n2\nchanges: 2   total_changes: 4\n";
    private static final String CHANGES_ERR = "Parse error near line 7: no such column: nope\n";
    private static final int CHANGES_STATUS = 1;
    private static final String EQP_AND_INDEXES_SCRIPT = ".mode list\nCREATE TABLE t(a INTEGER PRIMARY KEY, b, c);\nCREATE INDEX tb ON t(b);\nCREATE TABLE u(x UNIQUE);\n.eqp on\nSELECT * FROM t WHERE b = 1;\nSELECT * FROM t, u WHERE t.b = u.x ORDER BY c;\n.eqp off\n.indexes t\n.indexes u\n";
    private static final String EQP_AND_INDEXES_OUT = "QUERY PLAN\n`--SEARCH t USING INDEX tb (b=?)\nQUERY PLAN\n|--SCAN t\n|--SEARCH u USING COVERING INDEX sqlite_autoindex_u_1 (x=?)\n`--USE TEMP B-TREE FOR ORDER BY\ntb\nsqlite_autoindex_u_1\n";
    private static final String EQP_AND_INDEXES_ERR = "";
    private static final int EQP_AND_INDEXES_STATUS = 0;
    private static final String ERRORS_SCRIPT = ".mode list\nSELECT 1;\nSELECT * FROM nope;\nselec 2;\nSELECT 3;\nCREATE TABLE u(x UNIQUE);\nINSERT INTO u VALUES (1);\n\nINSERT INTO u VALUES (1);\nSELECT\n  abs(1, 2);\nSELECT 4;\n";
    private static final String ERRORS_OUT = "1\n3\n4\n";
    private static final String ERRORS_ERR = "Parse error near line 3: no such table: nope\nParse error near line 4: near \"selec\": syntax error\nRuntime error near line 9: UNIQUE constraint failed: u.x (19)\nParse error near line 10: wrong number of arguments to function abs()\n";
    private static final int ERRORS_STATUS = 1;
    private static final String BAIL_SCRIPT = ".mode list\n.bail on\nSELECT 1;\nSELECT x;\nSELECT 2;\n";
    private static final String BAIL_OUT = "1\n";
    private static final String BAIL_ERR = "Parse error near line 4: no such column: x\n";
    private static final int BAIL_STATUS = 1;
    private static final String IMPORT_SCRIPT = ".import --csv people.csv people\n.mode list\nSELECT name, type FROM pragma_table_info('people');\n.mode quote\nSELECT * FROM people;\nCREATE TABLE existing(a, b, c);\n.import --csv --skip 1 people.csv existing\nSELECT count(*), count(c) FROM existing;\n";
    private static final String IMPORT_OUT = "id|TEXT\nname|TEXT\nnote|TEXT\n'1','Smith, \"Al\"',''\n'2','two\nlines','x'\n'3','short',NULL\n'4','a','b'\n'',NULL,NULL\n'5','é','z'\n6,4\n";
    private static final String IMPORT_ERR = "people.csv:5: expected 3 columns but found 2 - filling the rest with NULL\npeople.csv:6: expected 3 columns but found 4 - extras ignored\npeople.csv:7: expected 3 columns but found 1 - filling the rest with NULL\npeople.csv:5: expected 3 columns but found 2 - filling the rest with NULL\npeople.csv:6: expected 3 columns but found 4 - extras ignored\npeople.csv:7: expected 3 columns but found 1 - filling the rest with NULL\n";
    private static final int IMPORT_STATUS = 0;

    /** Runs {@code script} in sqlite3j and (when installed) sqlite3, in {@link #dir}, and checks both. */
    private void check(String script, String out, String err, int status) throws Exception {
        ShellRun run;
        // .import names the file relative to the working directory, as sqlite3 does: the script names it
        // absolutely for sqlite3j, and the expected texts name it as written
        run = ShellRun.of(script.replace("people.csv", dir.resolve("people.csv").toString()));
        String ours = run.err().replace(dir.resolve("people.csv").toString(), "people.csv");
        assertThat(run.out()).as("stdout").isEqualTo(out);
        assertThat(ours).as("stderr").isEqualTo(err);
        assertThat(run.status()).as("exit status").isEqualTo(status);
        assumeTrue(Files.isExecutable(SQLITE3), "/usr/bin/sqlite3 is not installed: compared with its 3.40 output only");
        Process p = new ProcessBuilder(SQLITE3.toString()).directory(dir.toFile()).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String sqliteOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String sqliteErr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("  ")).map(l -> l + "\n").collect(Collectors.joining());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.out()).as("stdout, as sqlite3's").isEqualTo(sqliteOut);
        assertThat(ours).as("stderr, as sqlite3's").isEqualTo(sqliteErr);
        assertThat(run.status()).as("exit status, as sqlite3's").isEqualTo(p.exitValue());
    }

    @Test
    void theSqlite3ModesWithAndWithoutHeaders() throws Exception {
        check(MODES_SCRIPT, MODES_OUT, MODES_ERR, MODES_STATUS);
    }

    @Test
    void widthsNullValueAndTabs() throws Exception {
        check(WIDTH_AND_NULLVALUE_SCRIPT, WIDTH_AND_NULLVALUE_OUT, WIDTH_AND_NULLVALUE_ERR, WIDTH_AND_NULLVALUE_STATUS);
    }

    @Test
    void changesAfterEachInputChunk() throws Exception {
        check(CHANGES_SCRIPT, CHANGES_OUT, CHANGES_ERR, CHANGES_STATUS);
    }

    @Test
    void queryPlansAndIndexes() throws Exception {
        check(EQP_AND_INDEXES_SCRIPT, EQP_AND_INDEXES_OUT, EQP_AND_INDEXES_ERR, EQP_AND_INDEXES_STATUS);
    }

    @Test
    void parseAndRuntimeErrorsNameTheLineAndTheScriptGoesOnWithStatusOne() throws Exception {
        check(ERRORS_SCRIPT, ERRORS_OUT, ERRORS_ERR, ERRORS_STATUS);
    }

    @Test
    void bailStopsAtTheFirstError() throws Exception {
        check(BAIL_SCRIPT, BAIL_OUT, BAIL_ERR, BAIL_STATUS);
    }

    @Test
    void importCreatesTheTableFromTheHeaderOrAddsEveryRecord() throws Exception {
        check(IMPORT_SCRIPT, IMPORT_OUT, IMPORT_ERR, IMPORT_STATUS);
    }
}
