package org.sqlite3j.driver;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

import org.sqlite.core.CoreStatement;
import org.sqlite3j.adapters.Converter;
import org.sqlite3j.adapters.Converters;
import org.sqlite3j.driver.internal.StatementColumns;
import org.sqlite3j.sqltext.DeclaredTypes;

/**
 * Which converter reads each column under Python's {@code detect_types} (the rules are in
 * {@link DeclaredTypes}): the column name's {@code [type]} first (PARSE_COLNAMES), then the
 * declared type's first word (PARSE_DECLTYPES); an unknown bracket type falls back to the declared
 * type.
 */
final class ColumnConverters {

    private ColumnConverters() {
    }

    /** The converter of each column (0-based), or null when detection is off or none applies. */
    static Converter<?>[] find(Sqlite3jConnection con, CoreStatement statement, ResultSetMetaData meta)
            throws SQLException {
        int detect = con.detectTypes();
        Converters registry = con.converters();
        if (detect == 0 || registry.isEmpty()) {
            return null;
        }
        int n = meta.getColumnCount();
        Converter<?>[] found = new Converter<?>[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            Converter<?> c = null;
            if ((detect & DeclaredTypes.PARSE_COLNAMES) != 0) {
                String type = DeclaredTypes.bracketType(meta.getColumnLabel(i + 1));
                if (type != null) {
                    c = registry.find(type).orElse(null);
                }
            }
            if (c == null && (detect & DeclaredTypes.PARSE_DECLTYPES) != 0 && statement != null) {
                String decltype = StatementColumns.declaredType(statement, i);
                if (decltype != null) {
                    c = registry.find(DeclaredTypes.firstWord(decltype)).orElse(null);
                }
            }
            found[i] = c;
            any |= c != null;
        }
        return any ? found : null;
    }

    /** Runs {@code converter} on a value's bytes; NULL and zero-length values are null, as in Python. */
    static Object convert(Converter<?> converter, byte[] bytes, int column) throws SQLException {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return converter.convert(bytes);
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("converter of column " + column + " failed: " + e, "22000", e);
        }
    }
}
