package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlite3j.pickle.Outcomes.call;
import static org.sqlite3j.pickle.Outcomes.line;
import static org.sqlite3j.pickle.Outcomes.loads;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every path from text to a number: INT, LONG, FLOAT and the PUT/GET indexes of protocol 0,
 * {@code builtins.int}/{@code float}/{@code complex} and {@code decimal.Decimal} called by REDUCE, and
 * pickletools' reading of them: each outcome, value or exception family and message, is CPython
 * 3.13's (a million digits on each path: {@link MillionDigitsTest}).
 * Covers CPython's test_int (IntStrDigitLimitsTests: the 4,300-digit limit, power-of-two bases
 * exempt), test_pickle's test_int/test_long/test_float of protocol 0 and test_decimal's string forms.
 */
class NumberTextTest {
    /** Small cases: the C readers of the opcodes (strtol, PyLong_FromString, PyOS_string_to_double). */
    static List<Outcomes.Case> opcodeCases() {
        List<Outcomes.Case> cases = new ArrayList<>();
        for (String s : new String[] {"010", "0x1F", " 5", "+5", "-0x10", "0b101", "0o17", "08", "1_000", " 12 ", "00", "01",
            "+0", " 1", "-0", "0", "-1", "2", "99999999999999999999", "099999999999999999999", "12\u000034", "\u0000x",
            "99999999999999999999\u0000ab", "abc", "1e5", "0x", "0777", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "0xffffffffffffffff", "9".repeat(4300), "9".repeat(4301),
            "1_", "\u00e9", "0_0", "1__0", "-", "+", " ", "0x0", "0x1_f"}) {
            cases.add(loads(line('I', s, ".")));
        }
        for (String s : new String[] {"010L", "0x1FL", "12", "12L", "abc", "abcL", "1\u00e9L", "L", "1_0L", " 7 L", "0xgL", "0b2L",
            "0o8L", "0x", "0L", "-L", "0_0L", "00L", "1\u00002L", "9".repeat(4301) + "L", "x".repeat(300) + "L",
            "0".repeat(4301), "9".repeat(5000) + "xL", "1".repeat(199) + "\u00c3\u00a9", "\u00c3\u00a9"}) {
            cases.add(loads(line('L', s, ".")));
        }
        for (String s : new String[] {"1.5", " 1.5", "1.5 ", "1_0.5", "inf", "-Infinity", "nan", "-nan", "1e999", "-1e999",
            "1e-400", "abc", "0x10", "1.5x", ".5", "5.", "1e", "1e+", "+.e1", "1.5\u0000zz", "iNfInItY", "infx", "nan(1)",
            "1e999x", "\u00e9", "x".repeat(198) + "\u00c3\u00a9", "-", "4.9e-324", "2.4703282292062328e-324",
            "1.7976931348623157e308", "1.7976931348623159e308", "1" + "0".repeat(400) + ".", "infinit"}) {
            cases.add(loads(line('F', s, ".")));
        }
        for (String s : new String[] {"99999999999999999999", "-1", "1x", " 1 ", "1_0", "0x10", "00", "\u00c3"}) {
            cases.add(loads(("N" + "p" + s + "\n.").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            cases.add(loads(("Np0\ng" + s + "\n.").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        cases.add(loads("I\n."));
        cases.add(loads("L\n."));
        cases.add(loads("F\n."));
        cases.add(loads("Np\n."));
        for (String s : new String[] {"010", "00", "01", "1_0", "-5", " 7 ", "0x10", "abc", "1L"}) {
            cases.add(Outcomes.dis(line('I', s, ".")));
            cases.add(Outcomes.dis(line('L', s, ".")));
        }
        for (String s : new String[] {"1e-05", "1e+16", "1e16", " 1.5 ", "1_0.5", "inf", "nan", "abc", "0.1"}) {
            cases.add(Outcomes.dis(line('F', s, ".")));
        }
        return cases;
    }

    /** Small cases: int(), float(), complex() and Decimal() of str and bytes, called by REDUCE. */
    static List<Outcomes.Case> callCases() {
        List<Outcomes.Case> cases = new ArrayList<>();
        Object[][] intArgs = {{"0xg", 0L}, {"0x_1f", 0L}, {"0x_1f", 16L}, {"0x1f", 16L}, {"0b1", 2L}, {"0o7", 8L}, {"0x1f", 10L},
            {"1__0", 10L}, {"_1", 10L}, {"1_", 10L}, {" 1_0 ", 10L}, {"\u0663", 10L}, {"\u00a012\u2003", 10L},
            {"9".repeat(5000) + " ", 10L}, {"9".repeat(4300) + "_9", 10L}, {"+" + "9".repeat(4301), 10L}, {"12", 1L},
            {"12", 37L}, {"z", 36L}, {"Z".repeat(4301), 36L}, {"-0", 10L}, {"--1", 10L}, {"", 10L}, {" ", 10L}, {"1 2", 10L},
            {"00", 0L}, {"0_0", 0L}, {"01", 0L}, {"0", 0L}, {"+0x10", 0L}, {"0X10", 0L}, {"\u0661\u0662", 16L},
            {"\uff11\uff12", 10L}, {"01" + "0".repeat(4300), 0L}, {"1".repeat(4301) + "_", 10L}, {"0b", 0L}, {"0b_", 0L},
            {"0_b1", 0L}, {"0b__1", 0L}, {"0B1_0", 0L}, {"1_0", 0L}, {"12", -1L}, {"12", Boolean.TRUE}, {"12", Boolean.FALSE},
            {"12", 2.5}, {5L, 10L}, {"\u00851\u001f", 10L}, {"1\u0000", 10L}, {"\ud835\udfd9", 10L},
            {"7".repeat(4301), 8L}, {"1".repeat(4301), 32L}, {"x".repeat(300), 10L}, {"'" + "x".repeat(300), 10L},
            // base 0 with nothing after the sign; letters at the ends of the digit ranges; C-locale spaces \t and \r;
            // a character that is no digit between digits; \x1c-\x1f, which int() does not strip
            {"", 0L}, {"-", 0L}, {"+", 0L}, {"a", 16L}, {"A", 16L}, {"Az", 36L}, {"\t7\r", 10L}, {"1\u00e92", 10L},
            {"\u001c1\u001f", 10L}}; // NOPMD
        for (Object[] a : intArgs) {
            cases.add(loads(call("builtins", "int", a)));
        }
        for (Object a : new Object[] {"12", " 12 ", "0a", "\u00e912".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
            "0a".getBytes(java.nio.charset.StandardCharsets.US_ASCII), " 12 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            "1\u001c".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 3.7, -3.7, 1e300, Double.POSITIVE_INFINITY,
            Double.NaN, Boolean.TRUE, -0.0}) {
            cases.add(loads(call("builtins", "int", a)));
        }
        cases.add(loads(call("builtins", "int")));
        cases.add(loads(call("builtins", "int", "1", 2L, 3L)));
        for (Object a : new Object[] {"1_0.5", "1__0", "_1", "1_", "1_.5", "1._5", "1e1_0", " 1.5 ", "\u00a01.5", "\u0661.\u0665", "inf",
            "+INFINITY", "-nan", "nan", "infinity ", "1e999", "-1e999", "0x10", "1d", "1f", "1e", "", "  ", ".", "1.5e-400",
            "\uff11.\uff15", "in f", "1.5".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            "x".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 5L, Boolean.TRUE, 2.5, "x".repeat(300)}) {
            cases.add(loads(call("builtins", "float", a)));
        }
        cases.add(loads(call("builtins", "float", "1.5", 2L)));
        cases.add(loads(call("builtins", "float")));
        for (String s : new String[] {"1+2j", "(1+2j)", " ( 1+2j ) ", "j", "-j", "1", "1e5j", "inf+nanj", "1_0+2_0j", "1+2",
            "1 + 2j", "()", "2j+1", "+1.5-2.5J", "1+j", "1-j", "(1+2j", "1+2jx", "\u00a0(1+2j)\u00a0", "1ej", "(j)", "+j", "1+",
            "", "  ", "1e1_0j", "1_j", "1e999", "(", ")", "1-", "j1", "1j2"}) {
            cases.add(loads(call("builtins", "complex", s)));
        }
        cases.add(loads(call("builtins", "complex", "1", 2L)));
        cases.add(loads(call("builtins", "complex", 1L, "2")));
        cases.add(loads(call("builtins", "complex", 1L, 2.5)));
        cases.add(loads(call("builtins", "complex", Boolean.TRUE)));
        cases.add(loads(call("builtins", "complex", "1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        for (String s : new String[] {"1.5", " 1.5 ", "1_000.5", "1__0", "_1", "1_", "1e5", "1E+5", "1.", "  .5", "abc", "1e",
            "1.5e1_0", "\uff11.\uff15", "\u00a01", "1e1000000000000000000", "1e9223372036854775807",
            "1e-1999999999999999998", "123e-1999999999999999998", "0.001e-1999999999999999995", "0e1000000000000000000", "10e999999999999999999", "1e-9223372036854775808", "1e0000000000000000000000000000005",
            "1.e5", ".e5", "e5", "1e+", "  1  2", "\u00001", "Infinit", "0.10", "-1.5E-7", "0000", "1e2147483647",
            "1e-2147483647", "12.5e-3", "1.2.3", "+-1", "1e+-1",
            // nothing but (Unicode) spaces; \x1c-\x1f, which Decimal strips; what follows inf, infinity, nan, sNaN
            "", "   ", "\u00a0", "\u001c1.5\u001f", "infinityx", "infx", "nan1x", "sNaN1.5", "-", "+"}) {
            cases.add(loads(call("decimal", "Decimal", s)));
        }
        cases.add(loads(call("decimal", "Decimal", 12L)));
        return cases;
    }

    @Test
    void theOpcodesReadNumbersAsCPythonsCUnpickler() throws Exception {
        assertSameAsCPython("numbers-opcodes", opcodeCases());
    }

    @Test
    void intFloatComplexAndDecimalCalledByReduceReadTextAsCPython() throws Exception {
        assertSameAsCPython("numbers-calls", callCases());
    }

    private static void assertSameAsCPython(String name, List<Outcomes.Case> cases) throws Exception {
        List<String> expected = Outcomes.expected(name, cases);
        assertThat(expected).hasSize(cases.size());
        assertThat(Outcomes.mismatches(cases, expected)).isEmpty();
    }
}
