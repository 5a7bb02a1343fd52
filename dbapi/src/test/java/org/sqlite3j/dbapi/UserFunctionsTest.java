package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** create_function / create_aggregate / create_window_function / create_collation / progress handler
 *  (CPython test_userfunctions, test_hooks). */
class UserFunctionsTest {

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        con.execute("create table t(x)");
        con.executemany("insert into t values (?)", List.of(List.of(1), List.of(2), List.of(3), List.of(4)));
    }

    @AfterEach
    void close() {
        con.close();
    }

    private Row one(String sql) {
        return con.execute(sql).fetchone();
    }

    @Test // FunctionTests.test_func_params_* : arguments arrive with Python types
    void argumentsArrivePythonTyped() {
        con.createFunction("typ", 1, args -> args[0] == null ? "None" : args[0].getClass().getSimpleName());
        assertThat(one("select typ(1), typ(1.5), typ('a'), typ(x'00'), typ(null), typ(zeroblob(0))").values())
                .containsExactly("Long", "Double", "String", "byte[]", "None", "byte[]");
        con.createFunction("echo", 1, args -> args[0]);
        assertThat(con.execute("select echo(3000000000), echo(-1.25), echo(?), echo(x'ff00'), echo(null)",
                "é\u0000x").fetchone().values())
                .containsExactly(3_000_000_000L, -1.25, "é\u0000x", new byte[] {(byte) 0xff, 0}, null);
    }

    @Test // FunctionTests.test_func_return_*: results bind like parameters
    void resultsConvertLikeParameters() {
        Object[] results = {7, (short) 2, true, 2.5f, "s", new byte[] {1}, null, BigInteger.TEN,
                java.nio.ByteBuffer.wrap(new byte[] {4})};
        Object[] expected = {7L, 2L, 1L, 2.5, "s", new byte[] {1}, null, 10L, new byte[] {4}};
        for (int i = 0; i < results.length; i++) {
            Object value = results[i];
            con.createFunction("r", 0, args -> value);
            assertThat(one("select r()").get(0)).as("%s", value).isEqualTo(expected[i]);
        }
    }

    @Test // FunctionTests.test_func_exception, test_func_return_unsupported / too large
    void failuresAreOperationalErrors() {
        con.createFunction("boom", 0, args -> {
            throw new ArithmeticException("/ by zero");
        });
        assertThatThrownBy(() -> one("select boom()"))
                .isInstanceOfSatisfying(Sqlite3.OperationalError.class, e -> {
                    assertThat(e).hasMessage("user-defined function raised exception");
                    assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_ERROR");
                });
        con.createFunction("obj", 0, args -> new Object());
        assertThatThrownBy(() -> one("select obj()")).isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("user-defined function raised exception");
        con.createFunction("big", 0, args -> BigInteger.TWO.pow(64));
        assertThatThrownBy(() -> one("select big()")).isInstanceOf(Sqlite3.Error.class)
                .hasMessage("string or blob too big");
        // the connection goes on working after a failing function
        assertThat(one("select count(*) from t").get(0)).isEqualTo(4L);
    }

    @Test // FunctionTests.test_func_varargs / too many args / wrong arity
    void arities() {
        con.createFunction("va", -1, args -> args.length);
        assertThat(one("select va(), va(1, 2, 3)").values()).containsExactly(0L, 3L);
        con.createFunction("one", 1, args -> args[0]);
        assertThatThrownBy(() -> one("select one()"))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("wrong number of arguments to function one()");
        for (int bad : new int[] {-2, 128}) {
            assertThatThrownBy(() -> con.createFunction("g", bad, args -> 1))
                    .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("Error creating function");
        }
        assertThatThrownBy(() -> con.createFunction("f".repeat(300), 1, args -> 1))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("Error creating function");
    }

    @Test // FunctionTests.test_func_deterministic / non-deterministic in an index
    void deterministicFlag() {
        con.createFunction("det", 1, args -> args[0], true);
        con.execute("create index i1 on t(det(x))");
        con.createFunction("nondet", 1, args -> args[0]);
        assertThatThrownBy(() -> con.execute("create index i2 on t(nondet(x))"))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("non-deterministic functions prohibited in index expressions");
    }

    @Test // a CPython quirk: create_function(name, n, None) does not unregister
    void nullFunctionKeepsNameButFails() {
        con.createFunction("f", 1, args -> 1);
        con.createFunction("f", 1, null);
        assertThatThrownBy(() -> one("select f(1)")).isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("user-defined function raised exception");
    }

    static final class Sum implements Aggregate {
        long total;

        @Override
        public void step(Object... args) {
            total += (Long) args[0];
        }

        @Override
        public Object finalizeValue() {
            return total;
        }
    }

    @Test // AggregateTests.test_aggr_* : per-group instances, empty groups give NULL
    void aggregates() {
        AtomicInteger made = new AtomicInteger();
        con.createAggregate("mysum", 1, () -> {
            made.incrementAndGet();
            return new Sum();
        });
        assertThat(one("select mysum(x) from t").get(0)).isEqualTo(10L);
        assertThat(con.execute("select x % 2, mysum(x) from t group by x % 2 order by 1").fetchall())
                .extracting(r -> r.get(1)).containsExactly(6L, 4L);
        made.set(0);
        assertThat(one("select mysum(x) from t where 0").get(0)).isNull();
        assertThat(made).as("no instance for an empty group").hasValue(0);
    }

    @Test // AggregateTests.test_aggr_exception_in_{__init__,step,finalize}, no_finalize, None
    void aggregateErrors() {
        con.createAggregate("badinit", 1, () -> {
            throw new IllegalStateException();
        });
        con.createAggregate("badstep", 1, () -> new Aggregate() {
            public void step(Object... args) {
                throw new IllegalStateException();
            }

            public Object finalizeValue() {
                return 1;
            }
        });
        con.createAggregate("badfinal", 1, () -> new Aggregate() {
            public void step(Object... args) {
            }

            public Object finalizeValue() {
                throw new IllegalStateException();
            }
        });
        con.createAggregate("nullagg", 1, null);
        assertThatThrownBy(() -> one("select badinit(x) from t")).isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("user-defined aggregate's '__init__' method raised error");
        assertThatThrownBy(() -> one("select badstep(x) from t"))
                .hasMessage("user-defined aggregate's 'step' method raised error");
        assertThatThrownBy(() -> one("select badfinal(x) from t"))
                .hasMessage("user-defined aggregate's 'finalize' method raised error");
        assertThatThrownBy(() -> one("select nullagg(x) from t"))
                .hasMessage("user-defined aggregate's '__init__' method raised error");
    }

    static class WindowSum implements WindowFunction {
        long v;

        public void step(Object... args) {
            v += (Long) args[0];
        }

        public void inverse(Object... args) {
            v -= (Long) args[0];
        }

        public Object value() {
            return v;
        }

        public Object finalizeValue() {
            return v;
        }
    }

    static final String WINDOW = "select x, %s(x) over (order by x rows between 1 preceding and current row) from t";

    @Test // WindowFunctionTests.test_win_sum, test_win_exception_in_method, test_win_clear_function
    void windowFunctions() {
        con.createWindowFunction("ws", 1, WindowSum::new);
        assertThat(con.execute(String.format(WINDOW, "ws")).fetchall())
                .extracting(r -> r.get(1)).containsExactly(1L, 3L, 5L, 7L);
        assertThat(one("select ws(x) from t").get(0)).as("usable as a plain aggregate").isEqualTo(10L);
        for (String method : List.of("step", "value", "inverse")) {
            con.createWindowFunction("wb", 1, () -> new WindowSum() {
                public void step(Object... args) {
                    if (method.equals("step")) {
                        throw new IllegalStateException();
                    }
                    super.step(args);
                }

                public void inverse(Object... args) {
                    if (method.equals("inverse")) {
                        throw new IllegalStateException();
                    }
                    super.inverse(args);
                }

                public Object value() {
                    if (method.equals("value")) {
                        throw new IllegalStateException();
                    }
                    return super.value();
                }
            });
            assertThatThrownBy(() -> con.execute(String.format(WINDOW, "wb")).fetchall())
                    .as(method).isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("user-defined aggregate's '" + method + "' method raised error");
        }
        con.createWindowFunction("ws", 1, null);
        assertThatThrownBy(() -> con.execute(String.format(WINDOW, "ws")).fetchall())
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("no such function: ws");
        con.createWindowFunction("wv", -1, WindowSum::new);
        con.createWindowFunction("wv", -1, null);
        assertThatThrownBy(() -> con.execute(String.format(WINDOW, "wv")))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("no such function: wv");
    }

    @Test // CollationTests.test_collation_is_used, test_deregister_collation
    void collations() {
        con.createCollation("rev", (a, b) -> b.compareTo(a));
        assertThat(con.execute("select x from t order by cast(x as text) collate rev").fetchall())
                .extracting(r -> r.get(0)).containsExactly(4L, 3L, 2L, 1L);
        con.createCollation("rev", null);
        assertThatThrownBy(() -> con.execute("select x from t order by x collate rev"))
                .isInstanceOfSatisfying(Sqlite3.OperationalError.class, e -> {
                    assertThat(e).hasMessage("no such collation sequence: rev");
                    assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_ERROR_MISSING_COLLSEQ");
                });
    }

    @Test // CollationTests.test_collation_raises: the comparator's own exception reaches the caller
    void collationExceptionPropagates() {
        con.createCollation("boom", (a, b) -> {
            throw new ArithmeticException("division by zero");
        });
        assertThatThrownBy(() -> con.execute("select x from t order by cast(x as text) collate boom").fetchall())
                .isInstanceOf(ArithmeticException.class).hasMessage("division by zero");
        assertThat(one("select count(*) from t").get(0)).isEqualTo(4L);
    }

    @Test // ProgressTests.test_progress_handler_used / _abort / _clear / exception
    void progressHandler() {
        AtomicInteger calls = new AtomicInteger();
        con.setProgressHandler(() -> {
            calls.incrementAndGet();
            return false;
        }, 1);
        con.execute("select x from t").fetchall();
        assertThat(calls.get()).isPositive();
        con.setProgressHandler(() -> true, 1);
        assertThatThrownBy(() -> con.execute("select x from t").fetchall())
                .isInstanceOfSatisfying(Sqlite3.OperationalError.class, e -> {
                    assertThat(e).hasMessage("interrupted");
                    assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_INTERRUPT");
                });
        con.setProgressHandler(() -> {
            throw new IllegalStateException("x");
        }, 1);
        assertThatThrownBy(() -> con.execute("select x from t").fetchall())
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("interrupted");
        con.setProgressHandler(null, 1);
        assertThat(one("select count(*) from t").get(0)).isEqualTo(4L);
    }
}
