package org.sqlite3j.shelve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmSqlite3;

/** {@code shelve.BsdDbShelf}'s cursor (CPython 3.13 has no test of it: bsddb left in Python 3.0). */
class BsdDbShelfTest {
    @TempDir
    Path dir;

    private static void walk(BsdDbShelf s) {
        s.setItem("b", 2L);
        s.setItem("a", 1L);
        s.setItem("c", List.of(3L));
        s.setItem("é", "e-acute");   // UTF-8 0xC3 0xA9: after every ASCII key
        assertThat(s.next()).as("a fresh cursor's next is the first").isEqualTo(new SimpleImmutableEntry<>("a", 1L));
        assertThat(s.next()).isEqualTo(new SimpleImmutableEntry<>("b", 2L));
        assertThat(s.next()).isEqualTo(new SimpleImmutableEntry<>("c", List.of(3L)));
        assertThat(s.next()).isEqualTo(new SimpleImmutableEntry<>("é", "e-acute"));
        assertThatThrownBy(s::next).isInstanceOf(NoSuchElementException.class).hasMessage("no key after é");
        assertThat(s.previous()).isEqualTo(new SimpleImmutableEntry<>("c", List.of(3L)));
        assertThat(s.first().getKey()).isEqualTo("a");
        assertThatThrownBy(s::previous).isInstanceOf(NoSuchElementException.class).hasMessage("no key before a");
        assertThat(s.last().getKey()).isEqualTo("é");
        assertThat(s.setLocation("bb")).isEqualTo(new SimpleImmutableEntry<>("c", List.of(3L)));
        assertThat(s.setLocation("b").getKey()).isEqualTo("b");
        assertThat(s.next().getKey()).isEqualTo("c");
        assertThatThrownBy(() -> s.setLocation("ü")).isInstanceOf(Dbm.KeyError.class).hasMessage("b'\\xc3\\xbc'");
        assertThat(s.setLocation("z").getKey()).as("z < é in UTF-8 byte order").isEqualTo("é");
        s.delItem("c");
        assertThat(s.setLocation("b").getKey()).isEqualTo("b");
        assertThat(s.next().getKey()).as("the order follows writes").isEqualTo("é");
    }

    @Test
    void cursorOverMemoryDbm() {
        try (BsdDbShelf s = new BsdDbShelf(new MemoryDbm())) {
            walk(s);
        }
    }

    @Test
    void cursorOverSqlite3AndDumbFiles() {
        Fixtures.assumeDbmOpen(dir);
        for (DbmFile db : List.of(DbmSqlite3.open(dir.resolve("s.db"), "n"), DbmDumb.open(dir.resolve("d"), "n"))) {
            try (BsdDbShelf s = new BsdDbShelf(db)) {
                walk(s);
            }
        }
    }

    @Test
    void emptyShelfAndClosedShelf() {
        BsdDbShelf s = new BsdDbShelf(new MemoryDbm());
        assertThatThrownBy(s::first).isInstanceOf(NoSuchElementException.class).hasMessage("the shelf is empty");
        assertThatThrownBy(s::next).isInstanceOf(NoSuchElementException.class);
        s.close();
        assertThatThrownBy(s::first).isInstanceOf(IllegalStateException.class).hasMessage("invalid operation on closed shelf");
    }

    /** A hash-ordered backend is refused with the reason (CPython: AttributeError on first()). */
    @Test
    void hashOrderedBackendIsRefused() {
        DbmFile hashed = new DbmFile() {
            @Override
            public String backend() {
                return "dbm.gnu";
            }

            @Override
            protected byte[] fetch(byte[] key) {
                return null;
            }

            @Override
            protected void store(byte[] key, byte[] value) {
            }

            @Override
            protected boolean delete(byte[] key) {
                return false;
            }

            @Override
            protected List<byte[]> keyList() {
                return List.of();
            }

            @Override
            protected int count() {
                return 0;
            }

            @Override
            public void sync() {
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new BsdDbShelf(hashed)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("dbm.gnu keeps them in hash order");
    }
}
