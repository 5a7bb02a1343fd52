package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.CodingRules;
import org.sqlite3j.testkit.CodingRules.Rule;

/** The house rules ({@link CodingRules}) on this module's sources, with its exceptions and their reasons. */
class CodingRulesTest {
    @Test
    void houseRules() {
        assertThat(CodingRules.forModule()
                .allow(Rule.SIZE, "Sqlite3jConnection.java",
                        "java.sql.Connection plus sqlite-jdbc's SQLiteConnection API, mostly one-line delegations")
                .allow(Rule.SIZE, "Sqlite3jResultSet.java",
                        "java.sql.ResultSet's ~190 methods, most of them one-line conversions")
                .problems()).as("house rules").isEmpty();
    }
}
