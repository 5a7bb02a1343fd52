package org.sqlite3j.dbm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.CodingRules;
import org.sqlite3j.testkit.CodingRules.Rule;

/** The house rules ({@link CodingRules}) on this module's sources, with its exceptions and their reasons. */
class CodingRulesTest {
    @Test
    void houseRules() {
        assertThat(CodingRules.forModule()
                .allow(Rule.STATIC_MUTABLE_MAP, "FileLocks.java",
                        "GDBM's file locks are per process: one table, for the whole JVM, of the files this process has locked, as the kernel keeps them")
                .problems()).as("house rules").isEmpty();
    }
}
