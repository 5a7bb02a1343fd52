package org.sqlite3j.driver.internal;

import java.sql.SQLException;

import org.sqlite.core.CoreStatement;

/** What sqlite-jdbc's statement API does not give about result columns, read from SQLite itself. */
public final class StatementColumns {
    private StatementColumns() {
    }

    /**
     * The declared type of result column {@code column} (0-based) exactly as written in the schema,
     * or null for an expression. sqlite-jdbc's {@code getColumnTypeName} upper-cases and cuts it.
     *
     * @param statement the prepared statement
     * @param column    the 0-based column index
     * @return the declared type, or null
     * @throws SQLException when SQLite refuses the call (a finalized statement)
     */
    public static String declaredType(CoreStatement statement, int column) throws SQLException {
        return statement.pointer.safeRun((db, ptr) -> db.column_decltype(ptr, column));
    }
}
