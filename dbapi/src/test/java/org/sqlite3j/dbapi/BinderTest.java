package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The binding step ({@code _pysqlite_query_execute}) where ExecuteTest does not reach: sequences given as
 * a List, SQL that holds no statement, and values at the edges of their conversion. The messages are
 * the ones CPython 3.13 prints for the same calls.
 */
class BinderTest {

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
    }

    @AfterEach
    void close() {
        con.close();
    }

    @Test // cur.execute("select ?, ?", [1, object()]): the position counts from 1 in a list too
    void aListReportsTheOneBasedPosition() {
        assertThatThrownBy(() -> con.execute("select ?, ?", Arrays.asList(1L, new Object())))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Error binding parameter 2: type 'Object' is not supported");
        assertThat(con.execute("select ?, ?", List.of(1L, "x")).fetchone().values()).containsExactly(1L, "x");
    }

    @Test // CursorTests.test_execute_named_param_and_sequence with a list (3.13 warns "Starting with Python 3.14 an
          // sqlite3.ProgrammingError will be raised"; this module raises it, with 3.13's text)
    void aListCannotFillANamedPlaceholder() {
        assertThatThrownBy(() -> con.execute("select ?, :a", List.of(1L, 2L)))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Binding 2 (':a') is a named parameter, but you supplied a sequence which requires"
                        + " nameless (qmark) placeholders.");
    }

    @Test // execute("", [1]) / execute("-- only", [1, 2]): CPython 3.13 still counts the bindings; a mapping or
          // an empty sequence is fine
    void sqlWithoutAStatementStillCountsTheBindings() {
        assertThatThrownBy(() -> con.execute("", List.of(1L)))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Incorrect number of bindings supplied. The current statement uses 0, and there are 1 supplied.");
        assertThatThrownBy(() -> con.execute("-- only", 1L, 2L))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Incorrect number of bindings supplied. The current statement uses 0, and there are 2 supplied.");
        assertThat(con.execute("-- only", Map.of("a", 1L)).fetchall()).isEmpty();
        assertThat(con.execute("", List.of()).fetchall()).isEmpty();
        assertThat(con.execute("  ", new Object[0]).fetchall()).isEmpty();
    }

    @Test // bytes-like values bind their bytes; a ByteBuffer its remaining bytes, left unread (as a memoryview slice)
    void aByteBufferBindsItsRemainingBytes() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        buffer.position(1).limit(3);
        assertThat(con.execute("select ?", buffer).fetchone().get(0)).isEqualTo(new byte[] {2, 3});
        assertThat(buffer.position()).isEqualTo(1);
        assertThat(buffer.remaining()).isEqualTo(2);
    }

    @Test // Java boxes as Python binds int, float and str: Short/Byte as int, Float widened, Character a str
    void sqliteValueConvertsJavaTypes() {
        assertThat(Binder.sqliteValue((short) -3, 1)).isEqualTo(-3);
        assertThat(Binder.sqliteValue((byte) 7, 1)).isEqualTo(7);
        assertThat(Binder.sqliteValue(1.5f, 1)).isEqualTo(1.5d);
        assertThat(Binder.sqliteValue('\u00e9', 1)).isEqualTo("\u00e9");
        assertThat(Binder.sqliteValue(Boolean.TRUE, 1)).isEqualTo(1);
        assertThat(Binder.sqliteValue(Boolean.FALSE, 1)).isEqualTo(0);
        assertThat(Binder.sqliteValue(null, 1)).isNull();
    }
}
