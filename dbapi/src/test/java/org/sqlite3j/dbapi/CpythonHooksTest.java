package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collations, the progress handler's instruction count and trace texts (CPython test_hooks). */
class CpythonHooksTest {

    @TempDir
    Path dir;

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
    }

    @AfterEach
    void close() {
        con.close();
    }

    private List<Object> firstColumn(String sql) {
        List<Object> values = new ArrayList<>();
        for (Row row : con.execute(sql)) {
            values.add(row.get(0));
        }
        return values;
    }

    @Test // CollationTests.test_create_collation_not_ascii
    void collationWithANonAsciiName() {
        con.createCollation("sortä", String::compareTo);
        assertThat(firstColumn("select x from (select 'q' as x union all select 'p') order by x collate sortä"))
                .containsExactly("p", "q");
    }

    @Test // CollationTests.test_collation_register_twice
    void secondCollationUnderTheSameNameWins() {
        con.createCollation("flip", String::compareTo);
        con.createCollation("flip", (a, b) -> b.compareTo(a));
        assertThat(firstColumn("select x from (select 'a' as x union select 'b') order by x collate flip"))
                .containsExactly("b", "a");
    }

    @Test // ProgressTests.test_opcode_count
    void progressHandlerRespectsTheInstructionCount() {
        int[] calls = new int[1];
        con.setProgressHandler(() -> {
            calls[0]++;
            return false;
        }, 1);
        con.execute("create table first(a, b)");
        int everyInstruction = calls[0];
        calls[0] = 0;
        con.setProgressHandler(() -> {
            calls[0]++;
            return false;
        }, 2);
        con.execute("create table second(a, b)");
        int everySecond = calls[0];
        assertThat(everyInstruction).isPositive();
        assertThat(everySecond).isPositive().isLessThan(everyInstruction);
    }

    @Test // TraceCallbackTests.test_trace_callback_content
    void schemaChangeByAnotherConnectionDoesNotDoubleTheTrace() {
        Path file = dir.resolve("shared.db");
        List<String> traced = new ArrayList<>();
        try (Connection first = Sqlite3.connect(file, ConnectOptions.defaults().isolationLevel(null));
                Connection second = Sqlite3.connect(file)) {
            first.setTraceCallback(traced::add);
            Cursor cur = first.cursor();
            cur.execute("create table foo(x)");
            second.execute("create table bar(x)");
            cur.execute("insert into foo(x) values(1)");
        }
        assertThat(traced).containsExactly("create table foo(x)", "insert into foo(x) values(1)");
    }

    @Test // TraceCallbackTests.test_trace_expanded_sql
    void executemanyTracesEachParameterSetExpanded() {
        List<String> traced = new ArrayList<>();
        con.setTraceCallback(traced::add);
        con.transaction(c -> {
            c.execute("create table t(t)");
            c.executemany("insert into t values(?)", LongStream.range(0, 3).mapToObj(List::of).iterator());
        });
        assertThat(traced).containsExactly("create table t(t)", "BEGIN ", "insert into t values(0)",
                "insert into t values(1)", "insert into t values(2)", "COMMIT");
    }

    @Test // TraceCallbackTests.test_unicode_content
    void nonAsciiTextArrivesIntact() {
        String text = "\u00f6\u00e4\u00fc\u00d6\u00c4\u00dc\u00df\u20ac";
        List<String> traced = new ArrayList<>();
        con.setTraceCallback(traced::add);
        con.execute("create table foo(x)");
        con.execute("insert into foo(x) values ('" + text + "')");
        con.commit();
        assertThat(traced).anySatisfy(statement -> assertThat(statement).contains(text));
    }
}
