package org.sqlite3j.dbm.gnu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format's pieces: GDBM's hash (values from gdbmtool), directory sizing, avail table order. */
class DbmGnuFormatTest {

    @TempDir
    Path dir;

    private static int hash(String s) {
        return GdbmHash.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hashAsGdbmtoolComputesIt() {
        assertThat(hash("k1")).isEqualTo(0x16d05e9c);
        assertThat(hash("k2")).isEqualTo(0x4f9a2bfc);
        assertThat(hash("hello")).isEqualTo(0x67255f4a);
        assertThat(hash("")).isEqualTo(0x3039);
        assertThat(hash("a b")).isEqualTo(0x04e50f33);
        // high bytes are signed char on amd64: 'é' (c3 a9) as libgdbm stored it in a bucket
        assertThat(hash("\u00e9")).isEqualTo(0x4177cd64);
        assertThat(GdbmHash.bucketDir(0x4f9a2bfc, 9)).isEqualTo(0x4f9a2bfc >> 22);
    }

    @Test
    void hashMatchesGdbmtoolForRandomKeys() throws Exception {
        GnuPython.assumeGdbmtool();
        Path db = dir.resolve("h.db");
        try (var f = org.sqlite3j.dbm.DbmGnu.open(db, "n", 0666)) {
            f.put("x", "y");
        }
        Random rnd = new Random(3);
        StringBuilder commands = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            StringBuilder key = new StringBuilder();
            int len = 1 + rnd.nextInt(40);
            for (int j = 0; j < len; j++) {
                key.append((char) ('a' + rnd.nextInt(26)));
            }
            commands.append("hash ").append(key).append('\n');
            expected.append(String.format(Locale.ROOT, "hash value = %x.%n", hash(key.toString())));
        }
        assertThat(GnuPython.gdbmtool(db, true, commands.toString())).isEqualTo(expected.toString());
    }

    @Test
    void directorySizeAsComputeDirectorySize() {
        assertThat(Header.directorySize(4096)).containsExactly(4096, 9);
        assertThat(Header.directorySize(512)).containsExactly(512, 6);
        assertThat(Header.directorySize(1000)).containsExactly(1024, 7);
        assertThat(Header.directorySize(8192)).containsExactly(8192, 10);
        assertThat(Header.bucketElementCount(4096)).isEqualTo(166);
        Header h = Header.create(4096, false);
        assertThat(h.avail.size).isEqualTo(252);
        assertThat(Header.create(4096, true).avail.size).isEqualTo(250);
    }

    @Test
    void availTableStaysSortedAndMergesWhenAsked() {
        AvailTable t = new AvailTable(10, 10);
        t.put(100, 1000, false);
        t.put(50, 5000, false);
        t.put(4, 9000, false); // too small to keep
        t.put(200, 2000, false);
        assertThat(t.count).isEqualTo(3);
        assertThat(java.util.Arrays.copyOf(t.avSize, 3)).containsExactly(50, 100, 200);
        long[] got = t.getElem(60);
        assertThat(got).containsExactly(100, 1000);
        t.put(1000, 1100, true); // right after nothing; left-adjacent to 2000? no: 1100+1000=2100
        t.put(50, 5050, true); // merges with 50@5000
        assertThat(t.count).isEqualTo(3);
        assertThat(t.avSize[t.lookup(100)]).isEqualTo(100);
        assertThat(t.avAdr[t.lookup(100)]).isEqualTo(5000);
    }
}
