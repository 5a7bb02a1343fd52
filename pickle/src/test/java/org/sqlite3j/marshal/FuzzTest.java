package org.sqlite3j.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of what CPython 3.13 wrote (every vector at every version, and the body of a real
 * {@code .pyc}): loading each either gives a value or raises a {@link MarshalError}, never another
 * exception, an OOM or a StackOverflowError; the stream form agrees with the array form; a loaded value
 * dumps again or is refused with a {@code MarshalError}. A wider, reproducible cousin of test_marshal's
 * {@code BugsTestCase.test_fuzz}.
 */
class FuzzTest {
    private static final byte[] INTERESTING = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, '0', 'N', 'r', '(', ')', '[',
        '{', '<', '>', 'c', 'l', 'u', 'a', 'z', 'f', 'x', 's', (byte) 0xdb, (byte) 0xa9, (byte) 0xfb, (byte) 0xe3};

    static List<byte[]> seeds() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Vectors.Vector v : Vectors.all()) {
            for (byte[] d : v.dumps()) {
                if (d != null && d.length < 20_000) {
                    out.add(d);
                }
            }
        }
        byte[] pyc = Files.readAllBytes(PythonProcess.resource("sample.pyc"));
        out.add(Arrays.copyOfRange(pyc, 16, pyc.length));
        return out;
    }

    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    if (at + 4 <= b.length) {
                        int huge = r.nextBoolean() ? Integer.MAX_VALUE - r.nextInt(16) : -1 - r.nextInt(16);
                        for (int i = 0; i < 4; i++) {
                            b[at + i] = (byte) (huge >> 8 * i);
                        }
                    }
                }
                case 4 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(16));
                    byte[] grown = new byte[b.length + len];
                    System.arraycopy(b, 0, grown, 0, at + len);
                    System.arraycopy(b, at, grown, at + len, b.length - at);
                    b = grown;
                }
                default -> b[at] ^= (byte) (1 << r.nextInt(8));
            }
        }
        return b;
    }

    /** test_fuzz, widened: 4000 seeded mutations of CPython's output (seed 20261207). */
    @Test
    void mutatedCPythonOutputLoadsOrRaisesMarshalError() throws IOException {
        List<byte[]> seeds = seeds();
        Random r = new Random(20261207L);
        int values = 0;
        int errors = 0;
        for (int n = 0; n < 4000; n++) {
            byte[] data = mutate(seeds.get(r.nextInt(seeds.size())), r);
            Object loaded;
            try {
                loaded = Marshal.loads(data);
                values++;
            } catch (MarshalError e) {
                errors++;
                assertThat(e.getMessage()).isNotBlank();
                if (n % 4 == 0) {
                    assertStreamAgrees(data, e);
                }
                continue;
            } catch (Throwable t) {
                throw new AssertionError("case " + n + ": " + HexFormat.of().formatHex(data), t);
            }
            try {
                Marshal.dumps(loaded, 4);
                Marshal.dumps(loaded, 2);
            } catch (ValueError e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (Throwable t) {
                throw new AssertionError("case " + n + " re-dump: " + HexFormat.of().formatHex(data), t);
            }
        }
        assertThat(values).as("values").isGreaterThan(300);
        assertThat(errors).as("errors").isGreaterThan(1000);
    }

    /** The stream form raises the same class (its EOF message is CPython's file-reader one). */
    private static void assertStreamAgrees(byte[] data, MarshalError expected) {
        try {
            Marshal.load(new ByteArrayInputStream(data));
            fail("stream loaded what the array refused: " + HexFormat.of().formatHex(data));
        } catch (MarshalError e) {
            assertThat(e.getClass()).isEqualTo(expected.getClass());
            if (!(e instanceof EOFError)) {
                assertThat(e.getMessage()).isEqualTo(expected.getMessage());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
