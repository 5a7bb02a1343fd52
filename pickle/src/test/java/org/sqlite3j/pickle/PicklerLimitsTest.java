package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The Pickler's own limits and checks, each found unpinned by mutation testing: {@link Pickler#maxDepth}
 * at its exact edge, the text persistent id of protocol 0, and the argument check of a NEWOBJ_EX
 * reduction at every protocol, and the batches of 1,000 list and dict items of a reduction (a stub's or
 * an OrderedDict's), a LinkedList and a tuple that contains itself through a list, dumped byte for byte
 * as CPython 3.13 dumps a deque, an OrderedDict, a list and such a tuple.
 */
class PicklerLimitsTest {
    private static List<Object> nested(int depth) {
        List<Object> l = new ArrayList<>();
        for (int i = 1; i < depth; i++) {
            List<Object> outer = new ArrayList<>();
            outer.add(l);
            l = outer;
        }
        return l;
    }

    private static byte[] dump(Pickler p, Object value, ByteArrayOutputStream out) {
        p.dump(value);
        return out.toByteArray();
    }

    @Test // maxDepth(n): n nested containers are written, n + 1 are refused
    void maxDepthAllowsExactlyThatManyNestedContainers() {
        for (int max : new int[] {1, 2, 5}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] written = dump(new Pickler(out, 2).maxDepth(max), nested(max), out);
            assertThat(Pickle.loads(written)).isEqualTo(nested(max));
            assertThatThrownBy(() -> new Pickler(new ByteArrayOutputStream(), 2).maxDepth(max).dump(nested(max + 1)))
                    .isInstanceOf(PicklingError.class)
                    .hasMessage("maximum recursion depth exceeded while pickling an object (maxDepth " + max + ")");
        }
        // the depth is of nesting, not of the number of containers: many siblings at depth 2 are fine
        List<Object> wide = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            wide.add(new ArrayList<>());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Pickle.loads(dump(new Pickler(out, 2).maxDepth(2), wide, out))).isEqualTo(wide);
    }

    /**
     * Protocol 0 writes a persistent id as a text line: CPython 3.13 writes {@code P\x7f\n} for '\x7f' and
     * refuses '\x80' ("persistent IDs in protocol 0 must be ASCII strings"). A newline, which CPython
     * writes as it is (a pickle that then reads as a different id and a broken stream), is refused here.
     */
    @Test
    void protocol0PersistentIdsAreAsciiLinesWithoutANewline() {
        java.util.function.Function<Object, Object> pid = o -> o instanceof String s && s.startsWith("x") ? s.substring(1) : null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pickler(out, 0).persistentId(pid).dump(new ArrayList<>(List.of("x\u007f")));
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1)).isEqualTo("(lp0\nP\u007f\na.");
        for (String refused : List.of("x\u0080", "xa\nb", "x\u00ff", "x\u20ac")) {
            assertThatThrownBy(() -> new Pickler(new ByteArrayOutputStream(), 0).persistentId(pid)
                    .dump(new ArrayList<>(List.of(refused))))
                    .as(refused).isInstanceOf(PicklingError.class).hasMessage("persistent IDs in protocol 0 must be ASCII strings");
        }
    }

    private static final class Thing {
    }

    @Test // a NEWOBJ_EX reduction needs (cls, args tuple, kwargs dict) at every protocol that writes it
    void newObjExReductionsWithBadArgumentsAreRefusedAtEveryProtocol() {
        PyGlobal cls = new PyGlobal("m", "C");
        List<PyTuple> bad = List.of(PyTuple.of(cls, "not a tuple", Map.of()), PyTuple.of(cls, PyTuple.EMPTY, "not a dict"),
                PyTuple.of(cls, PyTuple.EMPTY), PyTuple.of(cls, PyTuple.EMPTY, Map.of(), Map.of()));
        for (PyTuple args : bad) {
            for (int p = 2; p <= 5; p++) {
                Pickler pickler = new Pickler(new ByteArrayOutputStream(), p)
                        .reducerOverride((o, proto) -> o instanceof Thing ? new Reduction(Reduction.NEWOBJ_EX, args) : null);
                assertThatThrownBy(() -> pickler.dump(new Thing())).as("%s at protocol %d", args, p)
                        .isInstanceOf(PicklingError.class).hasMessage("__newobj_ex__ args must be (cls, args, kwargs)");
            }
        }
    }

    private static PyObject deque(int n) {
        PyObject d = PyObject.of(PyObject.Kind.REDUCE, new PyGlobal("collections", "deque"), PyTuple.EMPTY);
        for (long i = 0; i < n; i++) {
            d.listItems().add(i);
        }
        return d;
    }

    private static PyOrderedDict orderedDict(int n) {
        PyOrderedDict d = new PyOrderedDict();
        for (long i = 0; i < n; i++) {
            d.put(i, i);
        }
        return d;
    }

    private static PyTuple recursiveTuple(int n) {
        List<Object> l = new ArrayList<>();
        Object[] items = new Object[n];
        items[0] = l;
        for (int i = 1; i < n; i++) {
            items[i] = (long) i;
        }
        PyTuple t = PyTuple.of(items);
        l.add(t);
        return t;
    }

    @Test // a Java Float is written as the double it holds (Python has one float type)
    void floatsAreWrittenAsTheirDouble() {
        for (int p = 0; p <= 5; p++) {
            assertThat(Pickle.dumps(1.5f, p)).as("protocol %d", p).isEqualTo(Pickle.dumps(1.5d, p));
            assertThat(Pickle.dumps(0.1f, p)).as("protocol %d", p).isEqualTo(Pickle.dumps((double) 0.1f, p));
        }
    }

    @Test // CPython's batch_appends / batch_setitems for a reduction's items: APPEND for one, APPENDS per 1,000
    void reductionItemsAreWrittenInBatchesOfAThousandAsCPythonWritesThem() throws Exception {
        Map<String, Supplier<Object>> values = new java.util.LinkedHashMap<>();
        for (int n : new int[] {1, 2, 1000, 1001, 2001}) {
            values.put("collections.deque(range(" + n + "))", () -> deque(n));
            values.put("collections.OrderedDict((i, i) for i in range(" + n + "))", () -> orderedDict(n));
        }
        // a list that is no RandomAccess (LinkedList) is written as CPython writes the same list
        for (int n : new int[] {0, 1, 2, 1001, 2001}) {
            values.put("list(range(" + n + "))", () -> {
                java.util.LinkedList<Object> l = new java.util.LinkedList<>();
                for (long i = 0; i < n; i++) {
                    l.add(i);
                }
                return l;
            });
        }
        // a tuple found in the memo once its items are written (through a list that holds it): POP or
        // POP_MARK, then the GET, for short tuples and for MARK ... TUPLE
        values.put("(lambda l: (l.append((l,)), l[0])[1])([])", () -> recursiveTuple(1));
        values.put("(lambda l: (l.append((l, 1, 2, 3)), l[0])[1])([])", () -> recursiveTuple(4));
        List<Outcomes.Case> cases = new ArrayList<>();
        values.keySet().forEach(python -> cases.add(Outcomes.dumps(python)));
        List<String> expected = Outcomes.expected("pickler-limits", cases);
        List<String> mismatches = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Supplier<Object>> e : values.entrySet()) {
            String actual = Outcomes.dumpsOutcome(e.getValue().get());
            if (!actual.equals(expected.get(i++))) {
                mismatches.add(e.getKey() + "\n    CPython: " + expected.get(i - 1) + "\n    Java:    " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
