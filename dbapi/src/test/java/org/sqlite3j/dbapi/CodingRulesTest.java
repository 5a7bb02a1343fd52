package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.CodingRules;
import org.sqlite3j.testkit.CodingRules.Rule;

/** The house rules ({@link CodingRules}) on this module's sources, with its exceptions and their reasons. */
class CodingRulesTest {
    @Test
    void houseRules() {
        assertThat(CodingRules.forModule()
                .allow(Rule.SIZE, "JdbcEngine.java",
                        "the whole Engine interface over sqlite-jdbc in one class (statements, transactions, callbacks,"
                                + " hooks, backup); to be split by concern with the second engine (issue 21)")
                .allow(Rule.SIZE, "Connection.java",
                        "Python's Connection is one large API (execute*, transactions, functions, collations, backup, blobs,"
                                + " serialize, limits, config, trace...), each method documented; its helpers live in"
                                + " StatementCache, HeldStatements, Trace and Engine")
                .allow(Rule.SIZE, "Cursor.java",
                        "Python's Cursor is one large API (execute, executemany, fetch*, description, rowcount...); split with the engine seam (issue 20)")
                .problems()).as("house rules").isEmpty();
    }
}
