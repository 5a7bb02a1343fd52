package org.sqlite3j.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyTuple;

/**
 * The version-3+ reference rule of {@code MarshalWriter} (its class comment): containers, bytes and big
 * immutables keep their identity, smaller immutables are written in full, and the watching pass
 * flags nothing that is not repeated. The sharing is checked where it matters, in a live CPython 3.13
 * loading our bytes (skipped without it). Covers test_marshal's {@code InstancingTestCase.helper3}
 * (testList, testDict, testSet, testFrozenSet, testRecursion: the same instances after loading; for
 * testInt, testFloat and short testStr, a documented difference: equal values, not one instance) and
 * {@code BugsTestCase.test_large_marshal} (a big value written once however often it is met).
 */
class ReferenceRuleTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static List<Object> listOf(Object... items) {
        List<Object> l = new ArrayList<>();
        Collections.addAll(l, items);
        return l;
    }

    /** No container repeats: nothing is flagged, as CPython writes objects only one reference holds. */
    @Test
    void unrepeatedValuesAreWrittenUnflagged() {
        Object value = listOf(listOf(1L), listOf(2L), "ab", 2.5, PyTuple.of(PyTuple.EMPTY, PyTuple.EMPTY));
        assertThat(hex(Marshal.dumps(value, 4))).isEqualTo("5b05000000" + "5b01000000" + "6901000000"
                + "5b01000000" + "6902000000" + "7a026162" + "67" + "0000000000000440" + "2902" + "2900" + "2900");
        assertThat(hex(Marshal.dumps(value, 3))).startsWith("5b05000000" + "5b01000000").contains("7502000000" + "6162");
    }

    /**
     * helper3's testInt, testFloat and a short testStr (a documented difference): written in full at each
     * occurrence, loaded as equal values.
     */
    @Test
    void smallImmutablesAreWrittenInFullEachTime() {
        String s = "abcde".repeat(3);
        Long big = 123321L;
        PyTuple t = PyTuple.of(s, s, big, big, 1.2345, 1.2345);
        byte[] data = Marshal.dumps(t, 4);
        assertThat(hex(data)).isEqualTo("2906" + "7a0f" + hex(s.getBytes()) + "7a0f" + hex(s.getBytes())
                + "69b9e10100" + "69b9e10100" + "678d976e1283c0f33f" + "678d976e1283c0f33f");
        assertThat(Marshal.loads(data)).isEqualTo(t);
        String justBelow = "y".repeat(MarshalWriter.SHARED_STR_CHARS - 1);
        assertThat(Marshal.dumps(Collections.nCopies(100, justBelow), 4)).hasSize(5 + 100 * (2 + justBelow.length()));
    }

    /**
     * test_large_marshal, repeated: [s] * 1000 of a 1 MiB str (and bytes) is about 1 MiB, and one object
     * after loading, in Java and in CPython.
     */
    @Test
    void aRepeatedBigValueIsWrittenOnce() throws Exception {
        String s = "x".repeat(1 << 20);
        byte[] b = new byte[1 << 20];
        List<Object> value = List.of(Collections.nCopies(1000, s), Collections.nCopies(1000, b));
        byte[] data = Marshal.dumps(value, 4);
        assertThat(data.length).isLessThan(2 * (1 << 20) + 2 * 1000 * 5 + 64);
        List<?> back = (List<?>) Marshal.loads(data);
        for (Object part : back) {
            List<?> items = (List<?>) part;
            assertThat(items).hasSize(1000);
            assertThat(items).allSatisfy(x -> assertThat(x).isSameAs(items.get(0)));
        }
        assertThat(((List<?>) back.get(0)).get(0)).isEqualTo(s);
        PythonProcess.require();
        String program = """
                import marshal, sys
                v = marshal.loads(bytes.fromhex(sys.stdin.read()))
                ok = [len(p) == 1000 and all(x is p[0] for x in p) for p in v]
                print(ok, v[0][0] == 'x' * (1 << 20), v[1][0] == bytes(1 << 20))
                """;
        assertThat(PythonProcess.run(program, hex(data)).strip()).isEqualTo("[True, True] True True");
    }

    /**
     * helper3's testList, testDict, testSet, testFrozenSet, loaded by CPython: a container met again is
     * the same object there.
     */
    @Test
    void sharedContainersStaySharedInCPython() throws Exception {
        PythonProcess.require();
        List<Object> list = listOf(1L, "a");
        Map<Object, Object> dict = new LinkedHashMap<>(Map.of("k", 2.5));
        Set<Object> set = new LinkedHashSet<>(List.of(3L));
        PyFrozenSet frozen = PyFrozenSet.of("f", 4L);
        Map<Object, Object> holder = new LinkedHashMap<>();
        holder.put("list", list);
        holder.put("frozen", frozen);
        Object value = listOf(list, list, dict, dict, set, set, frozen, holder, PyTuple.of(list, dict));
        StringBuilder in = new StringBuilder();
        for (int version = 3; version <= 4; version++) {
            in.append(hex(Marshal.dumps(value, version))).append('\n');
        }
        String program = """
                import marshal, sys
                for line in sys.stdin.read().split():
                    v = marshal.loads(bytes.fromhex(line))
                    print(v[0] is v[1] is v[7]['list'] is v[8][0], v[2] is v[3] is v[8][1], v[4] is v[5],
                          v[6] is v[7]['frozen'], v[0] == [1, 'a'] and v[2] == {'k': 2.5} and v[4] == {3}
                          and v[6] == frozenset({'f', 4}))
                """;
        assertThat(PythonProcess.run(program, in.toString()).strip().split("\n"))
                .containsExactly("True True True True True", "True True True True True");
    }

    /** testRecursion, loaded by CPython: a list or dict that holds itself, directly or through another, is itself there. */
    @Test
    void cyclesLoadInCPython() throws Exception {
        PythonProcess.require();
        List<Object> self = new ArrayList<>();
        self.add(1.2345);
        self.add(self);
        Map<Object, Object> d = new LinkedHashMap<>();
        d.put("hello", 1.2345);
        d.put("self", d);
        List<Object> outer = new ArrayList<>();
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("up", outer);
        outer.add(inner);
        StringBuilder in = new StringBuilder();
        for (int version = 3; version <= 4; version++) {
            in.append(hex(Marshal.dumps(List.of(self, d, outer), version))).append('\n');
            List<?> back = (List<?>) Marshal.loads(Marshal.dumps(self, version));
            assertThat(back.get(1)).isSameAs(back);
        }
        String program = """
                import marshal, sys
                for line in sys.stdin.read().split():
                    l, d, o = marshal.loads(bytes.fromhex(line))
                    print(l[1] is l and l[0] == 1.2345, d['self'] is d, o[0]['up'] is o)
                """;
        assertThat(PythonProcess.run(program, in.toString()).strip().split("\n"))
                .containsExactly("True True True", "True True True");
    }

    /**
     * Java-only (no CPython test): a repeat found late, past the watching pass's first check, still makes
     * the first occurrence flagged and the later one a reference; nothing was flagged before it was seen.
     */
    @Test
    void aLateRepeatIsStillFound() {
        List<Object> first = listOf(0L);
        List<Object> value = new ArrayList<>();
        value.add(first);
        for (long i = 1; i < 3 * MarshalWriter.FIRST_CHECK; i++) {
            value.add(listOf(i));
        }
        value.add(first);
        List<?> back = (List<?>) Marshal.loads(Marshal.dumps(value, 4));
        assertThat(back).hasSize(value.size());
        assertThat(back.get(back.size() - 1)).isSameAs(back.get(0)).isEqualTo(List.of(0L));
        assertThat(back.get(1)).isNotSameAs(back.get(2)).isEqualTo(List.of(1L));
    }

    /**
     * Java-only: many containers, none repeated (the false suspects of the watching pass's bitmap must not
     * count as repeats): every container is written unflagged, so the bytes are exactly the plain form.
     */
    @Test
    void manyUnrepeatedContainersStayUnflagged() {
        int n = 200_000;
        List<Object> value = new ArrayList<>(n);
        StringBuilder expected = new StringBuilder("5b").append(hex(le(n)));
        for (int i = 0; i < n; i++) {
            value.add(listOf((long) i));
            expected.append("5b01000000").append("69").append(hex(le(i)));
        }
        assertThat(hex(Marshal.dumps(value, 4))).isEqualTo(expected.toString());
    }

    private static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /**
     * Java-only: repeats cannot blow the watching pass up before it sees them: a chain of lists each
     * holding the next twice (2^40 paths) and a 100,000-item list met 1,000 times are written at their
     * size with references, quickly, and load with the same sharing.
     */
    @Test
    void repeatsCannotBlowUpTheWatchingPass() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<Object> chain = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                chain = listOf(chain, chain);
            }
            byte[] data = Marshal.dumps(chain, 4);
            assertThat(data.length).isLessThan(41 * 15);
            List<?> back = (List<?>) Marshal.loads(data);
            assertThat(back.get(1)).isSameAs(back.get(0));

            List<Object> big = new ArrayList<>();
            for (long i = 0; i < 100_000; i++) {
                big.add(i);
            }
            byte[] many = Marshal.dumps(Collections.nCopies(1000, big), 4);
            assertThat(many.length).isLessThan(100_000 * 5 + 1000 * 5 + 64);
            List<?> loaded = (List<?>) Marshal.loads(many);
            assertThat(loaded.get(999)).isSameAs(loaded.get(0)).isEqualTo(big);
        });
    }
}
