package org.sqlite3j.tck.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.adapters.PickledTypes;
import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.testkit.Python;

/**
 * Issue 5's interop test: CPython stores pickled instances of its class app.models.Point in a PICKLE
 * column with detect_types; Java reads them as records, writes new ones; CPython reads those back.
 */
class PickledColumnInteropTest {

    record Point(int x, int y, String label) {
    }

    @TempDir
    Path dir;

    static final String MODELS = """
            class Point:
                def __init__(self, x, y, label):
                    self.x = x
                    self.y = y
                    self.label = label
                def __eq__(self, other):
                    return type(other) is Point and vars(self) == vars(other)
                def __repr__(self):
                    return f"Point({self.x}, {self.y}, {self.label!r})"
            """;

    static final String WRITE = """
            import pickle, sqlite3, sys
            from app.models import Point
            sqlite3.register_adapter(Point, pickle.dumps)
            sqlite3.register_converter("PICKLE", pickle.loads)
            con = sqlite3.connect(sys.argv[1], detect_types=sqlite3.PARSE_DECLTYPES)
            con.execute("CREATE TABLE shapes(id INTEGER PRIMARY KEY, p PICKLE)")
            con.executemany("INSERT INTO shapes(p) VALUES (?)",
                            [(Point(1, 2, 'a'),), (Point(-5, 70000, 'é'),), (None,)])
            con.commit()
            print(pickle.dumps(Point(3, 4, 'java')).hex())
            """;

    static final String READ = """
            import pickle, sqlite3, sys
            from app.models import Point
            sqlite3.register_converter("PICKLE", pickle.loads)
            con = sqlite3.connect(sys.argv[1], detect_types=sqlite3.PARSE_DECLTYPES)
            for (p,) in con.execute("SELECT p FROM shapes ORDER BY id"):
                print(repr(p))
            """;

    @Test
    void pythonAndJavaShareAPickledColumn() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/__init__.py"), "");
        Files.writeString(dir.resolve("app/models.py"), MODELS);
        Path db = dir.resolve("shared.db");
        String pythonBytes = Python.run(dir, WRITE, db.toString()).strip();

        try (Connection con = Sqlite3.connect(db, ConnectOptions.defaults().detectTypes(Sqlite3.PARSE_DECLTYPES))) {
            PickledTypes.create().record(Point.class, "app.models", "Point")
                    .registerOn(con.adapters(), con.converters());
            List<Row> rows = con.execute("SELECT p FROM shapes ORDER BY id").fetchall();
            assertThat(rows).extracting(r -> r.get(0))
                    .containsExactly(new Point(1, 2, "a"), new Point(-5, 70000, "é"), null);
            con.execute("INSERT INTO shapes(p) VALUES (?)", new Point(3, 4, "java"));
            con.commit();
            byte[] javaBytes = (byte[]) con.execute("SELECT CAST(p AS BLOB) FROM shapes WHERE id = 4").fetchone().get(0);
            assertThat(HexFormat.of().formatHex(javaBytes)).as("byte-identical to CPython's pickle.dumps")
                    .isEqualTo(pythonBytes);
        }

        String read = Python.run(dir, READ, db.toString());
        assertThat(read.lines()).containsExactly("Point(1, 2, 'a')", "Point(-5, 70000, 'é')", "None",
                "Point(3, 4, 'java')");
    }

    @Test // deny by default: a pickle of a class nobody registered is refused, the row is intact
    void unregisteredClassesAreRefused() throws Exception {
        Path db = dir.resolve("deny.db");
        try (Connection con = Sqlite3.connect(db, ConnectOptions.defaults().detectTypes(Sqlite3.PARSE_DECLTYPES))) {
            PickledTypes.create().record(Point.class, "app.models", "Point")
                    .registerOn(con.adapters(), con.converters());
            con.execute("CREATE TABLE t(p PICKLE)");
            // os.system pickled: c os\nsystem\n(S'echo hi'\ntR.
            con.execute("INSERT INTO t VALUES (?)", (Object) "cos\nsystem\n(S'echo hi'\ntR.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            con.commit();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> con.execute("SELECT p FROM t").fetchall())
                    .isInstanceOf(org.sqlite3j.pickle.UnpicklingError.class)
                    .hasMessageContaining("forbidden");
            assertThat(con.execute("SELECT length(p) FROM t").fetchone().get(0)).isEqualTo(26L);
        }
    }
}
