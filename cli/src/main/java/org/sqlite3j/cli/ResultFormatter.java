package org.sqlite3j.cli;

import java.util.List;

/**
 * Writes one result set in one output {@link Mode}: {@link #begin} with the column names, then each
 * row, then {@link #end}. A result without rows writes nothing (as the sqlite3 shell). One instance
 * per result set.
 */
interface ResultFormatter {
    void begin(List<String> columns);

    void row(List<Object> values);

    void end();
}
