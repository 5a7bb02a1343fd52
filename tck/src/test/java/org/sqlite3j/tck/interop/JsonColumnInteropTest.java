package org.sqlite3j.tck.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.adapters.JsonRecords;
import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.testkit.Python;

/**
 * Records as JSON text shared with CPython (issue 5, records with no hand-written code): CPython
 * stores {@code json.dumps} of dicts in a column declared {@code shape}; Java reads them as records
 * through the registered converter and writes new ones through the adapter; CPython reads those with
 * {@code json.loads}, and Java's text is exactly what {@code json.dumps} writes for the same dict.
 */
class JsonColumnInteropTest {

    record Shape(String name, double x, double y, List<String> tags, Map<String, Integer> sizes, LocalDate made,
            Integer rank) {
    }

    @TempDir
    Path dir;

    static final String WRITE = """
            import json, sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            con.execute("CREATE TABLE shapes(id INTEGER PRIMARY KEY, s shape)")
            rows = [{"name": "caf\\u00e9 \\U0001F600", "x": 1.5, "y": -2.0, "tags": ["a", "b"],
                     "sizes": {"w": 3, "h": 4}, "made": "2024-02-29", "rank": None},
                    {"name": "tiny", "x": 1e-05, "y": 1e+16, "tags": [], "sizes": {}, "made": "1999-12-31", "rank": 7}]
            con.executemany("INSERT INTO shapes(s) VALUES (?)", [(json.dumps(r),) for r in rows])
            con.commit()
            """;

    static final String READ = """
            import json, sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            for (text,) in con.execute("SELECT s FROM shapes ORDER BY id"):
                d = json.loads(text)
                print(json.dumps(d) == text, repr(d))
            """;

    @Test
    void pythonAndJavaShareAJsonColumn() throws Exception {
        Path db = dir.resolve("json.db");
        Python.run(dir, WRITE, db.toString());
        try (Connection con = Sqlite3.connect(db, ConnectOptions.defaults().detectTypes(Sqlite3.PARSE_DECLTYPES))) {
            JsonRecords.register(Shape.class, "shape", con.adapters(), con.converters());
            List<Row> rows = con.execute("SELECT s FROM shapes ORDER BY id").fetchall();
            assertThat(rows).extracting(r -> r.get(0)).containsExactly(
                    new Shape("café \uD83D\uDE00", 1.5, -2.0, List.of("a", "b"), Map.of("w", 3, "h", 4),
                            LocalDate.of(2024, 2, 29), null),
                    new Shape("tiny", 1e-5, 1e16, List.of(), Map.of(), LocalDate.of(1999, 12, 31), 7));
            // what Python wrote is what Java writes for the same record: the same text, byte for byte
            String pythonText = (String) con.execute("SELECT CAST(s AS TEXT) FROM shapes WHERE id = 1").fetchone().get(0);
            assertThat(JsonRecords.toJson((Shape) rows.get(0).get(0))).isEqualTo(pythonText);
            con.execute("INSERT INTO shapes(s) VALUES (?)",
                    new Shape("java", 0.1 + 0.2, 3, List.of("z"), Map.of("d", -1), LocalDate.of(2026, 11, 25), 1));
            con.commit();
        }
        String read = Python.run(dir, READ, db.toString());
        assertThat(read.lines()).containsExactly(
                "True {'name': 'café 😀', 'x': 1.5, 'y': -2.0, 'tags': ['a', 'b'], 'sizes': {'w': 3, 'h': 4},"
                        + " 'made': '2024-02-29', 'rank': None}",
                "True {'name': 'tiny', 'x': 1e-05, 'y': 1e+16, 'tags': [], 'sizes': {}, 'made': '1999-12-31', 'rank': 7}",
                "True {'name': 'java', 'x': 0.30000000000000004, 'y': 3.0, 'tags': ['z'], 'sizes': {'d': -1},"
                        + " 'made': '2026-11-25', 'rank': 1}");
    }
}
