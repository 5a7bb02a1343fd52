package org.sqlite3j.dbm.ndbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmNdbm;

/**
 * Truncated and damaged dbm.ndbm files: {@link Dbm.NdbmError}, never another exception, a hang or an
 * allocation the file cannot back.
 */
class DbmNdbmCorruptionTest {

    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    /** Opens {@code bytes} as dir/x.db and reads everything; returns normally or throws NdbmError. */
    private void readAll(byte[] bytes) throws IOException {
        Files.write(dir.resolve("x.db"), bytes);
        try (DbmFile db = DbmNdbm.open(dir.resolve("x"), "r", 0666)) {
            db.size();
            for (byte[] k : db.keys()) {
                db.get(k);
            }
            db.get(new byte[] {1, 2, 3});
        }
    }

    @Test
    void everyTruncationIsAnError() throws IOException {
        byte[] full = NdbmListing.resourceBytes("medium.db");
        for (int len : new int[] {0, 1, 100, 511, 512, 4095, PAGE, PAGE + 26, 3 * PAGE - 1, full.length / 2,
                full.length - PAGE, full.length - 1}) {
            byte[] cut = java.util.Arrays.copyOf(full, len);
            assertThatThrownBy(() -> readAll(cut)).as("cut at %d", len).isInstanceOf(Dbm.NdbmError.class);
        }
        readAll(full);
    }

    @ParameterizedTest
    @ValueSource(strings = {"medium", "be-medium", "dups", "chained", "small"})
    void randomDamageGivesNdbmErrorOrAReadableFile(String name) throws IOException {
        byte[] original = NdbmListing.resourceBytes(name + ".db");
        Random rnd = new Random(name.hashCode());
        int errors = 0;
        for (int round = 0; round < 80; round++) {
            byte[] bytes = original.clone();
            int flips = 1 + rnd.nextInt(6);
            for (int f = 0; f < flips; f++) {
                // mostly the headers and the item index, where damage matters; sometimes anywhere
                int page = rnd.nextInt(bytes.length / PAGE);
                int at = page * PAGE + (rnd.nextBoolean() ? rnd.nextInt(128) : rnd.nextInt(PAGE));
                bytes[at] = (byte) (rnd.nextInt(4) == 0 ? 0xFF : rnd.nextInt(256));
            }
            try {
                readAll(bytes);
            } catch (Dbm.NdbmError expected) {
                errors++;
            } catch (Throwable t) {
                fail("round " + round + ": " + t, t);
            }
        }
        assertThat(errors).as("damage detected at least sometimes").isPositive();
    }

    @Test
    void hugeBigItemLengthIsAnErrorNotAnAllocation() throws IOException {
        byte[] bytes = NdbmListing.resourceBytes("medium.db");
        int patched = patchItems(bytes, HashPage.H_OFFPAGE, 8, 0x7FFFFFF0);
        assertThat(patched).isPositive();
        assertThatThrownBy(() -> readAll(bytes)).isInstanceOf(Dbm.NdbmError.class)
                .hasMessageContaining("cannot fit in the file");
    }

    @Test
    void overflowChainPointingAtItselfIsAnError() throws IOException {
        byte[] bytes = NdbmListing.resourceBytes("medium.db");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int found = 0;
        for (int p = 1; p < bytes.length / PAGE; p++) {
            if ((bytes[p * PAGE + 25] & 0xFF) == HashPage.P_OVERFLOW) {
                b.putInt(p * PAGE + 16, p); // next_pgno = itself
                b.putShort(p * PAGE + 22, (short) 0); // OV_LEN 0: the chain never advances
                found++;
            }
        }
        assertThat(found).isPositive();
        assertThatThrownBy(() -> readAll(bytes)).isInstanceOf(Dbm.NdbmError.class);
    }

    @Test
    void bucketChainLoopIsAnError() throws IOException {
        byte[] bytes = NdbmListing.resourceBytes("chained.db");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 1; p < bytes.length / PAGE; p++) {
            if ((bytes[p * PAGE + 25] & 0xFF) == HashPage.P_HASH && b.getInt(p * PAGE + 16) != 0) {
                b.putInt(p * PAGE + 16, p);
                assertThatThrownBy(() -> readAll(bytes)).isInstanceOf(Dbm.NdbmError.class)
                        .hasMessageContaining("already read");
                return;
            }
        }
        fail("chained.db has no chained bucket page");
    }

    @Test
    void impossibleHashTableIsAnErrorAtOpen() throws IOException {
        byte[] bytes = NdbmListing.resourceBytes("medium.db");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(72, 0x7FFFFFFF).putInt(76, 0xFFFFFFFF).putInt(80, 0x7FFFFFFF);
        assertThatThrownBy(() -> readAll(bytes)).isInstanceOf(Dbm.NdbmError.class)
                .hasMessageContaining("max_bucket");
    }

    @Test
    void encryptedOrUnknownVersionIsUnsupported() throws IOException {
        byte[] enc = NdbmListing.resourceBytes("small.db");
        enc[24] = 1;
        assertThatThrownBy(() -> readAll(enc)).isInstanceOf(Dbm.NdbmError.class).hasMessageContaining("encrypted");
        byte[] old = NdbmListing.resourceBytes("small.db");
        old[16] = 5;
        assertThatThrownBy(() -> readAll(old)).isInstanceOf(Dbm.NdbmError.class).hasMessageContaining("version");
    }

    /** Sets the u32 at {@code field} of every hash item of {@code type}; returns how many were set. */
    private static int patchItems(byte[] bytes, int type, int field, int value) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        for (int p = 1; p < bytes.length / PAGE; p++) {
            int base = p * PAGE;
            if ((bytes[base + 25] & 0xFF) != HashPage.P_HASH) {
                continue;
            }
            int entries = b.getShort(base + 20) & 0xFFFF;
            for (int i = 0; i < entries; i++) {
                int off = base + (b.getShort(base + 26 + 2 * i) & 0xFFFF);
                if (bytes[off] == type) {
                    b.putInt(off + field, value);
                    n++;
                }
            }
        }
        return n;
    }
}
