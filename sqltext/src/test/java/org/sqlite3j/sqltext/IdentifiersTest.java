package org.sqlite3j.sqltext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SQLite's name comparison (sqlite3StrICmp), as blobopen and the update hook's names need it. */
class IdentifiersTest {

    @Test
    void asciiLettersFoldEverythingElseIsExact() {
        assertThat(Identifiers.same("Main", "mAIN")).isTrue();
        assertThat(Identifiers.same("t_1", "T_1")).isTrue();
        // non-ASCII characters compare exactly, but the ASCII letters beside them still fold
        // (CPython's Row keys would compare "Äbc" and "ÄBC" exactly, and differ)
        assertThat(Identifiers.same("Äbc", "ÄBC")).isTrue();
        assertThat(Identifiers.same("Äbc", "äbc")).isFalse();
        assertThat(Identifiers.same("[", "{")).as("'[' is 'Z'+1, not a letter").isFalse();
        assertThat(Identifiers.same("ab", "abc")).isFalse();
        assertThat(Identifiers.same(null, "a")).isFalse();
        assertThat(Identifiers.same("a", null)).isFalse();
    }
}
