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
class ValueReprTest {

    @Test
    void scalars() {
        assertThat(ValueRepr.repr(null)).isEqualTo("None");
        assertThat(ValueRepr.repr(true)).isEqualTo("True");
        assertThat(ValueRepr.repr(false)).isEqualTo("False");
        assertThat(ValueRepr.repr(-7L)).isEqualTo("-7");
        assertThat(ValueRepr.repr(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(ValueRepr.repr(new BigDecimal("19.99"))).isEqualTo("Decimal('19.99')");
        assertThat(ValueRepr.repr(new PyComplex(1, 2))).isEqualTo("(1+2j)");
        assertThat(ValueRepr.repr(new PyComplex(0, -2.5))).isEqualTo("-2.5j");
        assertThat(ValueRepr.repr(new PyComplex(1.5, -0.0))).isEqualTo("(1.5-0j)");
    }

    @Test
    void floatsAreTheShortestRoundTripForm() {
        assertThat(ValueRepr.floatRepr(1.0)).isEqualTo("1.0");
        assertThat(ValueRepr.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(ValueRepr.floatRepr(-2.5)).isEqualTo("-2.5");
        assertThat(ValueRepr.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(ValueRepr.floatRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(ValueRepr.floatRepr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(ValueRepr.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(ValueRepr.floatRepr(0.00001)).isEqualTo("1e-05");
        assertThat(ValueRepr.floatRepr(1.5e-300)).isEqualTo("1.5e-300");
        assertThat(ValueRepr.floatRepr(-0.0)).isEqualTo("-0.0");
        assertThat(ValueRepr.floatRepr(Double.NaN)).isEqualTo("nan");
        assertThat(ValueRepr.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void strAndBytesAsPython() {
        assertThat(ValueRepr.repr("it's")).isEqualTo("\"it's\"");
        assertThat(ValueRepr.repr(new byte[] {0, 'A', '\''})).isEqualTo("b\"\\x00A'\"");
        assertThat(ValueRepr.repr(new PyByteArray("ab".getBytes()))).isEqualTo("bytearray(b'ab')");
    }

    @Test
    void cellTextEscapesOnlyWhatAPythonStrCannotPrint() {
        assertThat(ValueRepr.printable("café 日本 😀 it's \"q\" \\")).isEqualTo("café 日本 😀 it's \"q\" \\");
        assertThat(ValueRepr.printable("a\tb\nc\u0007\u00a0\u200b\udb80\udc00"))
                .isEqualTo("a\\tb\\nc\\x07\\xa0\\u200b\\U000f0000");
    }

    @Test
    void containers() {
        assertThat(ValueRepr.repr(PyTuple.EMPTY)).isEqualTo("()");
        assertThat(ValueRepr.repr(PyTuple.of(1L))).isEqualTo("(1,)");
        assertThat(ValueRepr.repr(PyTuple.of(1L, "a", null))).isEqualTo("(1, 'a', None)");
        assertThat(ValueRepr.repr(List.of())).isEqualTo("[]");
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("b", 2L);
        dict.put(PyTuple.of(1L, 2L), List.of(3.5));
        assertThat(ValueRepr.repr(dict)).isEqualTo("{'b': 2, (1, 2): [3.5]}");
        assertThat(ValueRepr.repr(new LinkedHashSet<>())).isEqualTo("set()");
        assertThat(ValueRepr.repr(new LinkedHashSet<>(List.of(1L, 2L)))).isEqualTo("{1, 2}");
        assertThat(ValueRepr.repr(PyFrozenSet.EMPTY)).isEqualTo("frozenset()");
        assertThat(ValueRepr.repr(PyFrozenSet.of("a"))).isEqualTo("frozenset({'a'})");
        assertThat(ValueRepr.repr(new PyOrderedDict())).isEqualTo("OrderedDict()");
        assertThat(ValueRepr.repr(new PyOrderedDict(Map.of("k", 1L)))).isEqualTo("OrderedDict({'k': 1})");
    }

    @Test
    void recursiveContainersShowEllipsisAsPython() {
        List<Object> list = new ArrayList<>();
        list.add(1L);
        list.add(list);
        assertThat(ValueRepr.repr(list)).isEqualTo("[1, [...]]");
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("self", dict);
        assertThat(ValueRepr.repr(dict)).isEqualTo("{'self': {...}}");
    }

    @Test
    void deepNestingAndLongTextAreBounded() {
        Object nested = 1L;
        for (int i = 0; i < 10_000; i++) {
            nested = List.of(nested);
        }
        String deep = ValueRepr.repr(nested);
        assertThat(deep).startsWith("[[[[").contains("...").hasSizeLessThan(300);
        long[] big = new long[100_000];
        List<Object> many = new ArrayList<>();
        Arrays.stream(big).forEach(many::add);
        assertThat(ValueRepr.repr(many, 50)).hasSize(50).endsWith(", 0...");
    }

    @Test
    void datetimeValues() {
        assertThat(ValueRepr.repr(LocalDate.of(2024, 5, 1))).isEqualTo("datetime.date(2024, 5, 1)");
        assertThat(ValueRepr.repr(LocalDateTime.of(2024, 5, 1, 12, 30))).isEqualTo("datetime.datetime(2024, 5, 1, 12, 30)");
        assertThat(ValueRepr.repr(LocalDateTime.of(2024, 5, 1, 0, 0, 15, 123_000)))
                .isEqualTo("datetime.datetime(2024, 5, 1, 0, 0, 15, 123)");
        assertThat(ValueRepr.repr(LocalTime.of(9, 0, 0, 5000))).isEqualTo("datetime.time(9, 0, 0, 5)");
        assertThat(ValueRepr.repr(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)))
                .isEqualTo("datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)");
        assertThat(ValueRepr.repr(OffsetDateTime.of(2024, 1, 2, 3, 4, 0, 0, ZoneOffset.ofHours(-5))))
                .isEqualTo("datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone("
                        + "datetime.timedelta(days=-1, seconds=68400)))");
        assertThat(ValueRepr.repr(ZonedDateTime.of(2024, 7, 1, 8, 0, 0, 0, ZoneId.of("Europe/Paris"))))
                .isEqualTo("datetime.datetime(2024, 7, 1, 8, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))");
        assertThat(ValueRepr.repr(Duration.ZERO)).isEqualTo("datetime.timedelta(0)");
        assertThat(ValueRepr.repr(Duration.ofDays(1).plusSeconds(5).plusNanos(3000)))
                .isEqualTo("datetime.timedelta(days=1, seconds=5, microseconds=3)");
        assertThat(ValueRepr.repr(Duration.ofSeconds(-1))).isEqualTo("datetime.timedelta(days=-1, seconds=86399)");
    }

    @Test
    void stubsShowTheirClassAndAttributes() {
        PyObject point = PyObject.of(PyObject.Kind.NEWOBJ, new PyGlobal("app.models", "Point"), PyTuple.EMPTY);
        point.setState(new LinkedHashMap<>(Map.of("x", 3L)));
        assertThat(ValueRepr.repr(point)).isEqualTo("app.models.Point(x=3)");

        PyObject call = PyObject.of(PyObject.Kind.REDUCE, new PyGlobal("os", "system"), PyTuple.of("rm -rf /"));
        assertThat(ValueRepr.repr(call)).isEqualTo("os.system('rm -rf /')");

        PyObject slots = PyObject.of(PyObject.Kind.NEWOBJ, new PyGlobal("m", "S"), PyTuple.of(1L));
        slots.setState(PyTuple.of(null, Map.of("a", "b")));
        assertThat(ValueRepr.repr(slots)).isEqualTo("m.S(1, a='b')");

        PyObject odd = PyObject.of(PyObject.Kind.REDUCE, new PyGlobal("m", "C"), PyTuple.EMPTY);
        odd.setState(List.of(1L));
        odd.listItems().add("item");
        assertThat(ValueRepr.repr(odd)).isEqualTo("m.C(__setstate__=[1]) + ['item']");

        PyObject reconstructed = PyObject.of(PyObject.Kind.REDUCE, new PyGlobal("copyreg", "_reconstructor"),
                PyTuple.of(new PyGlobal("m", "Old"), new PyGlobal("builtins", "object"), null));
        reconstructed.setState(Map.of("v", 1L));
        assertThat(ValueRepr.repr(reconstructed)).isEqualTo("m.Old(v=1)");
    }
}
