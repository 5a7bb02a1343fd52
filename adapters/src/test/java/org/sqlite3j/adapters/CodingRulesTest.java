package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.CodingRules;
import org.sqlite3j.testkit.CodingRules.Rule;

/** The house rules ({@link CodingRules}) on this module's sources, with its exceptions and their reasons. */
class CodingRulesTest {
    @Test
    void houseRules() {
        assertThat(CodingRules.forModule()
                .allow(Rule.SIZE, "JsonRecords.java",
                        "Python's json module for records: the writer, the reader and one kind per Java type it maps")
                .allow(Rule.REFLECTION, "RecordShape.java",
                        "the one record codec: the canonical constructor of a record class the program itself registered;"
                                + " never a name read from the data")
                .problems()).as("house rules").isEmpty();
    }
}
