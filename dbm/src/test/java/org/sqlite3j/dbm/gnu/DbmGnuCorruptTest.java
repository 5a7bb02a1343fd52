package org.sqlite3j.dbm.gnu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;

/**
 * Damaged files: truncated, header fields patched, random bytes flipped. Every failure is a
 * {@link Dbm.GnuError} (never another exception, never an OutOfMemoryError); where libgdbm refuses to
 * open, the message is libgdbm's (expectations taken from Debian's python3 on the same files).
 */
class DbmGnuCorruptTest {

    @TempDir
    Path dir;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DbmGnuCorruptTest.class.getResourceAsStream("/gnu/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Reads everything; returns normally or throws GnuError. */
    private static void readAll(Path file, String flag) {
        try (DbmFile db = DbmGnu.open(file, flag, 0666)) {
            for (byte[] k : db.keys()) {
                db.get(k);
            }
            db.size();
            if (!flag.startsWith("r")) {
                db.put("new key", "new value".repeat(50));
                db.remove("new key");
                for (int i = 0; i < 200; i++) {
                    db.put("fill" + i, "x".repeat(i * 7));
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10|Unexpected end of file",
        "39|Unexpected end of file",
        "40|Malformed database file header",
        "100|Malformed database file header",
        "4096|Malformed database file header",
        "8192|Malformed database file header",
    })
    void truncatedHeaderAsLibgdbm(int length, String message) throws IOException {
        Path file = dir.resolve("t.db");
        Files.write(file, java.util.Arrays.copyOf(resource("splits.gdbm"), length));
        assertThatThrownBy(() -> DbmGnu.open(file, "r", 0666)).isInstanceOf(Dbm.GnuError.class).hasMessage(message);
    }

    @Test
    void truncatedBodyGivesGnuErrorOrAllRecords() throws IOException {
        byte[] data = resource("splits.gdbm");
        Path file = dir.resolve("t.db");
        int errors = 0;
        for (int length = 12_288; length < data.length; length += 1021) {
            Files.write(file, java.util.Arrays.copyOf(data, length));
            try {
                readAll(file, "r");
                // only unused space was cut off: then every record is still there
                try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
                    assertThat(db.size()).as("truncated to %d", length).isEqualTo(750);
                }
            } catch (Dbm.GnuError e) {
                errors++;
            }
        }
        assertThat(errors).isPositive();
    }

    @Test
    void longerThanNextBlockNeedsRecovery() throws IOException {
        byte[] data = resource("basic.gdbm");
        Path file = dir.resolve("long.db");
        Files.write(file, java.util.Arrays.copyOf(data, data.length + 1));
        assertThatThrownBy(() -> readAll(file, "r")).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("Database needs recovery");
        assertThatThrownBy(() -> readAll(file, "w")).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("Database needs recovery");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|4|13579acd|File header assumes wrong off_t size",
        "0|4|cf9a5713|Byte-swapped file",
        "0|4|d19a5713|Byte-swapped file",
        "0|4|13579ad1|Malformed database file header",
        "0|4|0|Bad magic number",
        "4|4|64|Malformed database file header",
        "4|4|0|Block size error",
        "4|4|40000000|Malformed database file header",
        "8|8|10000000000|Malformed database file header",
        "8|8|0|Malformed database file header",
        "16|4|3039|Malformed database file header",
        "16|4|2000|Malformed database file header",
        "20|4|5|Malformed database file header",
        "24|4|64|Malformed database file header",
        "28|4|7|Malformed database file header",
        "32|8|64|Malformed avail_block",
        "40|4|7|Malformed database file header",
        "44|4|ffffffff|Malformed avail_block",
        "44|4|12c|Malformed avail_block",
    })
    void patchedHeaderAsLibgdbm(int offset, int width, String hexValue, String message) throws IOException {
        byte[] data = resource("splits.gdbm");
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long v = Long.parseUnsignedLong(hexValue, 16);
        if (width == 4) {
            b.putInt(offset, (int) v);
        } else {
            b.putLong(offset, v);
        }
        Path file = dir.resolve("p.db");
        Files.write(file, data);
        assertThatThrownBy(() -> DbmGnu.open(file, "r", 0666)).isInstanceOf(Dbm.GnuError.class).hasMessage(message);
    }

    @Test
    void originalMagicReadsAsStandard() throws IOException {
        byte[] data = resource("splits.gdbm");
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x13579ace);
        Path file = dir.resolve("o.db");
        Files.write(file, data);
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.size()).isEqualTo(750);
        }
    }

    @Test
    void hugeSizesInBucketsGiveGnuErrorNotOutOfMemory() throws IOException {
        byte[] data = resource("basic.gdbm");
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int bucket = 8192;
        for (int i = 0; i < 166; i++) {
            int p = bucket + 112 + i * 24;
            if (b.getInt(p) != -1) {
                b.putInt(p + 20, Integer.MAX_VALUE);
            }
        }
        Path file = dir.resolve("h.db");
        Files.write(file, data);
        assertThatThrownBy(() -> readAll(file, "r")).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("Unexpected end of file");
        b.putInt(bucket + 108, 1000);
        Files.write(file, data);
        assertThatThrownBy(() -> readAll(file, "r")).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("Malformed bucket header");
    }

    @Test
    void randomByteFlipsGiveOnlyGnuErrors() throws IOException {
        Random rnd = new Random(424242);
        Path file = dir.resolve("fuzz.db");
        int failures = 0;
        for (String name : new String[] {"basic.gdbm", "splits.gdbm", "large.gdbm"}) {
            byte[] original = resource(name);
            for (int round = 0; round < 150; round++) {
                byte[] data = original.clone();
                int flips = 1 + rnd.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    // mostly the structures (header, directory, buckets), sometimes anywhere
                    int limit = rnd.nextBoolean() ? Math.min(data.length, 12_288) : data.length;
                    data[rnd.nextInt(limit)] ^= (byte) (1 << rnd.nextInt(8));
                }
                Files.write(file, data);
                for (String flag : new String[] {"r", "w"}) {
                    try {
                        readAll(file, flag);
                    } catch (Dbm.GnuError e) {
                        failures++;
                    } catch (Dbm.KeyError e) {
                        failures++;
                    } catch (Throwable t) {
                        fail(name + " round " + round + " flag " + flag + ": " + t, t);
                    }
                }
            }
        }
        assertThat(failures).as("some corruptions are detected").isPositive();
    }
}
