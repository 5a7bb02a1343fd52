package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.testkit.Python;

/**
 * Bad arguments of the public methods: None (null) where Python wants a value, names with NUL or a
 * lone surrogate. Each gets CPython's exception class and message, never a NullPointerException, and
 * nothing is registered under a truncated name. The cases run in CPython 3.13 too
 * ({@link #theSameCallsFailTheSameWayInCPython()}).
 */
class ArgumentsTest {

    @TempDir
    Path dir;

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        con.execute("create table t(b blob)");
        con.execute("insert into t values (x'00')");
    }

    @AfterEach
    void close() {
        con.close();
    }

    /** Each case by the label the Python program prints. */
    private Map<String, Runnable> cases() {
        Map<String, Runnable> c = new LinkedHashMap<>();
        for (String name : List.of("f\0x", "\uD800")) {
            String tag = name.length() == 3 ? "nul" : "surrogate";
            c.put("create_function " + tag, () -> con.createFunction(name, 1, args -> 1L));
            c.put("create_collation " + tag, () -> con.createCollation(name, String::compareTo));
            c.put("create_aggregate " + tag, () -> con.createAggregate(name, 1, () -> null));
            c.put("create_window_function " + tag, () -> con.createWindowFunction(name, 1, () -> null));
            c.put("blobopen " + tag, () -> con.blobopen(name, "b", 1));
            c.put("serialize " + tag, () -> con.serialize(name));
        }
        c.put("create_function None", () -> con.createFunction(null, 1, args -> 1L));
        c.put("create_collation None", () -> con.createCollation(null, String::compareTo));
        c.put("create_aggregate None", () -> con.createAggregate(null, 1, () -> null));
        c.put("create_window_function None", () -> con.createWindowFunction(null, 1, () -> null));
        c.put("execute None", () -> con.execute(null));
        c.put("cursor.execute None", () -> con.cursor().execute(null));
        c.put("executemany None", () -> con.executemany(null, List.of()));
        c.put("executemany sql None", () -> con.executemany("insert into t values (?)", (Iterable<?>) null));
        c.put("executemany iterator None", () -> con.executemany("insert into t values (?)", (Iterator<?>) null));
        c.put("executescript None", () -> con.executescript(null));
        c.put("backup None", () -> con.backup(null));
        c.put("serialize None", () -> con.serialize(null));
        c.put("deserialize None", () -> con.deserialize(null));
        c.put("deserialize name None", () -> con.deserialize(new byte[0], null));
        c.put("blobopen None", () -> con.blobopen(null, "b", 1));
        c.put("blobopen column None", () -> con.blobopen("t", null, 1));
        c.put("blobopen name None", () -> con.blobopen("t", "b", 1, false, null));
        c.put("connect None", () -> Sqlite3.connect((String) null));
        c.put("connect Path None", () -> Sqlite3.connect((Path) null));
        c.put("complete_statement None", () -> Sqlite3.completeStatement(null));
        c.put("register_converter None", () -> Sqlite3.registerConverter(null, bytes -> bytes));
        c.put("Cursor None", () -> new Cursor(null));
        c.put("Row None", () -> Row.of(con.execute("select 1"), null));
        c.put("executemany row None", () -> con.executemany("insert into t values (?)", java.util.Arrays.asList(
                (Object) null)));
        return c;
    }

    /** What each case raised: "Class: message". */
    private List<String> runHere() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Runnable> e : cases().entrySet()) {
            try {
                e.getValue().run();
                out.add(e.getKey() + " -> ok");
            } catch (RuntimeException x) {
                out.add(e.getKey() + " -> " + x.getClass().getSimpleName() + ": " + x.getMessage());
            }
        }
        return out;
    }

    private static final String PROGRAM = """
            import sqlite3
            con = sqlite3.connect(":memory:")
            con.execute("create table t(b blob)")
            con.execute("insert into t values (x'00')")
            cases = {}
            for name, tag in (("f\\0x", "nul"), ("\\ud800", "surrogate")):
                cases["create_function " + tag] = lambda n=name: con.create_function(n, 1, lambda x: 1)
                cases["create_collation " + tag] = lambda n=name: con.create_collation(n, lambda a, b: 0)
                cases["create_aggregate " + tag] = lambda n=name: con.create_aggregate(n, 1, object)
                cases["create_window_function " + tag] = lambda n=name: con.create_window_function(n, 1, object)
                cases["blobopen " + tag] = lambda n=name: con.blobopen(n, "b", 1)
                cases["serialize " + tag] = lambda n=name: con.serialize(name=n)
            cases["create_function None"] = lambda: con.create_function(None, 1, lambda x: 1)
            cases["create_collation None"] = lambda: con.create_collation(None, lambda a, b: 0)
            cases["create_aggregate None"] = lambda: con.create_aggregate(None, 1, object)
            cases["create_window_function None"] = lambda: con.create_window_function(None, 1, object)
            cases["execute None"] = lambda: con.execute(None)
            cases["cursor.execute None"] = lambda: con.cursor().execute(None)
            cases["executemany None"] = lambda: con.executemany(None, [])
            cases["executemany sql None"] = lambda: con.executemany("insert into t values (?)", None)
            cases["executemany iterator None"] = lambda: con.executemany("insert into t values (?)", None)
            cases["executescript None"] = lambda: con.executescript(None)
            cases["backup None"] = lambda: con.backup(None)
            cases["serialize None"] = lambda: con.serialize(name=None)
            cases["deserialize None"] = lambda: con.deserialize(None)
            cases["deserialize name None"] = lambda: con.deserialize(b"", name=None)
            cases["blobopen None"] = lambda: con.blobopen(None, "b", 1)
            cases["blobopen column None"] = lambda: con.blobopen("t", None, 1)
            cases["blobopen name None"] = lambda: con.blobopen("t", "b", 1, readonly=False, name=None)
            cases["connect None"] = lambda: sqlite3.connect(None)
            cases["connect Path None"] = lambda: sqlite3.connect(None)
            cases["complete_statement None"] = lambda: sqlite3.complete_statement(None)
            cases["register_converter None"] = lambda: sqlite3.register_converter(None, bytes)
            cases["Cursor None"] = lambda: sqlite3.Cursor(None)
            cases["Row None"] = lambda: sqlite3.Row(con.execute("select 1"), None)
            cases["executemany row None"] = lambda: con.executemany("insert into t values (?)", [None])
            for label, call in cases.items():
                try:
                    call()
                    print(label, "-> ok")
                except Exception as e:
                    print(label, "->", type(e).__name__ + ":", e)
            """;

    @Test
    void theSameCallsFailTheSameWayInCPython() throws Exception {
        List<String> expected = Python.run(dir, PROGRAM).lines().toList();
        assertThat(runHere()).containsExactlyElementsOf(expected);
    }

    @Test // FunctionTests / CollationTests: a name with NUL is refused, and nothing is registered as "f"
    void nothingIsRegisteredUnderATruncatedName() {
        assertThatThrownBy(() -> con.createFunction("f\0x", 1, args -> 1L))
                .isInstanceOf(Sqlite3.ValueError.class).hasMessage("embedded null character");
        assertThatThrownBy(() -> con.createCollation("c\0x", String::compareTo))
                .isInstanceOf(Sqlite3.ValueError.class).hasMessage("embedded null character");
        assertThatThrownBy(() -> con.execute("select f(1)"))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("no such function: f");
        assertThatThrownBy(() -> con.execute("select x from (select 'a' x union all select 'b') order by x collate c"))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("no such collation sequence: c");
    }

    @Test // the Java-only arguments: a class or function for text_factory, the options of connect
    void javaOnlyArgumentsAreTypeErrorsToo() {
        assertThatThrownBy(() -> con.textFactory((Class<?>) null)).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("text_factory must be String.class, byte[].class or a function of byte[], not None");
        assertThatThrownBy(() -> con.textFactory((java.util.function.Function<byte[], ?>) null))
                .isInstanceOf(Sqlite3.TypeError.class);
        assertThatThrownBy(() -> Sqlite3.connect(":memory:", null)).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("connect() argument 'options' must be ConnectOptions, not None");
        assertThatThrownBy(() -> Sqlite3.connect((javax.sql.DataSource) null)).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("connect() argument 'source' must be a DataSource, not None");
        assertThatThrownBy(() -> Sqlite3.registerAdapter(null, v -> v)).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("register_adapter() argument 1 must be a class, not None");
        assertThatThrownBy(() -> con.loadExtension(null)).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("load_extension() argument 1 must be str, not None");
        assertThatThrownBy(() -> con.execute("select 1").fetchone(null)).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessage("fetchone() argument 'type' must be a class, not None");
        assertThatThrownBy(() -> con.execute("select 1").fetchall(null)).isInstanceOf(Sqlite3.TypeError.class);
        assertThatThrownBy(() -> con.execute("select 1").stream(null)).isInstanceOf(Sqlite3.TypeError.class);
        assertThatThrownBy(() -> RowFactory.records(null)).isInstanceOf(Sqlite3.TypeError.class);
        assertThat(con.execute("select 1").fetchone().get(0)).as("the connection is usable").isEqualTo(1L);
    }
}
