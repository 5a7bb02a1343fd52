package org.sqlite3j.cli;

import java.util.ArrayList;
import java.util.List;

import org.sqlite3j.dbapi.Sqlite3;

/**
 * Cuts SQL text into the statements the shell executes one by one (the DB-API's {@code execute} takes
 * one statement). A statement ends at a semicolon after which {@link Sqlite3#completeStatement} says
 * the text so far is complete — so semicolons in strings, comments and trigger bodies do not cut.
 */
final class StatementSplitter {
    private StatementSplitter() {
    }

    /**
     * The statements of {@code text}: each complete one, then the rest if it holds more than white
     * space (an unterminated last statement, or a trailing comment).
     */
    static List<String> split(String text) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf(';'); i >= 0; i = text.indexOf(';', i + 1)) {
            String candidate = text.substring(start, i + 1);
            if (Sqlite3.completeStatement(candidate)) {
                if (!candidate.strip().equals(";")) {
                    statements.add(candidate.strip());
                }
                start = i + 1;
            }
        }
        String rest = text.substring(start).strip();
        if (!rest.isEmpty()) {
            statements.add(rest);
        }
        return statements;
    }
}
