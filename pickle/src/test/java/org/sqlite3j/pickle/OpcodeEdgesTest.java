package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Behaviours mutation testing found unpinned, each against CPython 3.13: LONG1/LONG4 with an empty or
 * short payload, SETITEMS with an odd count or an unhashable key (the dict fast path and the others),
 * READONLY_BUFFER over in-band data and over what is no buffer, the escapes of STRING and UNICODE
 * (non-hex digits, cut short, out of range) and the empty {@code S''}, and the float text of protocol 0
 * ({@code 1e-05}, {@code 1e+16}) written and disassembled. Covers CPython's pickletester
 * AbstractUnpickleTests (test_long1/test_long4 edges, test_badly_escaped_string,
 * test_badly_quoted_string, test_bad_mark...) and AbstractPickleTests.test_float_format.
 */
class OpcodeEdgesTest {
    static List<Outcomes.Case> cases() {
        List<Outcomes.Case> cases = new ArrayList<>();
        for (String hex : new String[] {
            // LONG1 / LONG4: empty payloads are 0, one byte is signed, the sign byte decides past 8 bytes
            "80028a002e", "80028b000000002e", "80028a01ff2e", "80028a01802e", "80028a017f2e", "80028a0200802e",
            "80028a08ffffffffffffff7f2e", "80028a0800000000000000802e", "80028a08000000000000008000",
            "80028a090000000000000000802e", "80028a09ffffffffffffffff002e", "80028a09ffffffffffffffffff2e",
            "80028b0100000001" + "2e", "80028b000000802e", "80028a05012e", "80028b0500000001020304052e",
            // SETITEMS: odd counts, unhashable keys in the dict fast path, other targets
            "7d284b014b024b03752e", "7d285d4b02752e", "7d284b015d752e", "7d288c0161" + "4b01752e",
            "7d288c01614b018c0162752e", "7d285d854b01752e", "7d28284b015d8586" + "4b0175" + "2e", "7d287d4b01752e",
            "4e284b014b02752e", "7d284b014b027d284b034b0475" + "752e", "7d28752e", "28752e", "7d4b01752e",
            "7d288f4b01752e", "7d28960000000000000000854b01752e",
            // READONLY_BUFFER over in-band data, over no buffer, with nothing under it
            "800596030000000000000061626398" + "2e", "800543036162639" + "82e", "80054b01982e", "80054e982e",
            "8005982e", "800528982e", "80058c03616263982e", "800596000000000000000098" + "2e",
            // the printable range of "invalid load key": space shown as itself, DEL as \x7f
            "20", "7f",
            // POP with a MARK on top pops the mark; with items above a mark, the item
            "4b0128302e", "28304e2e", "4b01284b0230302e", "4b01282830302e",
            // BINBYTES8 of the largest length a Java array takes is only truncated, as in CPython
            "8e" + "efffff7f00000000" + "2e",
        }) {
            cases.add(Outcomes.loads(HexFormat.of().parseHex(hex)));
        }
        for (String line : new String[] {"S'\\x4g'", "S'\\x4'", "S'ab\\x'", "S'\\xG0'", "S'\\x4A'", "S'\\x4a'", "S''", "S\"\"",
            "S'", "S\"", "S'a\"", "S'\\'", "S'\\q'", "S'\\777'", "S'\\u1234'", "S'\\0'", "S'\\n\\t\\\\'", "S'a\\\nb'", "S'\\x\u00e9a'",
            "V\\u00g1", "V\\U0010fffg", "V\\U00", "V\\\\u0041", "V\\\\\\u0041", "V\\U00110000", "V\\Uffffffff", "V\\u00\u00e9",
            "Vx\\u\u00e90", "V\\u", "Vab\\u12", "V\\U0010ffff", "V\\u00e9\\u20ac", "V\\uD800", "V", "V\\", "V\\U", "V\\x41",
            "V\\u004G",
            // the one-letter escapes of STRING; octal escapes of one to three digits, a fourth digit left as it is
            "S'\\a\\b\\f\\r\\v'", "S'\\1234'", "S'\\1'", "S'a\\12'", "S'\\8'",
            // the ends of the octal digits, and what follows an octal escape that is no digit
            "S'\\100'", "S'\\177'", "S'\\1!'", "S'\\1/'", "S'\\18'"}) {
            cases.add(Outcomes.loads(line + "\n."));
        }
        return cases;
    }

    @Test
    void edgesLoadAsInCPython() throws Exception {
        List<Outcomes.Case> cases = cases();
        List<String> expected = Outcomes.expected("edges", cases);
        assertThat(Outcomes.mismatches(cases, expected)).isEmpty();
    }

    static final double[] FLOATS = {1e-05, 1e+16, 1e16, 1.5e-07, 1e-4, 0.0001, 1e15, 123456789012345678.0, 5e-324,
        1.7976931348623157e308, -1e-05, 1e22, 1e100, 1e-100, 2.5e-5, 9.999999999999999e15, 0.1, -0.0, 1e-10, 123e-20,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    @Test // AbstractPickleTests.test_float_format: protocol 0 writes repr(), single-digit exponents as 1e-05
    void protocolZeroFloatsAreCPythonsBytes() throws Exception {
        StringBuilder program = new StringBuilder("import pickle\nfor x in [");
        for (double d : FLOATS) {
            program.append("float('").append(Double.isNaN(d) ? "nan" : PyRepr.floatRepr(d)).append("'), ");
        }
        program.append("]:\n    print(pickle.dumps(x, 0).hex())\n");
        String[] expected = CPython.runProgram(program.toString());
        for (int i = 0; i < FLOATS.length; i++) {
            assertThat(HexFormat.of().formatHex(Pickle.dumps(FLOATS[i], 0))).as("%s", FLOATS[i]).isEqualTo(expected[i]);
        }
    }

    @Test // without CPython: the forms themselves
    void singleDigitExponentsAreWrittenAndReadAsPython() {
        assertThat(new String(Pickle.dumps(1e-05, 0), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("F1e-05\n.");
        assertThat(new String(Pickle.dumps(1e+16, 0), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("F1e+16\n.");
        assertThat(PickleTools.dis("F1e-05\n.".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .contains("FLOAT      1e-05\n");
        assertThat(Pickle.loads(HexFormat.of().parseHex("80028a002e"))).isEqualTo(0L);
        assertThat(Pickle.loads("S''\n.".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEqualTo("");
        assertThatThrownBy(() -> Pickle.loads(HexFormat.of().parseHex("7d284b014b024b03752e")))
                .hasMessage("odd number of items for SETITEMS");
        assertThatThrownBy(() -> Pickle.loads(HexFormat.of().parseHex("80054b01982e")))
                .hasMessage("memoryview: a bytes-like object is required, not 'int'");
        assertThat(Pickle.loads(HexFormat.of().parseHex("8005960300000000000000616263982e"))).isEqualTo(new byte[] {'a', 'b', 'c'});
    }
}
