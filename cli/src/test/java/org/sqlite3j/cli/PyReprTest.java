package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sqlite3j.pickle.PyByteArray;
import org.sqlite3j.pickle.PyComplex;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyGlobal;
import org.sqlite3j.pickle.PyObject;
import org.sqlite3j.pickle.PyOrderedDict;
import org.sqlite3j.pickle.PyTuple;

/** Python's repr() of the pickle value model; expected texts are what CPython 3.13 prints. */
class PyReprTest {

    @Test
    void scalars() {
        assertThat(PyRepr.repr(null)).isEqualTo("None");
        assertThat(PyRepr.repr(true)).isEqualTo("True");
        assertThat(PyRepr.repr(false)).isEqualTo("False");
        assertThat(PyRepr.repr(-7L)).isEqualTo("-7");
        assertThat(PyRepr.repr(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(PyRepr.repr(new BigDecimal("19.99"))).isEqualTo("Decimal('19.99')");
        assertThat(PyRepr.repr(new PyComplex(1, 2))).isEqualTo("(1+2j)");
        assertThat(PyRepr.repr(new PyComplex(0, -2.5))).isEqualTo("-2.5j");
        assertThat(PyRepr.repr(new PyComplex(1.5, -0.0))).isEqualTo("(1.5-0j)");
    }

    @Test
    void floatsAreTheShortestRoundTripForm() {
        assertThat(PyRepr.floatRepr(1.0)).isEqualTo("1.0");
        assertThat(PyRepr.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(PyRepr.floatRepr(-2.5)).isEqualTo("-2.5");
        assertThat(PyRepr.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PyRepr.floatRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PyRepr.floatRepr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(PyRepr.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PyRepr.floatRepr(0.00001)).isEqualTo("1e-05");
        assertThat(PyRepr.floatRepr(1.5e-300)).isEqualTo("1.5e-300");
        assertThat(PyRepr.floatRepr(-0.0)).isEqualTo("-0.0");
        assertThat(PyRepr.floatRepr(Double.NaN)).isEqualTo("nan");
        assertThat(PyRepr.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void strQuotesAndEscapesAsPython() {
        assertThat(PyRepr.str("plain")).isEqualTo("'plain'");
        assertThat(PyRepr.str("it's")).isEqualTo("\"it's\"");
        assertThat(PyRepr.str("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(PyRepr.str("tab\tnl\nbs\\ bell\u0007 del\u007f")).isEqualTo("'tab\\tnl\\nbs\\\\ bell\\x07 del\\x7f'");
        assertThat(PyRepr.str("café 日本 😀")).isEqualTo("'café 日本 😀'");
        assertThat(PyRepr.str("nbsp\u00a0 zwsp\u200b private\ue000 astral-private\udb80\udc00"))
                .isEqualTo("'nbsp\\xa0 zwsp\\u200b private\\ue000 astral-private\\U000f0000'");
    }

    @Test
    void bytesAsPython() {
        assertThat(PyRepr.bytes(new byte[0])).isEqualTo("b''");
        assertThat(PyRepr.bytes(new byte[] {0, (byte) 0xff, 'A', '\n', '\\'})).isEqualTo("b'\\x00\\xffA\\n\\\\'");
        assertThat(PyRepr.bytes("'".getBytes())).isEqualTo("b\"'\"");
        assertThat(PyRepr.repr(new PyByteArray("ab".getBytes()))).isEqualTo("bytearray(b'ab')");
    }

    @Test
    void containers() {
        assertThat(PyRepr.repr(PyTuple.EMPTY)).isEqualTo("()");
        assertThat(PyRepr.repr(PyTuple.of(1L))).isEqualTo("(1,)");
        assertThat(PyRepr.repr(PyTuple.of(1L, "a", null))).isEqualTo("(1, 'a', None)");
        assertThat(PyRepr.repr(List.of())).isEqualTo("[]");
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("b", 2L);
        dict.put(PyTuple.of(1L, 2L), List.of(3.5));
        assertThat(PyRepr.repr(dict)).isEqualTo("{'b': 2, (1, 2): [3.5]}");
        assertThat(PyRepr.repr(new LinkedHashSet<>())).isEqualTo("set()");
        assertThat(PyRepr.repr(new LinkedHashSet<>(List.of(1L, 2L)))).isEqualTo("{1, 2}");
        assertThat(PyRepr.repr(PyFrozenSet.EMPTY)).isEqualTo("frozenset()");
        assertThat(PyRepr.repr(PyFrozenSet.of("a"))).isEqualTo("frozenset({'a'})");
        assertThat(PyRepr.repr(new PyOrderedDict())).isEqualTo("OrderedDict()");
        assertThat(PyRepr.repr(new PyOrderedDict(Map.of("k", 1L)))).isEqualTo("OrderedDict({'k': 1})");
    }

    @Test
    void recursiveContainersShowEllipsisAsPython() {
        List<Object> list = new ArrayList<>();
        list.add(1L);
        list.add(list);
        assertThat(PyRepr.repr(list)).isEqualTo("[1, [...]]");
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("self", dict);
        assertThat(PyRepr.repr(dict)).isEqualTo("{'self': {...}}");
    }

    @Test
    void deepNestingAndLongTextAreBounded() {
        Object nested = 1L;
        for (int i = 0; i < 10_000; i++) {
            nested = List.of(nested);
        }
        String deep = PyRepr.repr(nested);
        assertThat(deep).startsWith("[[[[").contains("...").hasSizeLessThan(300);
        long[] big = new long[100_000];
        List<Object> many = new ArrayList<>();
        Arrays.stream(big).forEach(many::add);
        assertThat(PyRepr.repr(many, 50)).hasSize(50).endsWith(", 0...");
    }

    @Test
    void datetimeValues() {
        assertThat(PyRepr.repr(LocalDate.of(2024, 5, 1))).isEqualTo("datetime.date(2024, 5, 1)");
        assertThat(PyRepr.repr(LocalDateTime.of(2024, 5, 1, 12, 30))).isEqualTo("datetime.datetime(2024, 5, 1, 12, 30)");
        assertThat(PyRepr.repr(LocalDateTime.of(2024, 5, 1, 0, 0, 15, 123_000)))
                .isEqualTo("datetime.datetime(2024, 5, 1, 0, 0, 15, 123)");
        assertThat(PyRepr.repr(LocalTime.of(9, 0, 0, 5000))).isEqualTo("datetime.time(9, 0, 0, 5)");
        assertThat(PyRepr.repr(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)))
                .isEqualTo("datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)");
        assertThat(PyRepr.repr(OffsetDateTime.of(2024, 1, 2, 3, 4, 0, 0, ZoneOffset.ofHours(-5))))
                .isEqualTo("datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone("
                        + "datetime.timedelta(days=-1, seconds=68400)))");
        assertThat(PyRepr.repr(ZonedDateTime.of(2024, 7, 1, 8, 0, 0, 0, ZoneId.of("Europe/Paris"))))
                .isEqualTo("datetime.datetime(2024, 7, 1, 8, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))");
        assertThat(PyRepr.repr(Duration.ZERO)).isEqualTo("datetime.timedelta(0)");
        assertThat(PyRepr.repr(Duration.ofDays(1).plusSeconds(5).plusNanos(3000)))
                .isEqualTo("datetime.timedelta(days=1, seconds=5, microseconds=3)");
        assertThat(PyRepr.repr(Duration.ofSeconds(-1))).isEqualTo("datetime.timedelta(days=-1, seconds=86399)");
    }

    @Test
    void stubsShowTheirClassAndAttributes() {
        PyObject point = PyObject.of(PyObject.Kind.NEWOBJ, new PyGlobal("app.models", "Point"), PyTuple.EMPTY);
        point.setState(new LinkedHashMap<>(Map.of("x", 3L)));
        assertThat(PyRepr.repr(point)).isEqualTo("app.models.Point(x=3)");

        PyObject call = PyObject.of(PyObject.Kind.REDUCE, new PyGlobal("os", "system"), PyTuple.of("rm -rf /"));
        assertThat(PyRepr.repr(call)).isEqualTo("os.system('rm -rf /')");

        PyObject slots = PyObject.of(PyObject.Kind.NEWOBJ, new PyGlobal("m", "S"), PyTuple.of(1L));
        slots.setState(PyTuple.of(null, Map.of("a", "b")));
        assertThat(PyRepr.repr(slots)).isEqualTo("m.S(1, a='b')");

        PyObject odd = PyObject.of(PyObject.Kind.REDUCE, new PyGlobal("m", "C"), PyTuple.EMPTY);
        odd.setState(List.of(1L));
        odd.listItems().add("item");
        assertThat(PyRepr.repr(odd)).isEqualTo("m.C(__setstate__=[1]) + ['item']");

        PyObject reconstructed = PyObject.of(PyObject.Kind.REDUCE, new PyGlobal("copyreg", "_reconstructor"),
                PyTuple.of(new PyGlobal("m", "Old"), new PyGlobal("builtins", "object"), null));
        reconstructed.setState(Map.of("v", 1L));
        assertThat(PyRepr.repr(reconstructed)).isEqualTo("m.Old(v=1)");
    }
}
