package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlite3j.pickle.Outcomes.call;
import static org.sqlite3j.pickle.Outcomes.line;
import static org.sqlite3j.pickle.Outcomes.loads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: a million digits on every path from text to a number (the paths of {@link NumberTextTest})
 * take well under a second each (a quadratic parse took 11.8 s), and give CPython 3.13's value or
 * exception. Kept apart from the small tables: the mutation profile leaves these slow cases out.
 * Covers CPython's test_int IntStrDigitLimitsTests for the paths pickle reaches.
 */
class MillionDigitsTest {
    private static final int MILLION = 1_000_000;
    /** The bound per call: "well under a second" with room for a loaded machine. */
    private static final long BOUND_MILLIS = 2_000;

    private static String digits(String alphabet, int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** The million-digit cases: one per path, and per base kind (limited, power of two). */
    static List<Outcomes.Case> millionDigitCases() {
        String nines = "9".repeat(MILLION);
        String decimal = digits("0123456789", MILLION, 1);
        String hex = digits("0123456789abcdefABCDEF", MILLION, 2);
        List<Outcomes.Case> cases = new ArrayList<>();
        // builtins.int through REDUCE: the issue's pickle, then every form int() takes
        cases.add(loads(line('c', "builtins", "int\n(S'" + nines + "'\ntR.")));
        cases.add(loads(call("builtins", "int", nines)));
        cases.add(loads(call("builtins", "int", decimal, 10L)));
        cases.add(loads(call("builtins", "int", nines.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        cases.add(loads(call("builtins", "int", nines + "x")));
        cases.add(loads(call("builtins", "int", "z".repeat(MILLION), 36L)));
        cases.add(loads(call("builtins", "int", hex, 16L)));
        cases.add(loads(call("builtins", "int", digits("01", MILLION, 3), 2L)));
        cases.add(loads(call("builtins", "int", digits("01234567", MILLION, 4), 8L)));
        cases.add(loads(call("builtins", "int", digits("0123456789abcdefghijklmnopqrstuv", MILLION, 5), 32L)));
        cases.add(loads(call("builtins", "int", "0x" + hex, 0L)));
        cases.add(loads(call("builtins", "int", "1_".repeat(MILLION / 2) + "1", 16L)));
        // decimal.Decimal: no digit limit in CPython, so built here in sub-quadratic time
        cases.add(loads(line('c', "decimal", "Decimal\n(S'" + nines + "'\ntR.")));
        cases.add(loads(call("decimal", "Decimal", "-" + decimal.substring(0, MILLION / 2) + "." + decimal.substring(MILLION / 2)
                + "E-12345")));
        cases.add(loads(call("decimal", "Decimal", "0".repeat(MILLION) + "1")));
        cases.add(loads(call("decimal", "Decimal", nines + "x")));
        cases.add(loads(call("decimal", "Decimal", "1e" + nines)));
        // float and complex
        cases.add(loads(call("builtins", "float", nines)));
        cases.add(loads(call("builtins", "float", "0." + decimal)));
        cases.add(loads(call("builtins", "float", nines + "x")));
        cases.add(loads(call("builtins", "float", "1e-" + nines)));
        cases.add(loads(call("builtins", "float", nines.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        cases.add(loads(call("builtins", "complex", nines + "j")));
        cases.add(loads(call("builtins", "complex", "1-0." + decimal + "j")));
        // the protocol-0 opcodes
        cases.add(loads(line('I', nines, ".")));
        cases.add(loads(line('I', "0x" + hex, ".")));
        cases.add(loads(line('L', nines + "L", ".")));
        cases.add(loads(line('L', "-0X" + hex + "L", ".")));
        cases.add(loads(line('F', nines, ".")));
        cases.add(loads(line('F', "0." + decimal, ".")));
        cases.add(loads(line('F', "1e" + nines, ".")));
        cases.add(loads(("N" + new String(line('p', nines, "."), java.nio.charset.StandardCharsets.ISO_8859_1))
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        cases.add(loads(line('g', nines, ".")));
        // pickletools
        cases.add(Outcomes.dis(line('I', nines, ".")));
        cases.add(Outcomes.dis(line('L', nines + "L", ".")));
        cases.add(Outcomes.dis(line('F', nines, ".")));
        return cases;
    }

    @Test // the issue's figures: 11.8 s for int(), 11.4 s for Decimal; each path now well under a second
    void aMillionDigitsTakeWellUnderASecondOnEveryPath() {
        // CPU time of this thread: the machine's other load cannot stretch it, a quadratic parse still would
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (Outcomes.Case c : millionDigitCases()) {
            long start = cpu.getCurrentThreadCpuTime();
            try {
                if (c.kind().equals("dis")) {
                    PickleTools.dis(c.data());
                } else {
                    Pickle.loads(c.data());
                }
            } catch (UnpicklingError | IllegalArgumentException refused) {
                // refused as CPython refuses it: what matters here is how long it took
            }
            long millis = (cpu.getCurrentThreadCpuTime() - start) / 1_000_000;
            assertThat(millis).as("%s", c).isLessThan(BOUND_MILLIS);
        }
    }

    @Test
    void aMillionDigitsGiveCPythonsResultOrException() throws Exception {
        List<Outcomes.Case> cases = millionDigitCases();
        List<String> expected = Outcomes.expected("numbers-million", cases);
        assertThat(expected).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            assertThat(Outcomes.java(cases.get(i))).as("%s", cases.get(i)).isEqualTo(expected.get(i));
        }
    }

    @Test // the limit's message and class: ValueError, "value has N digits", nothing computed
    void theIssuesPickleIsCPythonsValueError() {
        String nines = "9".repeat(MILLION);
        assertThat(Outcomes.java(loads(line('c', "builtins", "int\n(S'" + nines + "'\ntR."))))
                .isEqualTo(Outcomes.err("IllegalArgumentException", "Exceeds the limit (4300 digits) for integer string"
                        + " conversion: value has 1000000 digits; use sys.set_int_max_str_digits() to increase the limit"));
    }
}
