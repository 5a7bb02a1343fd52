package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Java-built values × protocols 0–5 load in a live CPython as equal values of identical types, and the
 * bytes equal CPython's own {@code pickle.dumps} of the same value (skipped without CPython).
 */
class JavaToPythonTest {
    static Map<String, Object> javaValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("none", null);
        v.put("true", true);
        v.put("false", false);
        v.put("int_small", 7);
        v.put("int_neg", -300L);
        v.put("int_long", 1L << 40);
        v.put("int_big", BigInteger.TWO.pow(100).negate());
        v.put("float", 2.5);
        v.put("float_neg_zero", -0.0);
        v.put("str", "h\u00e9llo \uD83D\uDE00");
        v.put("bytes", new byte[] {0, (byte) 0xff, 'a', 'b'});
        v.put("bytearray", new PyByteArray(new byte[] {'x', 'y'}));
        v.put("tuple", PyTuple.of(1, "a", null));
        v.put("tuple_empty", PyTuple.EMPTY);
        v.put("list", new ArrayList<>(List.of(1, new ArrayList<>(List.of(2, 3)))));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("b", 1);
        d.put("a", 2);
        v.put("dict", d);
        v.put("set", new LinkedHashSet<>(List.of(1, 2, 3)));
        v.put("frozenset", PyFrozenSet.of(4, 5));
        v.put("complex", new PyComplex(1.5, -2));
        List<Object> shared = new ArrayList<>(List.of(1));
        v.put("shared", new ArrayList<>(List.of(shared, shared)));
        List<Object> rec = new ArrayList<>();
        rec.add(rec);
        v.put("recursive", rec);
        v.put("date", LocalDate.of(2000, 12, 31));
        v.put("time", LocalTime.of(12, 0, 0, 1000));
        v.put("datetime", LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000));
        v.put("datetime_tz", OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(-7)));
        v.put("timedelta", Duration.ofDays(-3).plusSeconds(10).plusNanos(20_000));
        v.put("decimal", new BigDecimal("3.14159"));
        PyOrderedDict od = new PyOrderedDict();
        od.put("x", 1);
        od.put("y", 2);
        v.put("ordereddict", od);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", new ArrayList<>(List.of(PyTuple.of(1, 2), new LinkedHashSet<>(List.of(3)), PyFrozenSet.EMPTY,
                new byte[0], new PyByteArray())));
        v.put("nested", nested);
        java.time.ZoneId paris = java.time.ZoneId.of("Europe/Paris");
        v.put("zoned", java.time.ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 5000, paris));
        java.time.ZonedDateTime overlap = java.time.ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, paris);
        v.put("zoned_fold1", overlap.withLaterOffsetAtOverlap());
        v.put("zoned_fold0", overlap.withEarlierOffsetAtOverlap());
        return v;
    }

    @Test
    void javaWrittenPicklesLoadInPythonAsEqualValuesByteForByte() throws Exception {
        CPython.require();
        StringBuilder lines = new StringBuilder();
        int count = 0;
        for (Map.Entry<String, Object> e : javaValues().entrySet()) {
            for (int proto = 0; proto <= 5; proto++) {
                lines.append(e.getKey()).append('\t').append(proto).append('\t')
                        .append(HexFormat.of().formatHex(Pickle.dumps(e.getValue(), proto))).append('\n');
                count++;
            }
        }
        String out = CPython.run(lines.toString(), CPython.resource("roundtrip.py").toString(), "checkjava");
        List<String> bad = new ArrayList<>();
        int ok = 0;
        for (String line : out.split("\n")) {
            if (line.endsWith("\tOK\tSAME")) {
                ok++;
            } else if (!line.isBlank()) {
                bad.add(line);
            }
        }
        assertThat(bad).isEmpty();
        assertThat(ok).isEqualTo(count);
    }
}
