package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The Python value model: distinctions kept, Python's equality and hashability, loader options. */
class ValueModelTest {
    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    record Pt(long x) {
    }

    @Test // objects a registered class builds from state replace their placeholders wherever the memo shares them
    void manyBuiltObjectsKeepTheirSharing() {
        int n = 20_000;
        List<Object> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PyObject p = PyObject.of(PyObject.Kind.NEWOBJ, new PyGlobal("geo", "Pt"), PyTuple.EMPTY);
            p.setState(Map.of("x", (long) i));
            pts.add(p);
        }
        List<Object> value = new ArrayList<>(pts);
        value.addAll(pts); // each instance twice: the second time a memo GET
        Globals g = Globals.builder().register("geo", "Pt",
                PyClass.fromState(state -> new Pt((Long) ((Map<?, ?>) state).get("x")))).build();
        for (int proto : new int[] {2, 4}) {
            List<?> loaded = (List<?>) Pickle.loads(Pickle.dumps(value, proto), g);
            for (int i : new int[] {0, 1, n / 2, n - 1}) {
                assertThat(loaded.get(i)).as("protocol %d", proto).isEqualTo(new Pt(i));
                assertThat(loaded.get(n + i)).isSameAs(loaded.get(i));
            }
        }
    }

    @Test // a memo across the Unpickler's storage chunks (16,384 entries each): every GET finds its object
    void sharedObjectsAcrossALargeMemoKeepTheirIdentity() {
        int n = 40_000;
        List<Object> value = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            value.add(new ArrayList<>(List.of(i)));
        }
        for (int i = 0; i < n; i++) {
            value.add(value.get(i)); // the same lists again: memo GETs of every index
        }
        for (int proto : new int[] {1, 2, 4}) {
            List<?> loaded = (List<?>) Pickle.loads(Pickle.dumps(value, proto));
            assertThat(loaded).hasSize(2 * n);
            for (int i : new int[] {0, 31, 32, 16_383, 16_384, 16_385, 32_767, 32_768, n - 1}) {
                assertThat(loaded.get(n + i)).as("protocol %d, list %d", proto, i).isSameAs(loaded.get(i));
                assertThat(loaded.get(i)).isEqualTo(List.of((long) i));
            }
        }
    }

    @Test
    void tupleIsAValueButNeverEqualToAList() {
        assertThat(PyTuple.of(1L, "a")).isEqualTo(PyTuple.of(1L, "a")).hasSameHashCodeAs(PyTuple.of(1L, "a"));
        assertThat(PyTuple.of(1L).equals(List.of(1L))).isFalse();
        assertThat(PyTuple.of(new byte[] {1, 2})).isEqualTo(PyTuple.of(new byte[] {1, 2}));
        assertThat(PyTuple.of(1L).toString()).isEqualTo("(1,)");
        assertThat(PyTuple.of(new ArrayList<>()).isHashable()).isFalse();
        assertThatThrownBy(() -> PyTuple.of(new ArrayList<>()).hashCode()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PyTuple.of(1L).asList().add(2L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bytesAndBytearrayStayDistinct() {
        List<?> back = (List<?>) Pickle.loads(Pickle.dumps(new ArrayList<>(List.of(new byte[] {1}, new PyByteArray(new byte[] {1}))), 2));
        assertThat(back.get(0)).isInstanceOf(byte[].class);
        assertThat(back.get(1)).isInstanceOf(PyByteArray.class).isEqualTo(new PyByteArray(new byte[] {1}));
    }

    @Test
    void setAndFrozensetStayDistinctButCompareEqualLikePython() {
        Set<Object> set = new LinkedHashSet<>(List.of(1L, 2L));
        PyFrozenSet frozen = PyFrozenSet.of(1L, 2L);
        assertThat(frozen).isEqualTo(set);
        for (int proto = 0; proto <= 5; proto++) {
            assertThat(Pickle.loads(Pickle.dumps(set, proto))).isExactlyInstanceOf(LinkedHashSet.class);
            assertThat(Pickle.loads(Pickle.dumps(frozen, proto))).isExactlyInstanceOf(PyFrozenSet.class);
        }
        assertThatThrownBy(() -> frozen.add(3L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void dictKeepsInsertionOrderAndOrderedDictItsType() {
        Map<Object, Object> d = new java.util.LinkedHashMap<>();
        for (int i = 20; i > 0; i--) {
            d.put("k" + i, i);
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> back = (Map<Object, Object>) Pickle.loads(Pickle.dumps(d));
        assertThat(new ArrayList<>(back.keySet())).isEqualTo(new ArrayList<>(d.keySet()));
        assertThat(Pickle.loads(Pickle.dumps(new PyOrderedDict(d)))).isExactlyInstanceOf(PyOrderedDict.class);
    }

    @Test
    void smallIntsAreLongsAndBigOnesBigIntegers() {
        assertThat(Pickle.loads(Pickle.dumps(5))).isEqualTo(5L);
        assertThat(Pickle.loads(Pickle.dumps(Long.MAX_VALUE, 0))).isEqualTo(Long.MAX_VALUE);
        assertThat(Pickle.loads(Pickle.dumps(java.math.BigInteger.valueOf(7), 2))).isEqualTo(7L);
        assertThat(Pickle.loads(Pickle.dumps(java.math.BigInteger.ONE.shiftLeft(64), 2)))
                .isEqualTo(java.math.BigInteger.ONE.shiftLeft(64));
    }

    @Test
    void datetimeKeepsMicrosecondsAndDropsNanosecondsOnDump() {
        LocalDateTime t = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789);
        assertThat(Pickle.loads(Pickle.dumps(t))).isEqualTo(t.withNano(123_456_000));
        assertThat(Pickle.loads(Pickle.dumps(Duration.ofNanos(-1)))).isEqualTo(Duration.ofNanos(-1000));
    }

    @Test
    void specialDecimalsLoadAsStubsAndDumpBack() {
        byte[] nan = b("cdecimal\nDecimal\n(VNaN\ntR.");
        Object v = Pickle.loads(nan);
        assertThat(v).isInstanceOf(PyObject.class);
        assertThat(((PyObject) v).type()).isEqualTo(new PyGlobal("decimal", "Decimal"));
        assertThat(Pickle.loads(b("cdecimal\nDecimal\n(V-1.50\ntR."))).isEqualTo(new BigDecimal("-1.50"));
    }

    @Test
    void python2StringsDecodeAsAsciiByDefaultOrAsAsked() {
        byte[] py2 = b("U\u0003caf.");
        assertThat(Pickle.loads(py2)).isEqualTo("caf");
        assertThatThrownBy(() -> Pickle.loads(b("U\u0001\u00e9."))).isInstanceOf(UnpicklingError.class)
                .hasMessageContaining("'ascii' codec can't decode byte 0xe9");
        assertThat(new Unpickler(b("U\u0001\u00e9.")).encoding("latin1").load()).isEqualTo("\u00e9");
        assertThat((byte[]) new Unpickler(b("U\u0001\u00e9.")).encoding("bytes").load()).containsExactly((byte) 0xe9);
    }

    @Test
    void fixImportsMapsPython2NamesOnlyBelowProtocol3() {
        assertThat(Pickle.loads(b("c__builtin__\nset\n)R."))).isEqualTo(Set.of());
        assertThat(Pickle.loads(b("\u0080\u0002c__builtin__\nunicode\n."))).isEqualTo(new PyGlobal("builtins", "str"));
        assertThatThrownBy(() -> new Unpickler(b("c__builtin__\nset\n)R.")).fixImports(false).load())
                .hasMessage("global '__builtin__.set' is forbidden");
        assertThatThrownBy(() -> Pickle.loads(b("\u0080\u0003c__builtin__\nset\n)R.")))
                .hasMessage("global '__builtin__.set' is forbidden");
        // and on the way out: int -> __builtin__.long, range -> __builtin__.xrange
        assertThat(new String(Pickle.dumps(new PyGlobal("builtins", "range"), 2), StandardCharsets.ISO_8859_1))
                .isEqualTo("\u0080\u0002c__builtin__\nxrange\nq\u0000.");
    }

    @Test
    void floatsAtProtocolZeroUsePythonsRepr() {
        assertThat(new String(Pickle.dumps(List.of(1e16, 1e-5, 0.1, -0.0, Double.NaN, 1e22, 5e-324), 0),
                StandardCharsets.ISO_8859_1)).isEqualTo("(lp0\nF1e+16\naF1e-05\naF0.1\naF-0.0\naFnan\naF1e+22\naF5e-324\na.");
    }

    @Test
    void loneSurrogatesSurviveLikeSurrogatepass() {
        String s = "a\uD800b";
        for (int proto = 0; proto <= 5; proto++) {
            assertThat(Pickle.loads(Pickle.dumps(s, proto))).isEqualTo(s);
        }
    }
}
