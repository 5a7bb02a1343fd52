package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential round trips against a live CPython (skipped without one): for ~110 values × protocols
 * 0–5, Python → Java → Python must give an equal value of identical types with the same sharing, and
 * Java's re-dump must be byte-identical to CPython's pickle.
 */
class CPythonRoundTripTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, byte[]> PY = new LinkedHashMap<>();

    @BeforeAll
    static void emit() throws Exception {
        CPython.require();
        String out = CPython.run("", CPython.resource("roundtrip.py").toString(), "emit");
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split("\t");
                PY.put(f[0] + "\t" + f[1], HEX.parseHex(f[2]));
            }
        }
    }

    private static Unpickler unpickler(byte[] data) {
        return new Unpickler(data).globals(Globals.builder().build());
    }

    @Test
    void pythonToJavaToPythonKeepsValuesTypesAndSharing() throws Exception {
        StringBuilder back = new StringBuilder();
        for (Map.Entry<String, byte[]> e : PY.entrySet()) {
            int proto = Integer.parseInt(e.getKey().split("\t")[1]);
            Object value = unpickler(e.getValue()).load();
            back.append(e.getKey()).append('\t').append(HEX.formatHex(Pickle.dumps(value, proto))).append('\n');
        }
        String result = CPython.run(back.toString(), CPython.resource("roundtrip.py").toString(), "check");
        List<String> failures = new ArrayList<>();
        int ok = 0;
        for (String line : result.split("\n")) {
            if (line.endsWith("\tOK")) {
                ok++;
            } else if (!line.isBlank()) {
                failures.add(line);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(ok).isEqualTo(PY.size());
    }

    @Test
    void javaRedumpIsByteIdenticalToCPython() {
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : PY.entrySet()) {
            int proto = Integer.parseInt(e.getKey().split("\t")[1]);
            byte[] again = Pickle.dumps(unpickler(e.getValue()).load(), proto);
            if (!java.util.Arrays.equals(again, e.getValue())) {
                differ.add(e.getKey() + " first difference at byte " + mismatch(again, e.getValue()));
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void streamingLoadsEqualArrayLoads() {
        for (Map.Entry<String, byte[]> e : PY.entrySet()) {
            Object a = unpickler(e.getValue()).load();
            Object b = new Unpickler(new java.io.ByteArrayInputStream(e.getValue())).globals(Globals.builder().build()).load();
            byte[] pa = Pickle.dumps(a, 5);
            byte[] pb = Pickle.dumps(b, 5);
            assertThat(pb).as(e.getKey()).isEqualTo(pa);
        }
    }

    private static String mismatch(byte[] a, byte[] b) {
        int i = java.util.Arrays.mismatch(a, b);
        int from = Math.max(0, i - 12);
        return i + ": java ..." + HEX.formatHex(a, from, Math.min(a.length, i + 12)) + " python ..."
                + HEX.formatHex(b, from, Math.min(b.length, i + 12));
    }
}
