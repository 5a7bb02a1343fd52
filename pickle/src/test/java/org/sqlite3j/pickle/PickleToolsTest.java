package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PickleTools#dis} against {@code pickletools.dis} output committed in {@code dis.txt} (CPython 3.13). */
class PickleToolsTest {
    static Stream<Arguments> expected() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = PickleToolsTest.class.getResourceAsStream("/pickle/dis.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String block : text.split("### ")) {
                if (block.startsWith("#") || block.isBlank()) {
                    continue;
                }
                int nl = block.indexOf('\n');
                out.add(Arguments.of(block.substring(0, nl), block.substring(nl + 1)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("expected")
    void disMatchesPickletoolsLineForLine(String hex, String expected) {
        assertThat(PickleTools.dis(HexFormat.of().parseHex(hex))).isEqualTo(expected);
    }

    static Stream<Arguments> optimized() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = PickleToolsTest.class.getResourceAsStream("/pickle/optimize.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split("\t");
                    out.add(Arguments.of(f[0], f[1]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("optimized")
    void optimizeMatchesPickletoolsByteForByte(String hex, String expected) {
        byte[] result = PickleTools.optimize(HexFormat.of().parseHex(hex));
        assertThat(HexFormat.of().formatHex(result)).isEqualTo(expected);
    }

    @Test
    void optimizedPicklesLoadToTheSameValue() {
        java.util.Map<String, Object> values = JavaToPythonTest.javaValues();
        values.remove("recursive");
        for (int proto = 0; proto <= 5; proto++) {
            byte[] plain = Pickle.dumps(values, proto);
            byte[] small = PickleTools.optimize(plain);
            assertThat(small.length).isLessThan(plain.length);
            assertThat(Pickle.dumps(Pickle.loads(small), proto)).isEqualTo(plain);
        }
    }

    @Test
    void disReportsBrokenPickles() {
        assertThatThrownBy(() -> PickleTools.dis(new byte[] {'N'})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STOP");
        assertThatThrownBy(() -> PickleTools.dis(new byte[] {'e', '.'})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no MARK exists on stack");
        assertThatThrownBy(() -> PickleTools.dis(new byte[] {'h', 0, '.'})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memo key 0 has never been stored into");
        assertThatThrownBy(() -> PickleTools.dis(new byte[] {(byte) 0xff})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown");
    }
}
