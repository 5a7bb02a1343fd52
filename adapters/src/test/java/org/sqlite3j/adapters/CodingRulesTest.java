package org.sqlite3j.adapters;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.CodingRules;
import org.sqlite3j.testkit.CodingRules.Rule;

/** The house rules ({@link CodingRules}) on this module's sources, with its exceptions and their reasons. */
class CodingRulesTest {
    @Test
    void houseRules() {
        CodingRules.forModule()
                .allow(Rule.SIZE, "JsonRecords.java",
                        "the JSON codec and its record reflection; the record codec becomes one shared class (issue 20, item 5)")
                .allow(Rule.REFLECTION, "JsonRecords.java",
                        "the canonical constructor of a record class the program itself registered; never a name read from the data")
                .allow(Rule.REFLECTION, "PickledTypes.java",
                        "the canonical constructor of a record class the program itself registered; never a name read from the data")
                .check();
    }
}
