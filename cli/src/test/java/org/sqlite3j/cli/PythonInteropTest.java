package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.testkit.Python;

/**
 * A database written by a real CPython with pickled values, opened in the shell: each pickled cell
 * must read exactly as Python's own {@code repr()} of the value, and {@code .pickle dis} exactly as
 * {@code pickletools.dis}. Skipped, with the reason, where no CPython is installed.
 */
class PythonInteropTest {
    private static final String WRITER = """
            import collections, datetime, decimal, io, pickle, pickletools, sqlite3, sys, zoneinfo
            from dataclasses import dataclass

            @dataclass
            class Point:
                x: int
                y: int

            loop = [1]
            loop.append(loop)
            values = [
                None, True, 1, -5, 2**100, 1.5, 1e16, 1e-05, -0.0, float('inf'),
                'text', "it's", 'ünïcödé 日本 \\t\\x00', b'\\x00\\xff\\'"', bytearray(b'ab'),
                (), (1,), [1, [2, 3]], {'a': 1, 'b': [None]}, {3, 1, 2}, frozenset({'x'}),
                complex(1, -2), decimal.Decimal('3.14'),
                datetime.date(2024, 5, 1), datetime.datetime(2024, 5, 1, 12, 30, 15, 123456),
                datetime.time(9, 30), datetime.timedelta(days=-1, seconds=5),
                datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc),
                datetime.datetime(2024, 1, 1, 8, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
                datetime.datetime(2024, 7, 1, 8, 0, tzinfo=zoneinfo.ZoneInfo('Europe/Paris')),
                collections.OrderedDict(a=1), loop,
            ]
            con = sqlite3.connect(sys.argv[1])
            con.execute("CREATE TABLE obj(id INTEGER PRIMARY KEY, protocol INT, data BLOB, shown TEXT, dis TEXT)")
            for protocol in range(2, 6):
                for v in values + [Point(3, 4)]:
                    data = pickle.dumps(v, protocol=protocol)
                    out = io.StringIO()
                    pickletools.dis(data, out)
                    con.execute("INSERT INTO obj(protocol, data, shown, dis) VALUES (?, ?, ?, ?)",
                                (protocol, data, repr(v), out.getvalue()))
            con.commit()
            con.close()
            """;

    @TempDir
    Path dir;

    private Path pythonDatabase() throws Exception {
        Path db = dir.resolve("python.db");
        Python.run(dir, WRITER, db.toString());
        return db;
    }

    /** The shell's {@code .mode lines} output as one map per row. */
    private static List<Map<String, String>> records(String linesOutput) {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : linesOutput.split("\n", -1)) {
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    records.add(current);
                }
                current = new LinkedHashMap<>();
                continue;
            }
            int eq = line.indexOf(" = ");
            current.put(line.substring(0, eq).strip(), line.substring(eq + 3));
        }
        return records;
    }

    @Test
    void pickledCellsReadAsPythonsRepr() throws Exception {
        Path db = pythonDatabase();
        ShellRun run = ShellRun.of("", "-m", "lines", db.toString(), "SELECT id, protocol, data, shown FROM obj ORDER BY id");
        assertThat(run.err()).isEmpty();
        List<Map<String, String>> rows = records(run.out());
        assertThat(rows).hasSize(4 * 33);
        for (Map<String, String> row : rows) {
            String shown = row.get("shown");
            String expected = shown.startsWith("PythonInteropTest") || shown.startsWith("Point(")
                    ? "__main__." + shown // a class of the writing program: an inert stub, named in full
                    : shown;
            assertThat(row.get("data")).as("protocol %s: %s", row.get("protocol"), shown).isEqualTo(expected);
        }
    }

    @Test
    void pickleDisMatchesPickletools() throws Exception {
        Path db = pythonDatabase();
        List<Row> rows;
        try (Connection con = Sqlite3.connect(db)) {
            rows = con.execute("SELECT id, dis FROM obj ORDER BY id").fetchall();
        }
        StringBuilder commands = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (Row row : rows) {
            commands.append(".pickle dis obj data ").append(row.get(0)).append('\n');
            expected.append(row.get(1));
        }
        ShellRun run = ShellRun.of(commands.toString(), db.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(expected.toString());
    }

    @Test
    void aDumpRestoredByTheShellReadsBackInPython() throws Exception {
        Path db = pythonDatabase();
        Path copy = dir.resolve("copy.db");
        ShellRun dump = ShellRun.of(".dump\n", db.toString());
        assertThat(ShellRun.of(dump.out(), copy.toString()).err()).isEmpty();
        String check = """
                import sqlite3, sys
                a = sqlite3.connect(sys.argv[1]).execute("SELECT * FROM obj ORDER BY id").fetchall()
                b = sqlite3.connect(sys.argv[2]).execute("SELECT * FROM obj ORDER BY id").fetchall()
                print(len(a), a == b)
                """;
        assertThat(Python.run(dir, check, db.toString(), copy.toString())).isEqualTo("132 True\n");
    }

    @Test
    void disOfSomethingThatIsNotAPickleIsAClearError() throws Exception {
        Path db = pythonDatabase();
        assertThat(ShellRun.of(".pickle dis obj shown 1\n", db.toString()).err())
                .isEqualTo("Error: obj.shown of rowid 1 is text, not a BLOB holding a pickle\n");
        assertThat(ShellRun.of(".pickle dis obj data 999\n", db.toString()).err())
                .isEqualTo("Error: no row with rowid 999 in table obj\n");
        assertThat(ShellRun.of(".pickle dis obj nope 1\n", db.toString()).err())
                .isEqualTo("Error: OperationalError (SQLITE_ERROR): no such column: nope\n");
        assertThat(ShellRun.of(".pickle dis obj data x\n", db.toString()).err())
                .isEqualTo("Error: ROWID must be an integer, not \"x\"\n");
        assertThat(ShellRun.of(".pickle dis obj data\n", db.toString()).err())
                .isEqualTo("Error: usage: .pickle dis TABLE COLUMN ROWID\n");
        ShellRun garbled = ShellRun.of("", db.toString(), "CREATE TABLE g(b BLOB)", "INSERT INTO g VALUES (X'8004')",
                ".pickle dis g b 1");
        assertThat(garbled.err()).isEqualTo("Error: ValueError: pickle exhausted before seeing STOP\n");
    }

    @Test
    void pickleOffShowsTheRawBytes() throws Exception {
        Path db = pythonDatabase();
        ShellRun run = ShellRun.of(".pickle off\n.pickle\nSELECT data FROM obj WHERE id = 3;\n.pickle on\n"
                + "SELECT data FROM obj WHERE id = 3;\n", db.toString());
        assertThat(run.out()).contains("pickled BLOBs are shown as bytes (off)")
                .contains("| b'\\x80\\x02K\\x01.' |").contains("| 1    |");
    }
}
