package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The Unpickler's behaviours that are the Java side's own or that CPython shows in a form the outcome
 * tables cannot compare, each found unpinned by mutation testing: the stack bound at its exact edge,
 * SETITEMS and APPENDS into an inert stub, {@code fix_imports} by protocol for GLOBAL, STACK_GLOBAL and
 * INST, int()'s base check on the public entry points, and the Decimal values a BigDecimal cannot hold
 * (kept as stubs of their text) next to the ones at the edge of its scale.
 */
class UnpicklerLimitsTest {
    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Object load(int maxStack, String latin1) {
        return new Unpickler(b(latin1)).maxStack(maxStack).load();
    }

    @Test // maxStack bounds the values plus the marks: reaching it is allowed, one more entry is not
    void theStackBoundCountsValuesAndMarksAndAllowsExactlyItsSize() {
        assertThat(load(3, "K\u0001K\u0002K\u0003\u0087.")).isEqualTo(PyTuple.of(1L, 2L, 3L));
        assertThatThrownBy(() -> load(3, "K\u0001K\u0002K\u0003K\u0004."))
                .isInstanceOf(UnpicklingError.class).hasMessage("unpickling stack exceeds the limit of 3 entries");
        assertThat(load(3, "((K\u0001tt.")).isEqualTo(PyTuple.of(PyTuple.of(1L)));
        assertThatThrownBy(() -> load(3, "((K\u0001K\u0002tt."))
                .isInstanceOf(UnpicklingError.class).hasMessage("unpickling stack exceeds the limit of 3 entries");
        assertThat(load(3, "K\u0001(K\u0002t\u0086.")).isEqualTo(PyTuple.of(1L, PyTuple.of(2L)));
        // a MARK is refused at the limit itself (POP would take it off again and leave 2 to load)
        assertThatThrownBy(() -> load(2, "K\u0001K\u0002(0."))
                .isInstanceOf(UnpicklingError.class).hasMessage("unpickling stack exceeds the limit of 2 entries");
    }

    @Test // an inert stub takes SETITEMS and APPENDS into its own items, and the items leave the stack
    void setItemsAndAppendsIntoAStubLeaveOnlyTheStub() {
        Unpickler u = new Unpickler(b("\u0080\u0002c__main__\nC\n)\u0081(K\u0001K\u0002K\u0003K\u0004u.")).stubUnknownGlobals(true);
        Object stub = u.load();
        assertThat(stub).isInstanceOf(PyObject.class);
        assertThat(((PyObject) stub).dictItems()).isEqualTo(Map.of(1L, 2L, 3L, 4L));
        u = new Unpickler(b("\u0080\u0002c__main__\nC\n)\u0081(K\u0001K\u0002e.")).stubUnknownGlobals(true);
        Object listStub = u.load();
        assertThat(listStub).isInstanceOf(PyObject.class);
        assertThat(((PyObject) listStub).listItems()).containsExactly(1L, 2L);
    }

    /**
     * CPython maps Python 2 names below protocol 3 only: {@code __builtin__.set} at PROTO 2 (or with no
     * PROTO) loads {@code set()}, at PROTO 3 or with {@code fix_imports=False} it is ModuleNotFoundError
     * (here the policy's refusal of the unmapped name), for GLOBAL, STACK_GLOBAL and INST alike.
     */
    @Test
    void python2NamesAreMappedBelowProtocol3AndOnlyWithFixImports() {
        String global = "c__builtin__\nset\n)R.";
        String stackGlobal = "\u008c\u000b__builtin__\u008c\u0003set\u0093)R.";
        String inst = "(i__builtin__\nset\n.";
        for (String body : List.of(global, stackGlobal, inst)) {
            assertThat(Pickle.loads(b(body))).as(body).isEqualTo(Set.of());
            assertThat(Pickle.loads(b("\u0080\u0002" + body))).as(body).isEqualTo(Set.of());
            assertThatThrownBy(() -> Pickle.loads(b("\u0080\u0003" + body))).as(body)
                    .isInstanceOf(UnpicklingError.class).hasMessage("global '__builtin__.set' is forbidden");
            assertThatThrownBy(() -> new Unpickler(b("\u0080\u0002" + body)).fixImports(false).load()).as(body)
                    .isInstanceOf(UnpicklingError.class).hasMessage("global '__builtin__.set' is forbidden");
        }
    }

    @Test // CPython: int(b'12', 1) and int('12', 37) are ValueError "int() base must be >= 2 and <= 36, or 0"
    void theParsersRefuseABaseOutsideTwoToThirtySix() {
        for (int base : new int[] {1, -1, 37}) {
            assertThatThrownBy(() -> PyNumbers.parseInt(b("12"), base)).isInstanceOf(NumberFormatException.class)
                    .hasMessage("int() base must be >= 2 and <= 36, or 0");
            assertThatThrownBy(() -> PyNumbers.parseInt("12", base)).isInstanceOf(NumberFormatException.class)
                    .hasMessage("int() base must be >= 2 and <= 36, or 0");
        }
        assertThat(PyNumbers.parseInt(b("z"), 36)).isEqualTo(35L);
        assertThat(PyNumbers.parseInt(b("10"), 2)).isEqualTo(2L);
    }

    private static Object decimal(String text) {
        return Pickle.loads(Outcomes.call("decimal", "Decimal", text));
    }

    /**
     * Valid Decimals a BigDecimal cannot hold load as a stub of their text (CPython 3.13 reads each of
     * these: Decimal('-0'), Decimal('Infinity'), Decimal('NaN'), Decimal('sNaN12'),
     * Decimal('1E+999999999999999999') at the largest adjusted exponent, leading zeros not counted,
     * Decimal('1E-1999999999999999997') at the smallest exponent, Decimal('1E+2147483649')).
     */
    @Test
    void decimalsPastBigDecimalAreStubsOfTheirTextAndTheEdgesOfItsScaleAreValues() {
        for (String text : List.of("-0", "-0.00", " -0", "Infinity", "-inf", "INF", "NaN", "nan", "sNaN12", "-sNaN",
                "1e999999999999999999", "001e999999999999999999", "1e999999999999999998", "1e-1999999999999999997",
                "1e2147483649")) {
            Object v = decimal(text);
            assertThat(v).as(text).isInstanceOf(PyObject.class);
            assertThat(((PyObject) v).callable()).as(text).isEqualTo(new PyGlobal("decimal", "Decimal"));
            assertThat(((PyObject) v).args()).as(text).isEqualTo(PyTuple.of(text));
        }
        assertThat(decimal("1e2147483648")).isEqualTo(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE));
        assertThat(decimal("1e-2147483647")).isEqualTo(new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE));
        assertThat(decimal("0")).isEqualTo(BigDecimal.ZERO);
        assertThat(decimal("+0.0")).isEqualTo(new BigDecimal("0.0"));
        // CPython: these are InvalidOperation (past the largest adjusted exponent, below the smallest exponent)
        for (String text : List.of("2e1000000000000000000", "01e1000000000000000000", "1e-1999999999999999998",
                "12e-1999999999999999998")) {
            assertThatThrownBy(() -> decimal(text)).as(text).isInstanceOf(UnpicklingError.class)
                    .hasMessage("[<class 'decimal.InvalidOperation'>]");
        }
    }

    /** Ints load as Long when they fit 64 bits, as BigInteger beyond, by every opcode that reads one. */
    @Test
    void intsAtTheEdgesOfSixtyFourBitsAreLongsAndPastThemBigIntegers() {
        for (String text : List.of("9223372036854775807", "-9223372036854775808")) {
            long v = Long.parseLong(text);
            assertThat(Pickle.loads(b("L" + text + "L\n."))).as(text).isInstanceOf(Long.class).isEqualTo(v);
            assertThat(Pickle.loads(b("I" + text + "\n."))).as(text).isInstanceOf(Long.class).isEqualTo(v);
            assertThat(PyNumbers.parseInt(text, 10)).as(text).isInstanceOf(Long.class).isEqualTo(v);
        }
        // nine-byte LONG1 payloads (a redundant sign byte) of 2^63 - 1 and -2^63 are still Longs
        assertThat(Pickle.loads(b("\u0080\u0002\u008a\u0009\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u007f\u0000.")))
                .isInstanceOf(Long.class).isEqualTo(Long.MAX_VALUE);
        assertThat(Pickle.loads(b("\u0080\u0002\u008a\u0009\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u00ff.")))
                .isInstanceOf(Long.class).isEqualTo(Long.MIN_VALUE);
        for (String text : List.of("9223372036854775808", "-9223372036854775809")) {
            assertThat(Pickle.loads(b("L" + text + "L\n."))).as(text).isEqualTo(new BigInteger(text));
            assertThat(PyNumbers.parseInt(text, 10)).as(text).isEqualTo(new BigInteger(text));
        }
    }
}
