package org.sqlite3j.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.sqlite3j.pickle.PyByteArray;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyGlobal;
import org.sqlite3j.pickle.PyOrderedDict;
import org.sqlite3j.pickle.PyTuple;

/**
 * The Java side of the API: input types, singletons, references, streams, versions, limits. Covers
 * test_marshal's {@code ExceptionTestCase}, {@code BufferTestCase.test_bytearray},
 * {@code InstancingTestCase}, and {@code BugsTestCase}'s {@code test_version_argument},
 * {@code test_exact_type_match}, {@code test_multiple_dumps_and_loads}, {@code test_deterministic_sets},
 * {@code test_recursion_limit}, {@code test_large_marshal}; each method names its own.
 */
class MarshalApiTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** test_exceptions / test_ellipsis: the singletons are pickle's PyGlobals, written as 'S' and '.'. */
    @Test
    void singletons() {
        assertThat(Marshal.dumps(Marshal.ELLIPSIS)).containsExactly('.');
        assertThat(Marshal.dumps(new PyGlobal("builtins", "StopIteration"))).containsExactly('S');
        assertThat(Marshal.loads(Marshal.dumps(PyTuple.of(Marshal.ELLIPSIS, Marshal.STOP_ITERATION), 2)))
                .isEqualTo(PyTuple.of(Marshal.ELLIPSIS, Marshal.STOP_ITERATION));
        assertThatThrownBy(() -> Marshal.dumps(new PyGlobal("builtins", "ValueError")))
                .isExactlyInstanceOf(ValueError.class).hasMessage("unmarshallable object");
    }

    /** BufferTestCase.test_bytearray (a bytearray is written as bytes), plus Java's other numeric and collection types. */
    @Test
    void javaInputTypes() {
        for (int version = 0; version <= 4; version++) {
            assertThat(Marshal.dumps(7, version)).isEqualTo(Marshal.dumps(7L, version));
            assertThat(Marshal.dumps((short) -3, version)).isEqualTo(Marshal.dumps(-3L, version));
            assertThat(Marshal.dumps((byte) 9, version)).isEqualTo(Marshal.dumps(9L, version));
            assertThat(Marshal.dumps(1.5f, version)).isEqualTo(Marshal.dumps(1.5, version));
            assertThat(Marshal.dumps(BigInteger.valueOf(-5), version)).isEqualTo(Marshal.dumps(-5L, version));
            assertThat(Marshal.dumps(BigInteger.valueOf(Long.MIN_VALUE), version)).isEqualTo(Marshal.dumps(Long.MIN_VALUE, version));
            assertThat(Marshal.dumps(new PyByteArray(new byte[] {1, 2}), 2)).isEqualTo(Marshal.dumps(new byte[] {1, 2}, 2));
        }
        Map<String, Long> sorted = new TreeMap<>(Map.of("b", 2L, "a", 1L));
        assertThat(Marshal.loads(Marshal.dumps(sorted))).isInstanceOf(LinkedHashMap.class).asString().isEqualTo("{a=1, b=2}");
        assertThat(Marshal.loads(Marshal.dumps(List.of(1L)))).isInstanceOf(ArrayList.class);
        assertThat(Marshal.loads(Marshal.dumps(Set.of(1L)))).isInstanceOf(LinkedHashSet.class);
        assertThat(Marshal.loads(Marshal.dumps(PyFrozenSet.of(1L)))).isInstanceOf(PyFrozenSet.class);
    }

    /** test_exact_type_match: what Python's marshal refuses (OrderedDict, other objects) is refused. */
    @Test
    void unmarshallableObjects() {
        for (Object v : List.of(new Object(), 'c', new Object[0], Optional.empty(), new PyOrderedDict(),
                List.of(1L, new StringBuilder()), Map.of("k", Set.of(new Object())))) {
            assertThatThrownBy(() -> Marshal.dumps(v)).as("%s", v).isExactlyInstanceOf(ValueError.class)
                    .hasMessage("unmarshallable object");
        }
    }

    /** Java-only (no CPython test): a map or set keyed by a list, which no Python dict or set can be, is refused with Python's TypeError. */
    @Test
    void unhashableKeysAreRefused() {
        assertThatThrownBy(() -> Marshal.dumps(Map.of(List.of(1L), 2L))).isExactlyInstanceOf(TypeError.class)
                .hasMessage("unhashable type: 'list'");
        assertThatThrownBy(() -> Marshal.dumps(Set.of(PyTuple.of(1L, Map.of())), 2)).isExactlyInstanceOf(TypeError.class)
                .hasMessage("unhashable type: 'dict'");
        assertThat(Marshal.loads(Marshal.dumps(Map.of(PyTuple.of(1L, "a"), 2L)))).isEqualTo(Map.of(PyTuple.of(1L, "a"), 2L));
    }

    /** test_deterministic_sets: equal sets give equal bytes at every version, whatever their order. */
    @Test
    void setsAreWrittenInCPythonsSortedOrder() {
        List<Object> items = List.of("b", "a", 3L, 2.5, PyTuple.of(1L), new byte[] {1}, -7L, BigInteger.TEN.pow(30));
        List<Object> reversed = new ArrayList<>(items);
        Collections.reverse(reversed);
        for (int version = 0; version <= 4; version++) {
            byte[] a = Marshal.dumps(new LinkedHashSet<>(items), version);
            assertThat(Marshal.dumps(new LinkedHashSet<>(reversed), version)).isEqualTo(a);
            assertThat(Marshal.dumps(new HashSet<>(items), version)).isEqualTo(a);
            assertThat(Marshal.dumps(PyFrozenSet.copyOf(reversed), version)).isEqualTo(Marshal.dumps(PyFrozenSet.copyOf(items), version));
        }
    }

    /** InstancingTestCase: from version 3 a shared object stays one object; below it becomes copies. */
    @Test
    void sharedReferences() {
        List<Object> shared = new ArrayList<>(List.of("x", 2L));
        PyTuple t = PyTuple.of(shared, shared, PyTuple.of(shared));
        for (int version = 3; version <= 4; version++) {
            PyTuple back = (PyTuple) Marshal.loads(Marshal.dumps(t, version));
            assertThat(back.get(1)).isSameAs(back.get(0));
            assertThat(((PyTuple) back.get(2)).get(0)).isSameAs(back.get(0));
        }
        PyTuple copies = (PyTuple) Marshal.loads(Marshal.dumps(t, 2));
        assertThat(copies.get(1)).isEqualTo(copies.get(0)).isNotSameAs(copies.get(0));
        // both lists flagged (0x80 on '['), the second a reference to index 1; the short str and the int unflagged
        assertThat(hex(Marshal.dumps(List.of(shared, shared), 4)))
                .isEqualTo("db02000000" + "db02000000" + "7a0178" + "6902000000" + "7201000000");
    }

    /**
     * InstancingTestCase testSet, testFrozenSet, testDict: a set, a frozenset and a dict met twice are one
     * object after loading from version 3 (a reference), and equal copies at version 2.
     */
    @Test
    void sharedSetsFrozenSetsAndDicts() {
        Set<Object> set = new LinkedHashSet<>(List.of(1L, "two"));
        PyFrozenSet frozen = PyFrozenSet.copyOf(List.of(3L, 4.5));
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("k", List.of(1L));
        for (Object shared : List.of(set, frozen, dict)) {
            PyTuple t = PyTuple.of(shared, shared);
            for (int version = 3; version <= 4; version++) {
                PyTuple back = (PyTuple) Marshal.loads(Marshal.dumps(t, version));
                assertThat(back.get(0)).as("%s at version %d", shared, version).isEqualTo(shared);
                assertThat(back.get(1)).as("%s at version %d", shared, version).isSameAs(back.get(0));
            }
            PyTuple copies = (PyTuple) Marshal.loads(Marshal.dumps(t, 2));
            assertThat(copies.get(1)).isEqualTo(copies.get(0)).isEqualTo(shared).isNotSameAs(copies.get(0));
        }
    }

    /** InstancingTestCase's recursive samples: a list holding itself is too deep below version 3 (as CPython), a reference from 3 on. */
    @Test
    void recursiveListNeedsVersionThree() {
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertThatThrownBy(() -> Marshal.dumps(self, 2)).isExactlyInstanceOf(ValueError.class)
                .hasMessage("object too deeply nested to marshal");
        List<?> back = (List<?>) Marshal.loads(Marshal.dumps(self, 3));
        assertThat(back.get(0)).isSameAs(back);
    }

    /** test_recursion_limit on a 256 KiB thread stack: 2000 levels work both ways, 2001 do not, and never a StackOverflowError. */
    @Test
    void twoThousandLevelsOnASmallStack() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                List<Object> head = new ArrayList<>();
                List<Object> last = head;
                for (int i = 0; i < 1999; i++) {
                    List<Object> next = new ArrayList<>();
                    last.add(next);
                    last = next;
                }
                for (int version = 0; version <= 4; version++) {
                    Object back = Marshal.loads(Marshal.dumps(head, version));
                    assertThat(back).isInstanceOf(List.class);
                }
                last.add(new ArrayList<>());
                assertThatThrownBy(() -> Marshal.dumps(head, 4)).isExactlyInstanceOf(ValueError.class)
                        .hasMessage("object too deeply nested to marshal");
                Set<Object> sets = new LinkedHashSet<>();
                Object inner = PyFrozenSet.of(1L, 2L);
                for (int i = 0; i < 1997; i++) {  // set > 1997 frozensets > frozenset({1, 2}) > 1: 2000 levels
                    inner = PyFrozenSet.of(inner, (long) i);
                }
                sets.add(inner);
                assertThat(PyValues.same(Marshal.loads(Marshal.dumps(sets, 2)), sets)).isTrue();  // equals() would recurse here
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError("on the small stack", failure.get());
        }
    }

    /** test_multiple_dumps_and_loads: load reads exactly one object, so interleaved bytes survive. */
    @Test
    void streamsReadExactlyOneObject() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object first = PyTuple.of(1L, "abc", new byte[] {'d'}, 1.0, PyTuple.of(2L, "a", List.of("b")));
        Marshal.dump(first, out, 2);
        out.write("0123".getBytes(StandardCharsets.US_ASCII));
        Marshal.dump(List.of(2.5), out, 4);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertThat(PyValues.same(Marshal.load(in), Marshal.loads(Marshal.dumps(first)))).isTrue();
        assertThat(in.readNBytes(4)).isEqualTo("0123".getBytes(StandardCharsets.US_ASCII));
        assertThat(Marshal.load(in)).isEqualTo(List.of(2.5));
        assertThat(in.available()).isZero();
    }

    /** test_version_argument: any int is a version, as in CPython (negative = 0, above 4 = 4). */
    @Test
    void anyVersionNumber() {
        assertThat(hex(Marshal.dumps(1.5, -1))).isEqualTo("66" + "03" + hex("1.5".getBytes(StandardCharsets.US_ASCII)));
        assertThat(hex(Marshal.dumps(new byte[] {'x', 'x', 'x'}, 99))).isEqualTo("f303000000787878");
        assertThat(Marshal.VERSION).isEqualTo(4);
        assertThat(Marshal.dumps("a")).isEqualTo(Marshal.dumps("a", 4));
    }

    /** test_large_marshal and LargeValuesTestCase (scaled down): big strings, bytes and containers. */
    @Test
    void largeValues() {
        String big = "abc".repeat(1_000_000);
        assertThat(Marshal.loads(Marshal.dumps(big))).isEqualTo(big);
        String wide = "é\ud800".repeat(100_000);
        assertThat(Marshal.loads(Marshal.dumps(wide, 2))).isEqualTo(wide);
        List<Object> many = new ArrayList<>();
        for (long i = 0; i < 200_000; i++) {
            many.add(i * 1_000_003);
        }
        assertThat(Marshal.loads(Marshal.dumps(many, 3))).isEqualTo(many);
    }

    /** Java-only (no CPython test): the exception classes are Python's, under one sealed Java root. */
    @Test
    void exceptionHierarchy() {
        assertThat(new UnicodeDecodeError("x")).isInstanceOf(ValueError.class).isInstanceOf(MarshalError.class);
        for (MarshalError e : List.of(new ValueError("v"), new EOFError("e"), new TypeError("t"), new SystemError("s"))) {
            assertThat(e).isInstanceOf(RuntimeException.class).hasNoCause();
        }
    }
}
