package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Payloads of 64 KiB and more (bytes, bytearray, str): from protocol 4 on they are written outside any
 * frame, kept by reference until the result is assembled (the largest copied first). Several of them, in
 * an order where the largest is neither first nor last, one of them met twice (a memo GET), next to small
 * values that stay framed. Output must be byte-identical to CPython 3.13's C pickler at every protocol
 * (digests below, generated once by it; {@link #theCommittedDigestsAreCPythonsOwn} regenerates them live),
 * the same through a streaming {@link Pickler}, and load back equal with the shared payload shared.
 *
 * <p>Covers, for large values, what CPython's {@code test.pickletester} checks in
 * {@code AbstractPickleTests.test_framing_large_objects} (large payloads framed out) and
 * {@code test_bytes}/{@code test_bytearray} (round trips).
 */
class LargePayloadTest {
    /** {@code pickle.dumps(data, p)} of {@link #PYTHON} by CPython 3.13.0: protocol, length, SHA-256. */
    private static final String[] CPYTHON = {
        "0 1380352 83c37422fdb88786abab86efe0c36c4cee71414b98e9edad77c32e1f59e09a11",
        "1 1666861 81270a7c452dc53e66ae4a80963ea256ed0a0e189062d49fc7907581a5f35074",
        "2 1666854 9c91444509bec1035838ae2e305a6ec5f344f5b27fa89d3edd4727673fc2ce24",
        "3 1211208 381009563f716741d4a9d7d8ff88bf11823dd120e92bbf9fabe9745b36d95eac",
        "4 1211252 bc10e0b8519858d4869fc9dec7c2f81482ac9fa33dd62ba24e2d78a209d0d5c8",
        "5 1211209 ec5b69ce32bc61ffebb386ef4b8dcc684ca00e38e9f69f47d7ec6338f99fc8ca",
    };

    private static final String PYTHON = String.join("\n",
            "import hashlib, pickle",
            "def blob(n, k):",
            "    return bytes((i * k + i // 256) & 0xff for i in range(n))",
            "shared = blob(120000, 3)",
            "data = [b'small', blob(70000, 5), 'x' * 5, blob(300000, 7), 's' * 100000, '\\u00e9\\u20ac' * 40000,",
            "        bytearray(blob(90000, 11)), blob(65536, 13), blob(65535, 17), shared, [blob(200000, 19), shared], 'end']",
            "for p in range(6):",
            "    b = pickle.dumps(data, p)",
            "    print(p, len(b), hashlib.sha256(b).hexdigest())",
            "");

    private static byte[] blob(int n, int k) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * k + i / 256);
        }
        return b;
    }

    /** The same values as {@link #PYTHON}'s {@code data}. */
    private static List<Object> data() {
        byte[] shared = blob(120000, 3);
        List<Object> inner = new ArrayList<>(List.of(blob(200000, 19), shared));
        return new ArrayList<>(List.of("small".getBytes(java.nio.charset.StandardCharsets.US_ASCII), blob(70000, 5),
                "x".repeat(5), blob(300000, 7), "s".repeat(100000), "\u00e9\u20ac".repeat(40000),
                new PyByteArray(blob(90000, 11)), blob(65536, 13), blob(65535, 17), shared, inner, "end"));
    }

    @Test
    void largePayloadsWriteCPythonsBytesAtEveryProtocol() throws Exception {
        assertThat(CPython.digests(data(), 0, 5)).containsExactly(CPYTHON);
    }

    @Test
    void theCommittedDigestsAreCPythonsOwn() throws Exception {
        assertThat(CPython.runProgram(PYTHON)).containsExactly(CPYTHON);
    }

    @Test
    void aStreamingPicklerWritesTheSameBytes() {
        List<Object> data = data();
        for (int p = 3; p <= 5; p++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            new Pickler(stream, p).dump(data);
            assertThat(stream.toByteArray()).as("protocol %d", p).isEqualTo(Pickle.dumps(data, p));
        }
    }

    @Test
    void largePayloadsLoadBackEqualWithTheSharedOneShared() {
        List<Object> expected = data();
        for (int p = 0; p <= 5; p++) {
            List<?> loaded = (List<?>) Pickle.loads(Pickle.dumps(expected, p));
            assertThat(loaded).as("protocol %d", p).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                Object e = expected.get(i);
                Object l = loaded.get(i);
                if (e instanceof List<?> el) {
                    List<?> ll = (List<?>) l;
                    assertThat((byte[]) ll.get(0)).isEqualTo((byte[]) el.get(0));
                    assertThat(ll.get(1)).isSameAs(loaded.get(9));
                } else if (e instanceof byte[] eb) {
                    assertThat(l).as("item %d at protocol %d", i, p).isInstanceOf(byte[].class);
                    assertThat((byte[]) l).isEqualTo(eb);
                } else {
                    assertThat(l).as("item %d at protocol %d", i, p).isEqualTo(e);
                }
            }
        }
    }
}
