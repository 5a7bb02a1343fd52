package org.sqlite3j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.CodingRules;

/** The house rules ({@link CodingRules}) on this module's sources, with its exceptions and their reasons. */
class CodingRulesTest {
    @Test
    void houseRules() {
        assertThat(CodingRules.forModule()
                .allow(CodingRules.Rule.STATIC_MUTABLE_MAP, "Python.java",
                        "which Pythons this machine has, probed once per test JVM (each probe is a subprocess);"
                                + " machine state, the same for every test, guarded by the class lock")
                .problems()).as("house rules").isEmpty();
    }
}
