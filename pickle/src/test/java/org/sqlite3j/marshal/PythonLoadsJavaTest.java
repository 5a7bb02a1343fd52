package org.sqlite3j.marshal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Live CPython 3.13 as the oracle (skipped without it): CPython loads what Java writes at every
 * version 0–4 to values equal to the originals with the same types (tuple vs list, set vs frozenset,
 * int vs float vs bool, shared and recursive containers), and at versions 0–2 Java's bytes equal the
 * bytes CPython writes for the same value now. Covers test_marshal's {@code HelperMixin.helper}
 * round trip over {@code IntTestCase}, {@code FloatTestCase}, {@code StringTestCase},
 * {@code ContainerTestCase} and {@code BugsTestCase.test_recursion_limit}, run across languages.
 */
class PythonLoadsJavaTest {
    /** HelperMixin.helper's round trip, Java writing and CPython reading, over every vector at every version. */
    @Test
    void cpythonLoadsJavaOutputAtEveryVersion() throws Exception {
        PythonProcess.require();
        StringBuilder input = new StringBuilder();
        int cases = 0;
        for (Vectors.Vector v : Vectors.all()) {
            Object value = v.value();
            for (int version = 0; version <= 4; version++) {
                String data;
                try {
                    data = HexFormat.of().formatHex(Marshal.dumps(value, version));
                } catch (ValueError e) {
                    data = "ERR";
                }
                input.append(v.name()).append('\t').append(version).append('\t').append(data).append('\n');
                cases++;
            }
        }
        String program = Files.readString(PythonProcess.resource("check_java.py"));
        List<String> bad = new ArrayList<>();
        String[] lines = PythonProcess.run(program, input.toString()).strip().split("\n");
        for (String line : lines) {
            if (!line.endsWith(" OK")) {
                bad.add(line);
            }
        }
        assertThat(lines).hasSize(cases);
        assertThat(bad).isEmpty();
    }

    /** BufferTestCase.test_bytearray across languages: values only Java can hand over (Integer, Float, PyByteArray, any Map or Set) load in CPython as their Python type. */
    @Test
    void javaOnlyInputTypesLoadAsPythonTypes() throws Exception {
        PythonProcess.require();
        Object value = List.of(7, (short) -3, (byte) 9, 1.5f, new org.sqlite3j.pickle.PyByteArray(new byte[] {1, 2}),
                new java.util.TreeMap<>(java.util.Map.of("b", 2L, "a", 1L)), new java.util.HashSet<>(List.of(3L, 1L, 2L)),
                java.math.BigInteger.valueOf(5), java.math.BigInteger.TEN.pow(30));
        StringBuilder out = new StringBuilder();
        for (int version = 0; version <= 4; version++) {
            out.append(HexFormat.of().formatHex(Marshal.dumps(value, version))).append('\n');
        }
        String program = """
                import marshal, sys
                expected = [7, -3, 9, 1.5, b'\\x01\\x02', {'a': 1, 'b': 2}, {1, 2, 3}, 5, 10**30]
                for line in sys.stdin.read().split():
                    got = marshal.loads(bytes.fromhex(line))
                    ok = got == expected and [type(x) for x in got] == [type(x) for x in expected]
                    ok = ok and list(got[5]) == ['a', 'b']
                    print('OK' if ok else 'BAD ' + repr(got))
                """;
        assertThat(PythonProcess.run(program, out.toString()).strip().split("\n")).containsOnly("OK").hasSize(5);
    }

    /**
     * Random floats (any bit pattern), ints of any size and strings of any code points, lone surrogates
     * included: at versions 0–2 CPython re-dumps what it loads from Java's bytes to exactly those bytes
     * (so the {@code %.17g} text floats, 15-bit digits and UTF-8 match CPython's own writer), and at 3–4
     * it loads them to the same values. A randomized FloatTestCase.test_floats / IntTestCase.test_ints / test_unicode.
     */
    @Test
    void randomValuesAgreeWithCPython() throws Exception {
        PythonProcess.require();
        java.util.Random r = new java.util.Random(42);
        StringBuilder input = new StringBuilder();
        for (int n = 0; n < 300; n++) {
            List<Object> values = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                values.add(Double.longBitsToDouble(r.nextLong()));
                values.add(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
                values.add(new java.math.BigInteger(1 + r.nextInt(300), r).multiply(java.math.BigInteger.valueOf(r.nextBoolean() ? 1 : -1)));
                values.add(r.nextLong() >> r.nextInt(64));
                StringBuilder sb = new StringBuilder();
                for (int c = r.nextInt(12); c > 0; c--) {
                    int cp = r.nextInt(4) == 0 ? r.nextInt(0x110000) : r.nextInt(0x800);
                    sb.appendCodePoint(cp);
                }
                values.add(sb.toString());
                values.add(new org.sqlite3j.pickle.PyComplex(Double.longBitsToDouble(r.nextLong()), r.nextGaussian()));
            }
            int version = n % 5;
            input.append(version).append(' ').append(HexFormat.of().formatHex(Marshal.dumps(values, version))).append('\n');
        }
        String program = """
                import marshal, sys
                for line in sys.stdin.read().splitlines():
                    version, data = line.split()
                    version, data = int(version), bytes.fromhex(data)
                    value = marshal.loads(data)
                    again = marshal.dumps(value, version)
                    if version <= 2:
                        print('OK' if again == data else 'DIFFER %d %s' % (version, again.hex()))
                    else:
                        print('OK' if marshal.loads(again) == value or repr(marshal.loads(again)) == repr(value) else 'BAD')
                """;
        String[] lines = PythonProcess.run(program, input.toString()).strip().split("\n");
        assertThat(lines).hasSize(300).containsOnly("OK");
    }
}
