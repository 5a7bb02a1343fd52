package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.pickle.PyObject;

/** Which BLOBs are shown as pickles, and that nothing is ever run or instantiated to show them. */
class PickleViewTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    @Test
    void aPickleOfProtocolTwoToFiveIsDecoded() {
        for (int protocol = 2; protocol <= 5; protocol++) {
            byte[] blob = Pickle.dumps(Map.of("k", List.of(1L, 2L)), protocol);
            assertThat(PickleView.decode(blob)).as("protocol " + protocol)
                    .hasValueSatisfying(d -> assertThat(d.value()).isEqualTo(Map.of("k", List.of(1L, 2L))));
        }
    }

    @Test
    void aPickledNoneIsStillAPickle() {
        assertThat(PickleView.decode(Pickle.dumps(null))).hasValueSatisfying(d -> assertThat(d.value()).isNull());
        assertThat(new CellText().text(Pickle.dumps(null))).isEqualTo("None");
    }

    @Test
    void otherBytesAreNotPickles() {
        assertThat(PickleView.decode(new byte[0])).isEmpty();
        assertThat(PickleView.decode("hello.".getBytes())).isEmpty();
        assertThat(PickleView.decode(Pickle.dumps(1L, 0))).isEmpty(); // protocol 0/1 have no PROTO opcode
        assertThat(PickleView.decode(hex("80062e"))).isEmpty();         // protocol 6 does not exist
        byte[] truncated = Pickle.dumps(List.of("a", "b"));
        truncated[truncated.length - 3] = '.';
        assertThat(PickleView.decode(java.util.Arrays.copyOf(truncated, truncated.length - 2))).isEmpty();
    }

    @Test
    void hugeDeclaredLengthsAreRejectedWithoutAllocating() {
        // PROTO 4, BINUNICODE8 of 2^62 bytes, STOP
        assertThat(PickleView.decode(hex("80048d00000000000000402e"))).isEmpty();
    }

    @Test
    void unknownClassesAndCallablesBecomeInertStubs() {
        // pickle.dumps of os.system('echo pwned') via __reduce__, as CPython writes it
        byte[] evil = hex("80049525000000000000008c05706f736978948c0673797374656d9493948c0a6563686f2070776e656494859452942e");
        assertThat(PickleView.decode(evil)).hasValueSatisfying(d -> {
            assertThat(d.value()).isInstanceOf(PyObject.class);
            assertThat(((PyObject) d.value()).module()).isEqualTo("posix");
        });
        assertThat(new CellText().text(evil)).isEqualTo("posix.system('echo pwned')");
    }

    @Test
    void decodingCanBeTurnedOff() {
        CellText cells = new CellText();
        byte[] blob = Pickle.dumps("x", 2);
        assertThat(cells.text(blob)).isEqualTo("'x'");
        cells.decodePickles(false);
        assertThat(cells.text(blob)).isEqualTo("b'\\x80\\x02X\\x01\\x00\\x00\\x00xq\\x00.'");
    }

    @Test
    void veryLongBlobsAreCut() {
        byte[] blob = new byte[100_000];
        String text = new CellText().text(blob);
        assertThat(text).startsWith("b'\\x00").endsWith("... (100000 bytes)").hasSizeLessThan(CellText.MAX_CHARS + 100);
    }
}
