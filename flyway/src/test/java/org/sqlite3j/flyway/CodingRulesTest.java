package org.sqlite3j.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.CodingRules;

/** The house rules ({@link CodingRules}) on this module's sources, with its exceptions and their reasons. */
class CodingRulesTest {
    @Test
    void houseRules() {
        assertThat(CodingRules.forModule()
                .problems()).as("house rules").isEmpty();
    }
}
