package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementSplitterTest {
    @Test
    void splitsAtCompleteSemicolonsOnly() {
        assertThat(StatementSplitter.split("SELECT 1; SELECT ';'; -- x;\n SELECT /* ; */ 2;"))
                .containsExactly("SELECT 1;", "SELECT ';';", "-- x;\n SELECT /* ; */ 2;");
    }

    @Test
    void keepsTriggerBodiesWhole() {
        String trigger = "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); DELETE FROM c; END;";
        assertThat(StatementSplitter.split(trigger + " SELECT 1;")).containsExactly(trigger, "SELECT 1;");
    }

    @Test
    void dropsEmptyStatementsAndKeepsAnUnterminatedRest() {
        assertThat(StatementSplitter.split(" ; ;\n")).isEmpty();
        assertThat(StatementSplitter.split("SELECT 1; SELECT 2")).containsExactly("SELECT 1;", "SELECT 2");
        assertThat(StatementSplitter.split("SELECT 'unterminated; ")).containsExactly("SELECT 'unterminated;");
        assertThat(StatementSplitter.split("   ")).isEmpty();
    }
}
