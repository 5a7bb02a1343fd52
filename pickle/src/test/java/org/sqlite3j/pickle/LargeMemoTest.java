package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A pickle whose memo outgrows the small table: 70,000 records, about 300,000 memo entries, so the
 * Pickler's table is rehashed many times, passes the size from which lists prefetch ahead, and writes
 * LONG_BINPUT/LONG_BINGET past index 65,535 below protocol 4. Equal-valued globals in between take memo
 * indices without table slots. Output must stay byte-identical to CPython 3.13's C pickler (digests
 * below, generated once by it; {@link #theCommittedDigestsAreCPythonsOwn} regenerates them live) and
 * load back with the same sharing.
 *
 * <p>Covers, at scale, what CPython's {@code test.pickletester} checks on small values in
 * {@code AbstractPickleTests.test_recursive_*}/{@code test_misc} (shared references) and
 * {@code test_long_binget}-style memo indices.
 */
class LargeMemoTest {
    private static final int N = 70_000;
    private static final PyGlobal LEN = new PyGlobal("builtins", "len");

    /** {@code pickle.dumps(data, p)} of {@link #PYTHON} by CPython 3.13.0: protocol, length, SHA-256. */
    private static final String[] CPYTHON = {
        "0 6647559 770ed5b3a13397088e5551d514d9a01931c54f3529d8d48eee548ae7f17ad159",
        "1 5107113 095088a0ef036f92018fc01fb2a4d33cb18754d08af727029d8ef196ea9d273a",
        "2 5107115 9f486d8f7de050656df55f6b4a5cb9712cad73cf02070e1bd31776917418157b",
        "3 5107112 47cd4d89815ca8e39c8ef20ffa62d79daa215f4e712c070d4fb8e00bf67408f3",
        "4 3568325 4516418f6929ed8b137867a2586b1d79d5dcba5ceeb4bfb9f6f6a900d36cd43b",
        "5 3568325 94c343f2db1ac94d47545b3c6e36493ceebc025a7164de5aa365b1b7c037f30c",
    };

    private static final String PYTHON = String.join("\n",
            "import hashlib, pickle",
            "n = " + N,
            "recs = [{'id': i, 'name': f'name-{i}', 'score': i * 0.25, 'tags': [f't{i % 10}', 'x'],",
            "         'f': len if i % 1000 == 0 else None} for i in range(n)]",
            "data = [recs, recs[5], recs[n - 1000]['tags'], 'x']",
            "for p in range(6):",
            "    b = pickle.dumps(data, p)",
            "    print(p, len(b), hashlib.sha256(b).hexdigest())",
            "");

    /** The same graph: literal keys and 'x' shared (interned in Python), the other strings new, len a global. */
    private static List<Object> data() {
        List<Object> recs = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", (long) i);
            d.put("name", "name-" + i);
            d.put("score", i * 0.25);
            List<Object> tags = new ArrayList<>();
            tags.add("t" + (i % 10));
            tags.add("x");
            d.put("tags", tags);
            // an equal but new PyGlobal each time: found in the memo by equality, as CPython finds len by identity
            d.put("f", i % 1000 == 0 ? new PyGlobal(LEN.module(), LEN.name()) : null);
            recs.add(d);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) recs.get(N - 1000);
        return new ArrayList<>(List.of(recs, recs.get(5), last.get("tags"), "x"));
    }

    @Test
    void aLargeMemoWritesCPythonsBytesAtEveryProtocol() throws Exception {
        assertThat(CPython.digests(data(), 0, 5)).containsExactly(CPYTHON);
    }

    @Test
    void theCommittedDigestsAreCPythonsOwn() throws Exception {
        assertThat(CPython.runProgram(PYTHON)).containsExactly(CPYTHON);
    }

    @Test
    void aLargeMemoLoadsBackWithItsSharingAndNoMergingOfEqualObjects() {
        Globals allowLen = Globals.builtins().toBuilder().allow("builtins", "len").build();
        for (int p : new int[] {2, 5}) {
            List<?> loaded = (List<?>) Pickle.loads(Pickle.dumps(data(), p), allowLen);
            List<?> recs = (List<?>) loaded.get(0);
            assertThat(recs).hasSize(N);
            assertThat(loaded.get(1)).isSameAs(recs.get(5));
            Map<?, ?> late = (Map<?, ?>) recs.get(N - 1000);
            assertThat(loaded.get(2)).isSameAs(late.get("tags"));
            Map<?, ?> r7 = (Map<?, ?>) recs.get(7);
            Map<?, ?> r17 = (Map<?, ?>) recs.get(17);
            Object t7 = ((List<?>) r7.get("tags")).get(0);
            Object t17 = ((List<?>) r17.get("tags")).get(0);
            assertThat(t7).isEqualTo("t7").isEqualTo(t17).isNotSameAs(t17); // equal, written twice, two strings
            assertThat(((List<?>) r7.get("tags")).get(1)).isSameAs(((List<?>) r17.get("tags")).get(1)).isSameAs(loaded.get(3));
            assertThat(late.get("name")).isEqualTo("name-" + (N - 1000));
            assertThat(((Map<?, ?>) recs.get(1000)).get("f")).isEqualTo(((Map<?, ?>) recs.get(0)).get("f")).isNotNull();
        }
    }

    /**
     * Globals take memo indices but no table slots (below protocol 4 the names are written inline), so a
     * burst of them pushes the index count past what one step of table growth can encode: the table must
     * grow until every index fits, or a tuple (looked up without a later insert to repair the table) is not
     * found when it comes again. Bursts of 2,000 to 70,000 globals, each followed by a tuple twice. Expected:
     * CPython 3.13's bytes for functions {@code m.f0 ...} of a module made on the fly.
     */
    private static final String[] GLOBALS_FIRST = {
        "1 1458383 3b5d8e8bb38fdf53fa3b0a04f8cc020aacfa4eda31e3acf9f018b06b574aa377",
        "2 1458381 0bf0cc76c6a713af1c12ad8a9e6608403d8aba2b9923fb6de0facc720a2e95fe",
        "3 1458381 490130abdbe074d88992006743d757a57b828aeaa76d6190b96ae7779630e918",
    };
    private static final int[] BURSTS = {2000, 6000, 20000, 70000};

    private static final String GLOBALS_FIRST_PYTHON = String.join("\n",
            "import hashlib, pickle, sys, types",
            "m = types.ModuleType('m'); sys.modules['m'] = m",
            "def g(i):",
            "    def f(): pass",
            "    f.__qualname__ = f.__name__ = f'f{i}'; f.__module__ = 'm'; setattr(m, f'f{i}', f)",
            "    return f",
            "data = []",
            "n = 0",
            "for k, burst in enumerate((2000, 6000, 20000, 70000)):",
            "    data += [g(n + i) for i in range(burst)]",
            "    n += burst",
            "    t = (k,)",
            "    data += [t, t]",
            "for p in (1, 2, 3):",
            "    b = pickle.dumps(data, p)",
            "    print(p, len(b), hashlib.sha256(b).hexdigest())",
            "");

    @Test
    void burstsOfGlobalsLeaveTheMemoConsistent() throws Exception {
        List<Object> data = new ArrayList<>();
        int n = 0;
        for (int k = 0; k < BURSTS.length; k++) {
            for (int i = 0; i < BURSTS[k]; i++) {
                data.add(new PyGlobal("m", "f" + (n + i)));
            }
            n += BURSTS[k];
            PyTuple t = PyTuple.of((long) k);
            data.add(t);
            data.add(t);
        }
        assertThat(CPython.digests(data, 1, 3)).containsExactly(GLOBALS_FIRST);
        List<?> loaded = (List<?>) Pickle.loads(Pickle.dumps(data, 2), Globals.builtins().toBuilder().allowModule("m").build());
        assertThat(loaded.get(2000)).isSameAs(loaded.get(2001)).isEqualTo(PyTuple.of(0L));
        assertThat(loaded.get(loaded.size() - 1)).isSameAs(loaded.get(loaded.size() - 2)).isEqualTo(PyTuple.of(3L));
    }

    @Test
    void theGlobalsFirstDigestsAreCPythonsOwn() throws Exception {
        assertThat(CPython.runProgram(GLOBALS_FIRST_PYTHON)).containsExactly(GLOBALS_FIRST);
    }
}
