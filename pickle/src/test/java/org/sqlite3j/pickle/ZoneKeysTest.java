package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code zoneinfo.ZoneInfo(key)} and {@code ZoneInfo._unpickle(key, from_cache)} under the default
 * policy: a key CPython refuses (absolute, not normalized, leaving the zone directory: issue 19 loaded
 * {@code '../../../../etc/passwd'}) is refused with CPython's ValueError message, a key is looked up
 * only among java.time's region ids, never as a path. Covers CPython's test_zoneinfo
 * (ZoneInfoTest.test_bad_keys, test_bad_keys_paths_normalization) for the keys a pickle can carry.
 */
class ZoneKeysTest {
    static final String[] BAD_KEYS = {"../../../../etc/passwd", "/etc/passwd", "Europe/../Europe/London", "Europe//London",
        "Europe/London/", "./UTC", "", ".", "..", "Europe/London/..", "Europe/./London", "../x", "a/../../x", "/", "UTC/",
        "America/New_York/../../../etc/passwd", "..\u00e9/x/.."};
    static final String[] GOOD_KEYS = {"Europe/London", "UTC", "CET", "Etc/GMT+1", "America/Argentina/Buenos_Aires"};

    /** {@code zoneinfo.ZoneInfo(key)} by GLOBAL and REDUCE (what {@code ZoneInfo(key)} in a pickle is). */
    static byte[] zoneInfo(String key) {
        return Outcomes.call("zoneinfo", "ZoneInfo", key);
    }

    /** CPython's own protocol-4 form: {@code ZoneInfo._unpickle(key, from_cache)} by STACK_GLOBAL. */
    static byte[] unpickle(String key, int fromCache) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x80, 4});
        for (String s : new String[] {"zoneinfo", "ZoneInfo._unpickle"}) {
            out.write(0x8c);
            out.write(s.length());
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0x93);
        byte[] k = Utf8.encode(key);
        out.write('X');
        out.writeBytes(new byte[] {(byte) k.length, (byte) (k.length >> 8), 0, 0});
        out.writeBytes(k);
        out.writeBytes(new byte[] {'K', (byte) fromCache, (byte) 0x86, 'R', '.'});
        return out.toByteArray();
    }

    @Test
    void keysCPythonRefusesAreRefusedWithItsMessage() throws Exception {
        List<Outcomes.Case> cases = new ArrayList<>();
        for (String key : BAD_KEYS) {
            cases.add(Outcomes.loads(zoneInfo(key)));
            cases.add(Outcomes.loads(unpickle(key, 1)));
        }
        for (String key : GOOD_KEYS) {
            cases.add(Outcomes.loads(zoneInfo(key)));
            cases.add(Outcomes.loads(unpickle(key, 1)));
        }
        cases.add(Outcomes.loads(Outcomes.call("zoneinfo", "ZoneInfo", 5L)));
        List<String> expected = Outcomes.expected("zones", cases);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(Outcomes.java(cases.get(i))).as("%s", cases.get(i)).isEqualTo(expected.get(i));
        }
        assertThat(expected).filteredOn(e -> e.startsWith("err IllegalArgumentException")).hasSize(2 * BAD_KEYS.length + 1);
    }

    @Test // without CPython: the issue's key, and the three rules each with its message
    void theIssuesKeyIsRefusedNotLoaded() {
        assertThatThrownBy(() -> Pickle.loads(zoneInfo("../../../../etc/passwd"))).isInstanceOf(UnpicklingError.class)
                .hasMessage("ZoneInfo keys must refer to subdirectories of TZPATH, got: ../../../../etc/passwd")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pickle.loads(zoneInfo("/etc/passwd")))
                .hasMessage("ZoneInfo keys may not be absolute paths, got: /etc/passwd");
        assertThatThrownBy(() -> Pickle.loads(unpickle("Europe//London", 0)))
                .hasMessage("ZoneInfo keys must be normalized relative paths, got: Europe//London");
        assertThatThrownBy(() -> Pickle.loads(Outcomes.call("zoneinfo", "ZoneInfo")))
                .hasMessage("ZoneInfo() missing required argument 'key' (pos 1)");
    }

    @Test // a valid key java.time does not hold (or an uncached zone) stays an inert stub of its key, never a file
    void validKeysJavaTimeDoesNotHoldStayStubs() {
        for (byte[] data : List.of(zoneInfo("Nope/Zone"), zoneInfo("posixrules"), zoneInfo("EST"), zoneInfo("GMT+1"), zoneInfo("+01:00"),
                zoneInfo("Z"), unpickle("Europe/London", 0))) {
            Object v = Pickle.loads(data);
            assertThat(v).isInstanceOf(PyObject.class);
            assertThat(((PyObject) v).args().get(0)).isIn("Nope/Zone", "posixrules", "EST", "GMT+1", "+01:00", "Z", "Europe/London");
        }
        assertThat(Pickle.loads(zoneInfo("Europe/London"))).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(Pickle.loads(unpickle("UTC", 1))).isEqualTo(ZoneId.of("UTC"));
    }
}
