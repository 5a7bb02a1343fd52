package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Functions, aggregates and window functions: the cases of CPython's test_userfunctions not checked elsewhere. */
class CpythonUserFunctionsTest {

    private static final String WINDOW_QUERY = "select x, %s(y) over (order by x rows between 1 preceding"
            + " and 1 following) as sum_y from test order by x";

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        con.transaction(c -> {
            c.execute("create table test(x, y)");
            c.executemany("insert into test values(?, ?)", List.of(List.of("a", 4), List.of("b", 5),
                    List.of("c", 3), List.of("d", 8), List.of("e", 1)));
        });
    }

    @AfterEach
    void close() {
        con.close();
    }

    /** Counts the arguments after the first that satisfy a test named by the first. */
    static final class CountMatching implements Aggregate {
        long matches;

        @Override
        public void step(Object... args) {
            Predicate<Object> test = switch ((String) args[0]) {
                case "str" -> String.class::isInstance;
                case "int" -> Long.class::isInstance;
                case "float" -> Double.class::isInstance;
                case "None" -> v -> v == null;
                case "blob" -> byte[].class::isInstance;
                default -> throw new IllegalArgumentException((String) args[0]);
            };
            for (int i = 1; i < args.length; i++) {
                if (test.test(args[i])) {
                    matches++;
                }
            }
        }

        @Override
        public Object finalizeValue() {
            return matches;
        }
    }

    private Object aggregateOf(String sql, Object... params) {
        con.createAggregate("matching2", 2, CountMatching::new);
        con.createAggregate("matchingN", -1, CountMatching::new);
        return con.execute(sql, params).fetchone().get(0);
    }

    @Test // AggregateTests.test_aggr_check_param_str
    void aggregateGetsStrings() {
        assertThat(aggregateOf("select matchingN('str', ?, ?)", "foo", "")).isEqualTo(2L);
    }

    @Test // AggregateTests.test_aggr_check_params_int
    void aggregateGetsIntsThroughAVariadicStep() {
        assertThat(aggregateOf("select matchingN('int', ?, ?)", 42, 24)).isEqualTo(2L);
    }

    @Test // AggregateTests.test_aggr_check_param_float
    void aggregateGetsFloats() {
        assertThat(aggregateOf("select matching2('float', ?)", 3.14)).isEqualTo(1L);
    }

    @Test // AggregateTests.test_aggr_check_param_none
    void aggregateGetsNull() {
        assertThat(aggregateOf("select matching2('None', ?)", (Object) null)).isEqualTo(1L);
    }

    @Test // AggregateTests.test_aggr_check_param_blob
    void aggregateGetsBlobs() {
        assertThat(aggregateOf("select matching2('blob', ?)", (Object) new byte[] {'b', 'l', 'o', 'b'}))
                .isEqualTo(1L);
    }

    @Test // AggregateTests.test_aggr_text
    void aggregateReturnsTextWithNul() {
        con.createAggregate("concat", 1, () -> new Aggregate() {
            final StringBuilder text = new StringBuilder();

            @Override
            public void step(Object... args) {
                text.append((String) args[0]);
            }

            @Override
            public Object finalizeValue() {
                return text.toString();
            }
        });
        for (String text : new String[] {"foo", "1\u00002"}) {
            assertThat(con.execute("select concat(?) from (select 1)", text).fetchone().get(0)).isEqualTo(text);
        }
    }

    @Test // FunctionTests.test_func_return_nan
    void functionReturningNanGivesNull() {
        con.createFunction("nan", 0, args -> Double.NaN);
        assertThat(con.execute("select nan()").fetchone().get(0)).isNull();
    }

    @Test // FunctionTests.test_func_return_too_large_int
    void functionReturningAnIntBeyond64BitsIsDataError() {
        BigInteger two63 = BigInteger.ONE.shiftLeft(63);
        for (BigInteger value : new BigInteger[] {two63, two63.negate().subtract(BigInteger.ONE), two63.shiftLeft(1)}) {
            con.createFunction("largeint", 0, args -> value);
            assertThatThrownBy(() -> con.execute("select largeint()").fetchall()).as(value.toString())
                    .isInstanceOf(Sqlite3.DataError.class).hasMessage("string or blob too big");
        }
    }

    @Test // FunctionTests.test_func_too_many_args
    void functionArgumentLimit() {
        int old = con.setlimit(Sqlite3.SQLITE_LIMIT_FUNCTION_ARG, 1);
        try {
            assertThat(con.execute("select abs(-1)").fetchone().get(0)).isEqualTo(1L);
            assertThatThrownBy(() -> con.execute("select max(1, 2)")).isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("too many arguments on function max");
        } finally {
            con.setlimit(Sqlite3.SQLITE_LIMIT_FUNCTION_ARG, old);
        }
    }

    // ------------------------------------------------------------------------------------- windows

    /** Sums its argument over the frame; {@code weight} scales each row. */
    static class FrameSum implements WindowFunction {
        final long weight;
        long total;

        FrameSum(long weight) {
            this.weight = weight;
        }

        @Override
        public void step(Object... args) {
            total += weight * (Long) args[0];
        }

        @Override
        public void inverse(Object... args) {
            total -= weight * (Long) args[0];
        }

        @Override
        public Object value() throws Exception {
            return total;
        }

        @Override
        public Object finalizeValue() throws Exception {
            return total;
        }
    }

    private List<List<Object>> window(String name) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : con.execute(String.format(WINDOW_QUERY, name))) {
            rows.add(List.of(row.get(0), row.get(1)));
        }
        return rows;
    }

    @Test // WindowFunctionTests.test_win_error_on_create
    void windowFunctionWithABadArgumentCount() {
        assertThatThrownBy(() -> con.createWindowFunction("shouldfail", -100, () -> new FrameSum(1)))
                .isInstanceOf(Sqlite3.ProgrammingError.class).hasMessage("bad parameter or other API misuse");
    }

    @Test // WindowFunctionTests.test_win_redefine_function
    void secondWindowFunctionUnderTheSameNameWins() {
        con.createWindowFunction("sumint", 1, () -> new FrameSum(1));
        assertThat(window("sumint")).containsExactly(List.of("a", 9L), List.of("b", 12L), List.of("c", 16L),
                List.of("d", 12L), List.of("e", 9L));
        con.createWindowFunction("sumint", 1, () -> new FrameSum(2));
        assertThat(window("sumint")).containsExactly(List.of("a", 18L), List.of("b", 24L), List.of("c", 32L),
                List.of("d", 24L), List.of("e", 18L));
    }

    @Test // WindowFunctionTests.test_win_error_value_return
    void windowValueBeyond64BitsIsDataError() {
        con.createWindowFunction("huge", 1, () -> new FrameSum(1) {
            @Override
            public Object value() {
                return BigInteger.ONE.shiftLeft(65);
            }
        });
        assertThatThrownBy(() -> window("huge")).isInstanceOf(Sqlite3.DataError.class)
                .hasMessage("string or blob too big");
    }

    @Test // WindowFunctionTests.test_win_exception_in_finalize
    void windowFinalizeFailureIsNotReported() {
        con.createWindowFunction("badfinal", 1, () -> new FrameSum(1) {
            @Override
            public Object finalizeValue() {
                throw new IllegalStateException("finalize fails");
            }
        });
        assertThat(window("badfinal")).hasSize(5);
    }

    @Test // WindowFunctionTests.test_win_exception_in_method (the factory, Python's __init__)
    void windowFactoryFailure() {
        Supplier<WindowFunction> failing = () -> {
            throw new IllegalStateException("cannot make one");
        };
        con.createWindowFunction("badinit", 1, failing);
        assertThatThrownBy(() -> window("badinit")).isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("user-defined aggregate's '__init__' method raised error");
    }
}
