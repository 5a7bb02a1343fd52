package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.CodingRules;
import org.sqlite3j.testkit.CodingRules.Rule;

/** The house rules ({@link CodingRules}) on this module's sources, with its exceptions and their reasons. */
class CodingRulesTest {
    @Test
    void houseRules() {
        assertThat(CodingRules.forModule()
                .allow(Rule.SYSTEM_OUT, "Main.java",
                        "the shell's entry point: it hands the process's own streams to run(), which takes writers")
                .problems()).as("house rules").isEmpty();
    }
}
