package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlite3j.pickle.Outcomes.call;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * datetime values called into being by REDUCE with arguments, as a pickle may carry them besides the
 * state CPython writes: each of date, time, datetime, timedelta and timezone with its arguments at and
 * past every range edge, wrong types and counts, states that fail CPython's sanity checks (read as
 * arguments then), Python 2's str states, and states CPython accepts that java.time cannot hold (May
 * 32: a stub) — each outcome CPython 3.13's. Covers datetimetester's TestDate/TestTime/TestDateTime
 * test_bad_constructor_arguments and test_pickling_subclass... as far as pickle reaches them.
 */
class DateTimesTest {
    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    static List<Outcomes.Case> cases() {
        List<Outcomes.Case> cases = new ArrayList<>();
        Object[][] dates = {{2024L, 5L, 1L}, {1L, 1L, 1L}, {9999L, 12L, 31L}, {10000L, 5L, 1L}, {0L, 5L, 1L}, {2024L, 13L, 1L},
            {2024L, 0L, 1L}, {2024L, 2L, 30L}, {2024L, 2L, 29L}, {2023L, 2L, 29L}, {2024L, 4L, 31L}, {2024L, 5L, 0L},
            {2024L, 2L}, {}, {2024L, 5L, 1L, 1L}, {2024L, "5", 1L}, {2024L, 5.0, 1L}, {true, true, true},
            {1L << 40, 1L, 1L}, {-(1L << 40), 1L, 1L}, {2147483647L, 1L, 1L}, {hex("07e80d01")}, {hex("07e80520")},
            {hex("07e805")}, {hex("07e80501")}, {hex("07e88501")}, {hex("07e80501"), 1L}, {"x"}};
        for (Object[] a : dates) {
            cases.add(Outcomes.loads(call("datetime", "date", a)));
        }
        Object[][] times = {{}, {23L, 59L, 59L, 999999L}, {24L}, {23L, 60L}, {23L, 59L, 60L}, {0L, 0L, 0L, 1000000L}, {-1L},
            {1L, 2L, 3L, 4L, 5L}, {1L, 2L, 3L, 4L, null, 6L}, {1L, 2L, 3L, 4L, null}, {hex("0c1e00000001")},
            {hex("180000000000")}, {hex("800000000000")}, {hex("0c1e0000000f"), null}, {hex("0c3c00000000")}, {1.5}};
        for (Object[] a : times) {
            cases.add(Outcomes.loads(call("datetime", "time", a)));
        }
        Object[][] datetimes = {{2024L, 5L, 1L}, {2024L, 5L, 1L, 12L, 30L, 15L, 250000L}, {2024L, 5L, 1L, 25L}, {2024L, 5L},
            {2024L, 5L, 1L, 0L, 0L, 0L, 0L, null, 1L}, {hex("07e805010c1e00000000")}, {hex("07e885010c1e00000000")},
            {hex("07e80d010c1e00000000")}, {hex("07e805200c1e00000000")}, {hex("07e805011e1e00000000")},
            {hex("07e805010c1e0000000f"), null}, {2024L, 5L, 1L, 0L, 0L, 0L, 0L, 5L}};
        for (Object[] a : datetimes) {
            cases.add(Outcomes.loads(call("datetime", "datetime", a)));
        }
        Object[][] deltas = {{1L, 2L, 3L}, {}, {0L, 86400L, 1000000L}, {-1L}, {999999999L, 86399L, 999999L}, {1000000000L},
            {-999999999L}, {-1000000000L}, {0L, -1L}, {0L, 0L, -1L}, {true}};
        for (Object[] a : deltas) {
            cases.add(Outcomes.loads(call("datetime", "timedelta", a)));
        }
        for (String offset : new String[] {"I0\nI86400", "I-1\nI1", "I0\nI0\nI1", "I0\nI3600", "I-1\nI0", "I0\nI64800",
            "I0\nI68400", "I-1\nI21600", "I0\nI1"}) {
            cases.add(Outcomes.loads(latin1("cdatetime\ntimezone\n(cdatetime\ntimedelta\n(" + offset + "\ntRtR.")));
        }
        cases.add(Outcomes.loads(call("datetime", "timezone", 5L)));
        cases.add(new Outcomes.Case("loads_latin1", latin1("cdatetime\ndate\n(S'\\x07\\xe8\\x05\\x01'\ntR.")));
        cases.add(new Outcomes.Case("loads_latin1", latin1("cdatetime\ntime\n(S'\\x0c\\x1e\\x00\\x00\\x00\\x01'\ntR.")));
        cases.add(new Outcomes.Case("loads_latin1", latin1("cdatetime\ndatetime\n(S'\\x07\\xe8\\x05\\x01\\x0c\\x1e\\x00\\x00\\x00\\x00'\ntR.")));
        cases.add(new Outcomes.Case("loads_latin1", latin1("cdatetime\ndate\n(S'\\x07\\xe8\\x0d\\x01'\ntR.")));
        return cases;
    }

    @Test
    void constructorsCalledByReduceCheckTheirArgumentsAsCPython() throws Exception {
        List<Outcomes.Case> cases = cases();
        List<String> expected = Outcomes.expected("datetimes", cases);
        assertThat(Outcomes.mismatches(cases, expected)).isEmpty();
    }
}
