package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.testkit.Python;

/**
 * Callbacks that run SQL on their own connection — a function calling itself through a query, an
 * aggregate's step, a window function's methods, a collation — and callbacks that throw any
 * {@link Throwable}. CPython's test_userfunctions has no recursion case; the results are checked
 * against CPython 3.13 by {@link #theSameProgramGivesTheSameResultsInCPython()}.
 */
class ReentrantCallbacksTest {

    @TempDir
    Path dir;

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        con.execute("create table t(x)");
        con.executemany("insert into t values (?)", List.of(List.of(1), List.of(2), List.of(3)));
        con.commit();
    }

    @AfterEach
    void close() {
        con.close();
    }

    private Object one(String sql, Object... params) {
        return con.execute(sql, params).fetchone().get(0);
    }

    /** r(n) = r(n - 1) + 1 through a query on the same connection; {@code sql} is the inner query. */
    private void registerRecursive(String name, String sql) {
        con.createFunction(name, 1, args -> {
            long n = (Long) args[0];
            return n <= 0 ? 0L : (Long) con.execute(sql, n - 1).fetchone().get(0) + 1;
        });
    }

    @Test
    void aFunctionCallsItselfOneAndFiftyLevelsDeep() {
        registerRecursive("r", "SELECT r(?)");
        assertThat(one("SELECT r(1)")).isEqualTo(1L);
        assertThat(one("SELECT r(50)")).isEqualTo(50L);
        assertThat(one("SELECT r(x) FROM t ORDER BY x DESC")).isEqualTo(3L);
    }

    @Test // the inner statement is the outer one's cache entry, which is in use: a fresh one is made
    void theInnerQueryIsTheSameSqlAsTheOuterOne() {
        registerRecursive("s", "SELECT s(?)");
        assertThat(one("SELECT s(?)", 3)).isEqualTo(3L);
        assertThat(one("SELECT s(?)", 2)).as("the cached statement is still good").isEqualTo(2L);
    }

    @Test // CheckRegression.test_recursive_cursor_use's rule, reached from inside a function
    void theOuterCursorItselfIsRecursiveUse() {
        Cursor cur = con.cursor();
        con.createFunction("c", 1, args -> cur.execute("SELECT 1").fetchone().get(0));
        assertThatThrownBy(() -> cur.execute("SELECT c(1)"))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("user-defined function raised exception")
                .cause().isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Recursive use of cursors not allowed.");
        assertThat(cur.execute("SELECT 2").fetchone().get(0)).as("the cursor is usable").isEqualTo(2L);
    }

    /** Sums ten times each value, each product read with a query. */
    private Aggregate tenfold() {
        return new Aggregate() {
            long total;

            @Override
            public void step(Object... args) {
                total += (Long) con.execute("SELECT ? * 10", args[0]).fetchone().get(0);
            }

            @Override
            public Object finalizeValue() {
                return total;
            }
        };
    }

    @Test
    void anAggregatesStepRunsQueries() {
        con.createAggregate("tenfold", 1, this::tenfold);
        assertThat(one("SELECT tenfold(x) FROM t")).isEqualTo(60L);
        // the step's query uses the aggregate itself, in a group of its own
        AtomicInteger depth = new AtomicInteger();
        con.createAggregate("nested", 1, () -> new Aggregate() {
            long total;

            @Override
            public void step(Object... args) {
                if ((Long) args[0] == 1 && depth.getAndIncrement() == 0) {
                    total += (Long) con.execute("SELECT nested(x) FROM t").fetchone().get(0);
                } else {
                    total += (Long) args[0];
                }
            }

            @Override
            public Object finalizeValue() {
                return total;
            }
        });
        assertThat(one("SELECT nested(x) FROM t")).isEqualTo(11L); // (2 + 3) + 1 + 2 + 3
    }

    @Test
    void aWindowFunctionsMethodsRunQueries() {
        con.createWindowFunction("w", 1, () -> new WindowFunction() {
            long total;

            private long read(Object v) {
                return (Long) con.execute("SELECT ?", v).fetchone().get(0);
            }

            @Override
            public void step(Object... args) {
                total += read(args[0]);
            }

            @Override
            public void inverse(Object... args) {
                total -= read(args[0]);
            }

            @Override
            public Object value() {
                return read(total);
            }

            @Override
            public Object finalizeValue() {
                return total;
            }
        });
        assertThat(con.execute("SELECT w(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
                + " FROM t").fetchall().stream().map(r -> r.get(0)).toList()).containsExactly(1L, 3L, 5L);
    }

    @Test
    void aCollationSortsWithAQueryThatUsesIt() {
        AtomicInteger calls = new AtomicInteger();
        con.createCollation("rev", (a, b) -> {
            if (calls.incrementAndGet() < 3) {
                assertThat(con.execute("SELECT x FROM (SELECT 'b' x UNION ALL SELECT 'a') ORDER BY x COLLATE rev")
                        .fetchall().stream().map(r -> r.get(0)).toList()).containsExactly("b", "a");
            }
            return b.compareTo(a);
        });
        assertThat(con.execute("SELECT x FROM (SELECT 'a' x UNION ALL SELECT 'c' UNION ALL SELECT 'b')"
                + " ORDER BY x COLLATE rev").fetchall().stream().map(r -> r.get(0)).toList())
                .containsExactly("c", "b", "a");
        assertThat(calls.get()).isGreaterThanOrEqualTo(3);
    }

    @Test // an inner failure reaches the outer call as its exception, and the outer statement fails
    void anErrorDeepInsideIsTheCauseOfEachLevel() {
        con.createFunction("down", 1, args -> {
            long n = (Long) args[0];
            if (n == 0) {
                throw new IllegalStateException("bottom");
            }
            return con.execute("SELECT down(?)", n - 1).fetchone().get(0);
        });
        assertThatThrownBy(() -> con.execute("SELECT down(2)"))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("user-defined function raised exception")
                .cause().isInstanceOf(Sqlite3.OperationalError.class)
                .cause().isInstanceOf(Sqlite3.OperationalError.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("bottom");
        assertThat(one("SELECT 1")).as("the connection is usable").isEqualTo(1L);
    }

    // ---- any Throwable: Python's message, the Java exception as the cause, no Java text ----

    @Test // FunctionTests.test_func_exception, with a java.lang.Error
    void anErrorInAFunction() {
        AssertionError boom = new AssertionError("boom");
        con.createFunction("err", 1, args -> {
            throw boom;
        });
        assertThatThrownBy(() -> con.execute("SELECT err(1)"))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("user-defined function raised exception")
                .satisfies(e -> assertThat(((Sqlite3.OperationalError) e).sqliteErrorname()).isEqualTo("SQLITE_ERROR"))
                .cause().isSameAs(boom);
        assertThat(one("SELECT 1")).isEqualTo(1L);
    }

    /** An aggregate window function whose {@code failing} method throws an AssertionError. */
    private WindowFunction failingIn(String failing) {
        return new WindowFunction() {
            long total;

            private void maybeFail(String method) {
                if (method.equals(failing)) {
                    throw new AssertionError(method);
                }
            }

            @Override
            public void step(Object... args) {
                maybeFail("step");
                total += (Long) args[0];
            }

            @Override
            public void inverse(Object... args) {
                maybeFail("inverse");
                total -= (Long) args[0];
            }

            @Override
            public Object value() {
                maybeFail("value");
                return total;
            }

            @Override
            public Object finalizeValue() {
                maybeFail("finalize");
                return total;
            }
        };
    }

    @Test // AggregateTests.test_aggr_exception_in_step / _in_finalize, WindowFunctionTests.test_win_exception_in_method
    void anErrorInEachAggregateMethodGivesCPythonsMessage() {
        String window = "SELECT %s(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t";
        for (String method : List.of("step", "inverse", "value", "finalize")) {
            String name = "fail_" + method;
            con.createWindowFunction(name, 1, () -> failingIn(method));
            String sql = method.equals("finalize") ? "SELECT " + name + "(x) FROM t" : String.format(window, name);
            assertThatThrownBy(() -> con.execute(sql).fetchall()).as(method)
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("user-defined aggregate's '" + method + "' method raised error")
                    .cause().isInstanceOf(AssertionError.class).hasMessage(method);
        }
        con.createAggregate("fail_init", 1, () -> {
            throw new AssertionError("__init__");
        });
        assertThatThrownBy(() -> con.execute("SELECT fail_init(x) FROM t"))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("user-defined aggregate's '__init__' method raised error")
                .cause().isInstanceOf(AssertionError.class);
    }

    @Test // CollationTests.test_collation_raises_exception: CPython raises the collation's own exception
    void anErrorInACollationIsRaisedAsItself() {
        AssertionError boom = new AssertionError("cmp");
        con.createCollation("boom", (a, b) -> {
            throw boom;
        });
        assertThatThrownBy(() -> con.execute("SELECT x FROM t ORDER BY CAST(x AS TEXT) COLLATE boom").fetchall())
                .isSameAs(boom);
        assertThat(one("SELECT count(*) FROM t")).isEqualTo(3L);
    }

    @Test // the same callbacks, no Java class name in any message
    void noMessageCarriesJavaExceptionText() {
        con.createFunction("npe", 0, args -> {
            throw new NullPointerException("npe");
        });
        con.createFunction("soe", 0, args -> {
            throw new StackOverflowError();
        });
        con.createFunction("linkage", 0, args -> {
            throw new NoClassDefFoundError("app/Missing");
        });
        con.createFunction("bad", 0, args -> new java.util.Date());
        for (String f : List.of("npe", "soe", "linkage", "bad")) {
            assertThatThrownBy(() -> con.execute("SELECT " + f + "()")).as(f)
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("user-defined function raised exception")
                    .hasMessageNotContaining("java.");
        }
    }

    @Test // ProgressTests.test_progress_handler_raising_exception, with a java.lang.Error
    void anErrorInAProgressHandlerInterrupts() {
        con.setProgressHandler(() -> {
            throw new AssertionError("progress");
        }, 1);
        assertThatThrownBy(() -> con.execute("SELECT count(*) FROM t").fetchall())
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("interrupted");
        con.setProgressHandler(null, 0);
        assertThat(one("SELECT count(*) FROM t")).isEqualTo(3L);
    }

    @Test // a checked exception of an adapter or converter: the message is its message, the cause itself
    void aCheckedExceptionOfAnAdapterOrConverterKeepsJavaTextOutOfTheMessage() throws Exception {
        java.io.IOException disk = new java.io.IOException("disk gone");
        con.adapters().register(StringBuilder.class, v -> {
            throw disk;
        });
        assertThatThrownBy(() -> con.execute("SELECT ?", new StringBuilder("x")))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("adapter for java.lang.StringBuilder failed: disk gone")
                .cause().isSameAs(disk);
        try (Connection typed = Sqlite3.connect(":memory:",
                ConnectOptions.defaults().detectTypes(Sqlite3.PARSE_COLNAMES))) {
            typed.converters().register("broken", bytes -> {
                throw disk;
            });
            assertThatThrownBy(() -> typed.execute("SELECT 'a' AS \"a [broken]\"").fetchall())
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("converter failed: disk gone")
                    .cause().isSameAs(disk);
        }
    }

    // ---- the same program in CPython ----

    private static final String PROGRAM = """
            import sqlite3
            con = sqlite3.connect(":memory:")
            con.execute("create table t(x)")
            con.executemany("insert into t values (?)", [(1,), (2,), (3,)])
            con.commit()
            def r(n):
                return 0 if n <= 0 else con.execute("SELECT r(?)", (n - 1,)).fetchone()[0] + 1
            con.create_function("r", 1, r)
            print("depth1", con.execute("SELECT r(1)").fetchone()[0])
            print("depth50", con.execute("SELECT r(50)").fetchone()[0])
            cur = con.cursor()
            con.create_function("c", 1, lambda x: cur.execute("SELECT 1").fetchone()[0])
            try:
                cur.execute("SELECT c(1)")
            except sqlite3.Error as e:
                print("same_cursor", type(e).__name__, e)
            class Tenfold:
                def __init__(self): self.total = 0
                def step(self, x): self.total += con.execute("SELECT ? * 10", (x,)).fetchone()[0]
                def finalize(self): return self.total
            con.create_aggregate("tenfold", 1, Tenfold)
            print("aggregate", con.execute("SELECT tenfold(x) FROM t").fetchone()[0])
            calls = [0]
            def rev(a, b):
                calls[0] += 1
                if calls[0] < 3:
                    con.execute("SELECT x FROM (SELECT 'b' x UNION ALL SELECT 'a') ORDER BY x COLLATE rev").fetchall()
                return (a < b) - (a > b)
            con.create_collation("rev", rev)
            rows = con.execute("SELECT x FROM (SELECT 'a' x UNION ALL SELECT 'c' UNION ALL SELECT 'b')"
                               " ORDER BY x COLLATE rev").fetchall()
            print("collation", ",".join(r[0] for r in rows))
            """;

    private List<String> runHere() {
        List<String> out = new ArrayList<>();
        registerRecursive("r", "SELECT r(?)");
        out.add("depth1 " + one("SELECT r(1)"));
        out.add("depth50 " + one("SELECT r(50)"));
        Cursor cur = con.cursor();
        con.createFunction("c", 1, args -> cur.execute("SELECT 1").fetchone().get(0));
        try {
            cur.execute("SELECT c(1)");
        } catch (Sqlite3.Error e) {
            out.add("same_cursor " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        con.createAggregate("tenfold", 1, this::tenfold);
        out.add("aggregate " + one("SELECT tenfold(x) FROM t"));
        AtomicInteger calls = new AtomicInteger();
        con.createCollation("rev", (a, b) -> {
            if (calls.incrementAndGet() < 3) {
                con.execute("SELECT x FROM (SELECT 'b' x UNION ALL SELECT 'a') ORDER BY x COLLATE rev").fetchall();
            }
            return b.compareTo(a);
        });
        out.add("collation " + con.execute("SELECT x FROM (SELECT 'a' x UNION ALL SELECT 'c' UNION ALL SELECT 'b')"
                + " ORDER BY x COLLATE rev").fetchall().stream().map(r -> (String) r.get(0))
                .collect(Collectors.joining(",")));
        return out;
    }

    @Test
    void theSameProgramGivesTheSameResultsInCPython() throws Exception {
        List<String> expected = Python.run(dir, PROGRAM).lines().toList();
        assertThat(runHere()).isEqualTo(expected);
    }
}
