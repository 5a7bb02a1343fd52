package org.sqlite3j.fuzz;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.CodingRules;

/** The house rules ({@link CodingRules}) on this module's sources, with its exceptions and their reasons. */
class CodingRulesTest {
    @Test
    void houseRules() {
        CodingRules.forModule()
                .check();
    }
}
