package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Dump#iterdump}: the same lines as CPython 3.13's {@code con.iterdump()}.
 *
 * <p>The cases are in {@code src/test/resources/dump/cases.tsv}; each names a schema script under
 * {@code dump/schemas/} and optionally a filter. Three sources of truth are used:
 * <ul>
 *   <li>live CPython (when {@code ~/.pyenv/versions/3.13.0/bin/python3} or a {@code python3} of
 *       3.13+ exists): CPython dumps the database file the façade built, and the façade dumps the
 *       file CPython built; each pair must match;</li>
 *   <li>the committed dumps {@code dump/<case>.sql}, made by {@code dump/cpython_dump.py
 *       regenerate}, which hold without any Python; when CPython is there, a test checks they are
 *       still what it produces;</li>
 *   <li>the dump itself: replayed by {@code executescript} into a fresh database it dumps again
 *       to the same lines.</li>
 * </ul>
 *
 * <p><b>SQLite versions.</b> The dump writes every value with SQLite's own {@code quote()}, and
 * {@code quote()} of a REAL changed between the SQLite that CPython links here (3.40.1:
 * {@code "%!.15g"}, and {@code "%!.20e"} when that does not round-trip; {@code Inf}/{@code -Inf}
 * for infinities) and the one bundled with sqlite-jdbc (3.53: the shortest digits that
 * round-trip; {@code 9.0e+999}/{@code -9.0e+999}). For example 1e15 is {@code 1.0e+15} there and
 * {@code 1000000000000000.0} here, 0.1+0.2 {@code 3.00000000000000044408e-01} there and
 * {@code 0.30000000000000004} here. So when the two dumps come from different SQLite versions
 * they are compared <em>modulo that only</em>: in {@code INSERT} lines each REAL literal of the
 * {@code VALUES(...)} list (and {@code Inf}) is replaced by the double it denotes; everything
 * else — every other line, every other character — must be identical. With equal SQLite
 * versions the comparison is exact.
 */
class DumpTest {

    private static final Path DIR = resourceDir();
    private static final Python PYTHON = Python.find(DIR.resolve("cpython_dump.py"));
    private static final String OUR_SQLITE = Sqlite3.sqliteVersion();

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------------------------------------
    // The shared cases
    // ---------------------------------------------------------------------------------------------

    /** One line of cases.tsv. */
    record Case(String name, String schema, String filter) {
        @Override
        public String toString() {
            return name + (filter == null ? "" : " (filter '" + filter + "')");
        }

        String script() {
            return read(DIR.resolve("schemas").resolve(schema + ".sql"));
        }

        boolean hasVirtualTables() {
            return script().contains("CREATE VIRTUAL TABLE");
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String line : read(DIR.resolve("cases.tsv")).split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            String filter = null;
            if (fields.length > 2) {
                assertThat(fields[2]).startsWith("filter=");
                filter = fields[2].substring("filter=".length());
            }
            cases.add(new Case(fields[0], fields[1], filter));
        }
        return cases;
    }

    @Test
    void theCasesCoverEnoughSchemas() {
        assertThat(cases().stream().map(Case::schema).distinct().count()).isGreaterThanOrEqualTo(12);
        assertThat(cases()).extracting(Case::filter).contains(null, "", "t%");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cpythonAndJavaDumpTheSameFileAlike(Case c) {
        assumePython();
        Path javaBuilt = tmp.resolve("java.db");
        buildWithJava(c.script(), javaBuilt);
        assertSameDump(PYTHON.dump(javaBuilt, c.filter()), PYTHON.sqliteVersion,
                javaDump(javaBuilt, c.filter()), OUR_SQLITE, "dump of the database the façade built (" + c + ")");

        Path pythonBuilt = tmp.resolve("python.db");
        PYTHON.build(DIR.resolve("schemas").resolve(c.schema() + ".sql"), pythonBuilt);
        assertSameDump(PYTHON.dump(pythonBuilt, c.filter()), PYTHON.sqliteVersion,
                javaDump(pythonBuilt, c.filter()), OUR_SQLITE, "dump of the database CPython built (" + c + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheCommittedCpythonDump(Case c) {
        Path db = tmp.resolve("java.db");
        buildWithJava(c.script(), db);
        assertSameDump(committed(c), generatedBy().getProperty("sqlite"),
                asFileLines(javaDump(db, c.filter())), OUR_SQLITE, "committed dump/" + c.name() + ".sql vs the façade's dump");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCommittedDumpsAreCurrent(Case c) {
        assumePython();
        Properties by = generatedBy();
        assumeTrue(PYTHON.pythonVersion.equals(by.getProperty("python"))
                        && PYTHON.sqliteVersion.equals(by.getProperty("sqlite")),
                "the committed dumps were made by CPython " + by.getProperty("python") + " with SQLite "
                        + by.getProperty("sqlite") + "; " + PYTHON + " would differ by version alone");
        Path db = tmp.resolve("python.db");
        PYTHON.build(DIR.resolve("schemas").resolve(c.schema() + ".sql"), db);
        assertSameDump(committed(c), by.getProperty("sqlite"),
                asFileLines(PYTHON.dump(db, c.filter())), PYTHON.sqliteVersion, "dump/" + c.name() + ".sql is stale: run dump/cpython_dump.py regenerate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void replayingTheDumpGivesTheSameDump(Case c) {
        assumeTrue(c.filter() == null, "a filtered dump need not restore (an index without its table)");
        assumeTrue(!c.hasVirtualTables(), "virtual tables do not replay by executescript, in CPython"
                + " neither: see virtualTableDumpsDoNotReplayInOneScript");
        Path db = tmp.resolve("java.db");
        buildWithJava(c.script(), db);
        List<String> first = javaDump(db, null);
        List<String> second;
        try (Connection fresh = Sqlite3.connect(":memory:")) {
            fresh.executescript(String.join("\n", first));
            second = dump(fresh, null);
        }
        assertSameDump(first, OUR_SQLITE, second, OUR_SQLITE, "dump of the replayed dump (" + c + ")");
    }

    // ---------------------------------------------------------------------------------------------
    // Behaviour beyond the shared cases
    // ---------------------------------------------------------------------------------------------

    @Test
    void emptyDatabase() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            assertThat(dump(con, null)).containsExactly("BEGIN TRANSACTION;", "COMMIT;");
        }
    }

    @Test // python/cpython#153658: CPython 3.13.0 raises here; the fix (and this class) quote the name
    void tableNameWithSingleQuote() {
        Path db = tmp.resolve("quote.db");
        buildWithJava("CREATE TABLE \"it's\"(id INTEGER PRIMARY KEY AUTOINCREMENT, \"o'k\" TEXT);"
                + "INSERT INTO \"it's\"(\"o'k\") VALUES('y''all');"
                + "CREATE INDEX \"it's idx\" ON \"it's\"(\"o'k\");", db);
        List<String> lines = javaDump(db, null);
        assertThat(lines).containsExactly(
                "BEGIN TRANSACTION;",
                "CREATE TABLE \"it's\"(id INTEGER PRIMARY KEY AUTOINCREMENT, \"o'k\" TEXT);",
                "INSERT INTO \"it's\" VALUES(1,'y''all');",
                "CREATE INDEX \"it's idx\" ON \"it's\"(\"o'k\");",
                "DELETE FROM \"sqlite_sequence\";",
                "INSERT INTO \"sqlite_sequence\" VALUES('it''s',1);",
                "COMMIT;");
        try (Connection fresh = Sqlite3.connect(":memory:")) {
            fresh.executescript(String.join("\n", lines));
            assertThat(dump(fresh, null)).isEqualTo(lines);
        }
        if (PYTHON != null) {
            Python.Result cpython = PYTHON.tryDump(db, null);
            if (cpython.error() == null) { // a CPython with the fix
                assertSameDump(cpython.lines(), PYTHON.sqliteVersion, lines, OUR_SQLITE, "CPython with gh-153658 fixed");
            } else {
                assertThat(cpython.error()).startsWith("OperationalError");
            }
        }
    }

    @Test // the same rule as CPython: a dump of virtual tables inserts into the table before it exists
    void virtualTableDumpsDoNotReplayInOneScript() {
        try (Connection con = Sqlite3.connect(":memory:"); Connection fresh = Sqlite3.connect(":memory:")) {
            con.executescript("CREATE VIRTUAL TABLE doc USING fts5(body); INSERT INTO doc VALUES('x');");
            List<String> lines = dump(con, null);
            assertThat(lines).startsWith("BEGIN TRANSACTION;", "PRAGMA writable_schema=ON;",
                    "INSERT INTO sqlite_master(type,name,tbl_name,rootpage,sql)VALUES('table','doc','doc',0,"
                            + "'CREATE VIRTUAL TABLE doc USING fts5(body)');",
                    "INSERT INTO \"doc\" VALUES('x');");
            assertThat(lines).endsWith("PRAGMA writable_schema=OFF;", "COMMIT;");
            assertThatThrownBy(() -> fresh.executescript(String.join("\n", lines)))
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("no such table: doc"); // CPython 3.13.0 + SQLite 3.40.1: the same
        }
    }

    @Test // REALs (and infinities) come back bit for bit, whatever digits quote() chose
    void dumpedRealsRestoreExactly() {
        double[] values = {0.1 + 0.2, 1e15, 1e16, Math.PI, 123456789012345678.0, 0x1p63, Double.MAX_VALUE,
            Double.MIN_VALUE, 1.0 / 3, -2.0 / 3, 1e300, -1e-300, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 4.35, 2.5e-7};
        try (Connection con = Sqlite3.connect(":memory:"); Connection fresh = Sqlite3.connect(":memory:")) {
            con.execute("CREATE TABLE r(i INTEGER PRIMARY KEY, v REAL)");
            for (int i = 0; i < values.length; i++) {
                con.execute("INSERT INTO r VALUES(?, ?)", i, values[i]);
            }
            fresh.executescript(String.join("\n", dump(con, null)));
            for (int i = 0; i < values.length; i++) {
                Object restored = fresh.execute("SELECT v FROM r WHERE i = ?", i).fetchone().get(0);
                assertThat(restored).as("value %s", values[i]).isEqualTo(values[i]);
            }
        }
    }

    @Test // Python's str() of every kind of sqlite_sequence.seq, cross-checked with CPython
    void sequenceValuesOfEveryStorageClass() {
        Path db = tmp.resolve("seq.db");
        buildWithJava("CREATE TABLE a(id INTEGER PRIMARY KEY AUTOINCREMENT);"
                + "CREATE TABLE b(id INTEGER PRIMARY KEY AUTOINCREMENT);"
                + "CREATE TABLE c(id INTEGER PRIMARY KEY AUTOINCREMENT);"
                + "INSERT INTO a DEFAULT VALUES; INSERT INTO b DEFAULT VALUES; INSERT INTO c DEFAULT VALUES;"
                + "INSERT INTO sqlite_sequence VALUES('d', NULL), ('e', x'00ff27'), ('f', 1e16),"
                + " ('g', 1e-5), ('h', 0.1), ('i', -0.0), ('j', x'090a0d5c2722');"
                + "UPDATE sqlite_sequence SET seq = 2.5 WHERE name = 'a';"
                + "UPDATE sqlite_sequence SET seq = 'text''s' WHERE name = 'b';", db);
        List<String> lines = javaDump(db, "sqlite_sequence");
        assertThat(lines).containsExactly("BEGIN TRANSACTION;", "DELETE FROM \"sqlite_sequence\";",
                "INSERT INTO \"sqlite_sequence\" VALUES('a',2.5);",
                "INSERT INTO \"sqlite_sequence\" VALUES('b',text's);",
                "INSERT INTO \"sqlite_sequence\" VALUES('c',1);",
                "INSERT INTO \"sqlite_sequence\" VALUES('d',None);",
                "INSERT INTO \"sqlite_sequence\" VALUES('e',b\"\\x00\\xff'\");",
                "INSERT INTO \"sqlite_sequence\" VALUES('f',1e+16);",
                "INSERT INTO \"sqlite_sequence\" VALUES('g',1e-05);",
                "INSERT INTO \"sqlite_sequence\" VALUES('h',0.1);",
                "INSERT INTO \"sqlite_sequence\" VALUES('i',-0.0);",
                "INSERT INTO \"sqlite_sequence\" VALUES('j',b'\\t\\n\\r\\\\\\'\"');",
                "COMMIT;");
        if (PYTHON != null) {
            assertSameDump(PYTHON.dump(db, "sqlite_sequence"), PYTHON.sqliteVersion, lines, OUR_SQLITE, "sqlite_sequence values");
        }
    }

    @Test // CPython raises OperationalError "Could not decode to UTF-8 ..." too
    void textThatIsNotUtf8FailsAndEndsTheIteration() {
        Path db = tmp.resolve("bad.db");
        buildWithJava("CREATE TABLE t(x); INSERT INTO t VALUES(CAST(x'41ff42' AS TEXT));", db);
        try (Connection con = Sqlite3.connect(db)) {
            Iterator<String> it = Dump.iterdump(con, null);
            assertThat(it.next()).isEqualTo("BEGIN TRANSACTION;");
            assertThat(it.next()).isEqualTo("CREATE TABLE t(x);");
            assertThatThrownBy(it::next).isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessageStartingWith("Could not decode to UTF-8");
            assertThat(it.hasNext()).isFalse();
        }
        if (PYTHON != null) {
            assertThat(PYTHON.tryDump(db, null).error()).startsWith("OperationalError: Could not decode to UTF-8");
        }
    }

    @Test // a generator: nothing is read before the first hasNext()/next()
    void linesAreProducedLazily() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            Iterator<String> it = Dump.iterdump(con, null);
            con.executescript("CREATE TABLE late(x); INSERT INTO late VALUES(1), (2);");
            assertThat(it.next()).isEqualTo("BEGIN TRANSACTION;");
            assertThat(it.next()).isEqualTo("CREATE TABLE late(x);");
            assertThat(it.next()).isEqualTo("INSERT INTO \"late\" VALUES(1);");
            assertThat(it.next()).isEqualTo("INSERT INTO \"late\" VALUES(2);");
            assertThat(it.next()).isEqualTo("COMMIT;");
            assertThat(it.hasNext()).isFalse();
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test // as CPython's C wrapper: the closed check happens at the call
    void closedConnectionFailsAtOnce() {
        Connection con = Sqlite3.connect(":memory:");
        con.close();
        assertThatThrownBy(() -> Dump.iterdump(con, null)).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Cannot operate on a closed database.");
    }

    @Test // text_factory, row_factory and the open transaction are the user's and stay as they are
    void theConnectionsStateIsLeftAlone() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            con.executescript("CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, s TEXT, \"ü\" TEXT);"
                    + "CREATE VIEW v AS SELECT s FROM t;");
            con.execute("INSERT INTO t(s, \"ü\") VALUES('héllo', 'wörld')"); // opens a transaction
            List<String> plain = dump(con, null);
            assertThat(plain).contains("INSERT INTO \"t\" VALUES(1,'héllo','wörld');");

            RowFactory factory = (cursor, row) -> List.copyOf(row.values());
            con.rowFactory(factory);
            con.textFactory(byte[].class);
            assertThat(dump(con, null)).isEqualTo(plain);
            con.textFactory(bytes -> "never used by the dump");
            assertThat(dump(con, null)).isEqualTo(plain);

            assertThat(con.rowFactory()).isSameAs(factory);
            assertThat(con.textFactory()).isNotEqualTo(String.class);
            assertThat(con.inTransaction()).isTrue();
            con.rollback();
            con.textFactory(String.class);
            con.rowFactory(null);
            assertThat(dump(con, null)).doesNotContain("INSERT INTO \"t\" VALUES(1,'héllo','wörld');");
        }
    }

    @Test // "if filter:" in Python: an empty filter is no filter
    void nullAndEmptyFiltersMeanEverything() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            con.executescript("CREATE TABLE a(x); CREATE TABLE b(y);");
            assertThat(dump(con, "")).isEqualTo(dump(con, null)).hasSize(4);
            assertThat(dump(con, "A")).containsExactly("BEGIN TRANSACTION;", "CREATE TABLE a(x);", "COMMIT;");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Comparison
    // ---------------------------------------------------------------------------------------------

    /**
     * Fails, showing the first differing line, unless {@code actual} (quoted by SQLite
     * {@code actualSqlite}) is {@code expected} (quoted by SQLite {@code expectedSqlite}): exactly
     * when the versions are equal, else modulo SQLite's quote() of REAL values (see the class
     * comment).
     */
    static void assertSameDump(List<String> expected, String expectedSqlite, List<String> actual,
            String actualSqlite, String what) {
        boolean modulo = !actualSqlite.equals(expectedSqlite);
        List<String> e = modulo ? expected.stream().map(DumpTest::realsAsDoubles).toList() : expected;
        List<String> a = modulo ? actual.stream().map(DumpTest::realsAsDoubles).toList() : actual;
        if (e.equals(a)) {
            return;
        }
        int i = 0;
        while (i < e.size() && i < a.size() && e.get(i).equals(a.get(i))) {
            i++;
        }
        fail(what + ": the dumps differ first at line " + (i + 1) + " (expected " + expected.size()
                + " lines, got " + actual.size() + ")"
                + (modulo ? ", compared modulo REAL formatting (SQLite " + expectedSqlite + " vs " + actualSqlite + ")"
                        : "")
                + "\n  expected: " + (i < expected.size() ? visible(expected.get(i)) : "<end of dump>")
                + "\n  actual:   " + (i < actual.size() ? visible(actual.get(i)) : "<end of dump>"));
    }

    /**
     * An INSERT line with each REAL literal of its VALUES list (a number with '.' or an exponent,
     * or SQLite 3.40's Inf / -Inf) replaced by Java's text of the double it denotes; literals in
     * '...' strings, "..." names and X'...' blobs are left alone. Other lines, and the
     * sqlite_sequence INSERTs (formatted by Python, not by SQLite), are returned as is.
     */
    static String realsAsDoubles(String line) {
        if (!line.startsWith("INSERT INTO ") || line.startsWith("INSERT INTO \"sqlite_sequence\" VALUES(")) {
            return line; // sqlite_sequence values are written by Python's str(), not by quote()
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char ch = line.charAt(i);
            char prev = i == 0 ? ' ' : line.charAt(i - 1);
            if (ch == '\'' || ch == '"') {
                int end = i + 1;
                while (end < n && (line.charAt(end) != ch || (end + 1 < n && line.charAt(end + 1) == ch))) {
                    end += line.charAt(end) == ch ? 2 : 1;
                }
                out.append(line, i, Math.min(end + 1, n));
                i = end + 1;
            } else if ((prev == '(' || prev == ',') && (ch == '-' || ch == 'I' || Character.isDigit(ch))) {
                int end = i + 1;
                while (end < n && line.charAt(end) != ',' && line.charAt(end) != ')') {
                    end++;
                }
                String token = line.substring(i, end);
                if (token.matches("-?Inf")) {
                    out.append(token.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                } else if (token.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?") && !token.matches("-?[0-9]+")) {
                    out.append(Double.parseDouble(token));
                } else {
                    out.append(token);
                }
                i = end;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    @Test // the normaliser: only REAL literals outside quotes change
    void realsAsDoublesTouchesOnlyRealLiterals() {
        assertThat(realsAsDoubles("INSERT INTO \"t\" VALUES(1.0e+15,'1.0e+15',\"2.5\",X'10',-Inf,12,-3)"))
                .isEqualTo("INSERT INTO \"t\" VALUES(1.0E15,'1.0e+15',\"2.5\",X'10',-Infinity,12,-3)");
        assertThat(realsAsDoubles("INSERT INTO \"t\" VALUES(1000000000000000.0,9.0e+999,'a'',1.5')"))
                .isEqualTo("INSERT INTO \"t\" VALUES(1.0E15,Infinity,'a'',1.5')");
        assertThat(realsAsDoubles("CREATE TABLE t(x DEFAULT 1.50)")).isEqualTo("CREATE TABLE t(x DEFAULT 1.50)");
        assertThat(realsAsDoubles("INSERT INTO \"sqlite_sequence\" VALUES('t',1e+16)"))
                .isEqualTo("INSERT INTO \"sqlite_sequence\" VALUES('t',1e+16)");
    }

    private static String visible(String line) {
        StringBuilder sb = new StringBuilder();
        line.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F) {
                sb.append(String.format("\\x%02x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static List<String> dump(Connection con, String filter) {
        List<String> lines = new ArrayList<>();
        Dump.iterdump(con, filter).forEachRemaining(lines::add);
        return lines;
    }

    private static List<String> javaDump(Path db, String filter) {
        try (Connection con = Sqlite3.connect(db)) {
            return dump(con, filter);
        }
    }

    private static void buildWithJava(String script, Path db) {
        try (Connection con = Sqlite3.connect(db)) {
            con.executescript(script);
            con.commit();
        }
    }

    /**
     * The committed dump of a case, CPython's {@code "\n".join(iterdump()) + "\n"}, split into
     * text lines. A file cannot tell a line break inside a value from one between items, so what
     * is compared with it is the other dump's items joined the same way ({@link #asFileLines}).
     */
    private static List<String> committed(Case c) {
        String text = read(DIR.resolve(c.name() + ".sql"));
        assertThat(text).endsWith("\n");
        return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    }

    private static List<String> asFileLines(List<String> items) {
        return Arrays.asList(String.join("\n", items).split("\n", -1));
    }

    private static Properties generatedBy() {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(DIR.resolve("GENERATED_BY"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static void assumePython() {
        assumeTrue(PYTHON != null, () -> "no CPython 3.13+ here (" + Python.whyNot + "): compared with"
                + " the committed dumps only");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resourceDir() {
        try {
            return Paths.get(DumpTest.class.getResource("/dump/cases.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPython running dump/cpython_dump.py, each call a process bounded in time. */
    static final class Python {
        static String whyNot = "";
        final String executable;
        final Path script;
        final String pythonVersion;
        final String sqliteVersion;

        private Python(String executable, Path script, String pythonVersion, String sqliteVersion) {
            this.executable = executable;
            this.script = script;
            this.pythonVersion = pythonVersion;
            this.sqliteVersion = sqliteVersion;
        }

        /** The first of the testkit's candidates on which {@code script info} succeeds, or null (see {@link #whyNot}). */
        static Python find(Path script) {
            List<String> candidates = org.sqlite3j.testkit.Python.candidates();
            StringBuilder reasons = new StringBuilder();
            if (candidates.isEmpty()) {
                reasons.append(org.sqlite3j.testkit.Python.lookedFor());
            }
            for (String exe : candidates) {
                try {
                    Output out = run(List.of(exe, script.toString(), "info"));
                    if (out.status == 0) {
                        String[] v = out.stdout.trim().split(" ");
                        return new Python(exe, script, v[0], v[1]);
                    }
                    reasons.append(exe).append(": ").append(out.stderr.trim()).append("; ");
                } catch (IOException | AssertionError e) {
                    reasons.append(exe).append(": ").append(e.getMessage()).append("; ");
                }
            }
            whyNot = reasons.toString();
            return null;
        }

        void build(Path schema, Path db) {
            check(call("build", schema.toString(), db.toString()), "build " + schema);
        }

        List<String> dump(Path db, String filter) {
            Result r = tryDump(db, filter);
            assertThat(r.error()).as("CPython's iterdump of %s", db).isNull();
            return r.lines();
        }

        /** CPython's dump lines, or the sqlite3 error it raised ("OperationalError: ..."). */
        Result tryDump(Path db, String filter) {
            Output out = filter == null ? call("dump", db.toString()) : call("dump", db.toString(), filter);
            if (out.status == 3 && out.stdout.startsWith("ERROR ")) {
                return new Result(null, out.stdout.substring("ERROR ".length()).trim());
            }
            check(out, "dump " + db);
            List<String> lines = new ArrayList<>();
            for (String hex : out.stdout.split("\n")) {
                if (!hex.isEmpty()) {
                    lines.add(new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8));
                }
            }
            return new Result(lines, null);
        }

        record Result(List<String> lines, String error) {
        }

        private Output call(String... args) {
            List<String> command = new ArrayList<>(List.of(executable, script.toString()));
            command.addAll(List.of(args));
            try {
                return run(command);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void check(Output out, String what) {
            if (out.status != 0) {
                fail("CPython " + what + " exited with " + out.status + ": " + out.stderr + out.stdout);
            }
        }

        record Output(int status, String stdout, String stderr) {
        }

        private static Output run(List<String> command) throws IOException {
            try {
                org.sqlite3j.testkit.Python.Result r = org.sqlite3j.testkit.Python
                        .command(command.toArray(String[]::new)).stderrApart().exec();
                return new Output(r.status(), r.stdout(), r.stderr());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + command, e);
            }
        }

        @Override
        public String toString() {
            return "CPython " + pythonVersion + " (" + executable + ") with SQLite " + sqliteVersion;
        }
    }
}
