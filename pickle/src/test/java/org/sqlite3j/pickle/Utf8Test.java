package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * UTF-8 as pickle reads it, against CPython 3.13: {@code str} opcodes with {@code surrogatepass}
 * (lone surrogates let through), GLOBAL names and STRING with {@code encoding='utf-8'} strictly; the
 * edges of every sequence length (lead bytes C2/DF, E0/EF, F0/F4, code points from U+40000 up) and
 * every malformed kind (cut off, overlong, surrogates, above U+10FFFF, bad continuation, stray
 * continuation) with CPython's UnicodeDecodeError message. Covers CPython's test_unicode
 * (UnicodeTest.test_invalid_start_byte / test_invalid_cb_for_2bytes_seq / 3bytes / 4bytes,
 * test_unexpected_end_of_data) as pickle meets them, and test_codecs' surrogatepass tests.
 */
class Utf8Test {
    static final String[] VALID = {"c280", "dfbf", "e0a080", "e0bfbf", "e18080", "ecbfbf", "ed9fbf", "ee8080", "efbfbd",
        "efbfbf", "f0908080", "f0a08080", "f1808080", "f1bfbfbf", "f3bfbfbf", "f48fbfbf", "7a00e0a080", "24c2a2e282acf0908d88"};
    static final String[] SURROGATES = {"eda080", "edbfbf", "edb080", "eda0bf", "61eda08062"};
    static final String[] MALFORMED = {"e0a0", "e0", "f09080", "f48fbf", "c2", "f4", "ed", "eda0", "edbf", "c080", "c1bf",
        "e08080", "e09fbf", "f0808080", "f08fbfbf", "f4908080", "f5808080", "f7bfbfbf", "f888808080", "ff", "fe", "e228a1",
        "f09028bc", "f0902880", "c241", "80", "bf", "6162e0", "6162f0908041", "e080", "f080", "f48f", "ee8041", "ef41",
        "e0a041", "c2c2", "e0a0c2", "f090c280"};

    private static byte[] binunicode(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('X');
        out.writeBytes(new byte[] {(byte) text.length, 0, 0, 0});
        out.writeBytes(text);
        out.write('.');
        return out.toByteArray();
    }

    private static byte[] shortBinunicode(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x8c);
        out.write(text.length);
        out.writeBytes(text);
        out.write('.');
        return out.toByteArray();
    }

    private static byte[] shortBinstring(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('U');
        out.write(text.length);
        out.writeBytes(text);
        out.write('.');
        return out.toByteArray();
    }

    private static byte[] global(byte[] module) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('c');
        out.writeBytes(module);
        out.writeBytes("\nx\n.".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void everyEdgeAndEveryMalformedKindAsCPython() throws Exception {
        List<Outcomes.Case> cases = new ArrayList<>();
        for (String[] group : new String[][] {VALID, SURROGATES, MALFORMED}) {
            for (String hex : group) {
                byte[] b = HexFormat.of().parseHex(hex);
                cases.add(Outcomes.loads(binunicode(b)));
                cases.add(Outcomes.loads(shortBinunicode(b)));
                cases.add(new Outcomes.Case("loads_utf8", shortBinstring(b)));
                if (group != VALID) { // a valid name is looked up: no such module in CPython, forbidden here
                    cases.add(Outcomes.loads(global(b)));
                }
            }
        }
        List<String> expected = Outcomes.expected("utf8", cases);
        assertThat(Outcomes.mismatches(cases, expected)).isEmpty();
        // what the table holds: the valid sequences load everywhere but as a global name (no such module)
        assertThat(expected).filteredOn(e -> e.startsWith("err IllegalArgumentException") && e.contains("'utf-8' codec can't decode"))
                .hasSize(4 * MALFORMED.length + 2 * SURROGATES.length);
    }

    @Test // without CPython: code points past U+40000 and the 3-byte edges decode to themselves
    void fourByteAndThreeByteEdgesDecodeToTheirCodePoints() {
        for (int cp : new int[] {0x800, 0xfff, 0x1000, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x3ffff, 0x40000, 0x7ffff,
            0x80000, 0xfffff, 0x100000, 0x10ffff}) {
            String s = new String(Character.toChars(cp));
            assertThat(Pickle.loads(binunicode(Utf8.encode(s)))).as("U+%X", cp).isEqualTo(s);
            assertThat(Utf8.decodeStrict(Utf8.encode(s))).isEqualTo(s);
        }
        assertThat(Pickle.loads(binunicode(HexFormat.of().parseHex("eda080")))).isEqualTo("\ud800");
        assertThatThrownBy(() -> Utf8.decodeStrict(HexFormat.of().parseHex("eda080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
        assertThatThrownBy(() -> Pickle.loads(binunicode(HexFormat.of().parseHex("6162f09080"))))
                .hasMessage("'utf-8' codec can't decode bytes in position 2-4: unexpected end of data");
        assertThatThrownBy(() -> Pickle.loads(binunicode(HexFormat.of().parseHex("f4908080"))))
                .hasMessage("'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte");
    }
}
