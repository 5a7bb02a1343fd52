package org.sqlite3j.dbapi;

import java.sql.SQLException;

import org.sqlite3j.adapters.Converter;
import org.sqlite3j.sqltext.DeclaredTypes;

/**
 * {@code detect_types} (CPython's {@code _pysqlite_build_row_cast_map} and
 * {@code _pysqlite_build_column_name}): which converter reads each column, and the column names
 * Python reports when PARSE_COLNAMES strips their {@code [type]}; the name rules themselves are the
 * driver's {@link DeclaredTypes}, shared with {@code jdbc:sqlite3:}.
 *
 * <ul>
 * <li>PARSE_COLNAMES: in the column name, each '[' restarts the type and the first ']' after one
 *     ends it ({@code "a [x][point]"} is "x", which, unknown, falls back to the declared type); a
 *     known converter wins over the declared type.
 * <li>PARSE_DECLTYPES: the declared type up to the first space or '(' ({@code "unsigned big int"}
 *     is "unsigned", {@code "varchar(20)"} is "varchar"); declared types pass through views and
 *     sub-queries but not expressions.
 * </ul>
 */
final class TypeDetection {

    private TypeDetection() {
    }

    /** The converter of each column, or null when none of them has one. */
    static Converter<?>[] converters(Connection con, Handle statement, String[] names,
            int detect) throws SQLException {
        Converter<?>[] found = new Converter<?>[names.length];
        boolean any = false;
        for (int i = 0; i < names.length; i++) {
            Converter<?> c = null;
            if ((detect & Sqlite3.PARSE_COLNAMES) != 0) {
                String type = DeclaredTypes.bracketType(names[i]);
                if (type != null) {
                    c = con.converters().find(type).orElse(null);
                }
            }
            if (c == null && (detect & Sqlite3.PARSE_DECLTYPES) != 0) {
                String decltype = con.engine().declaredType(statement, i);
                if (decltype != null) {
                    c = con.converters().find(DeclaredTypes.firstWord(decltype)).orElse(null);
                }
            }
            found[i] = c;
            any |= c != null;
        }
        return any ? found : null;
    }

    /** Column names cut at the first '[', dropping one space before it. */
    static String[] strippedNames(String[] names) {
        String[] out = new String[names.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = DeclaredTypes.strippedName(names[i]);
        }
        return out;
    }

    /** Runs a converter; its exception propagates as the caller's, as in Python. */
    static Object convert(Converter<?> converter, byte[] bytes) {
        try {
            return converter.convert(bytes);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new Sqlite3.OperationalError("converter failed" + ErrorTable.reason(e), null, null, e);
        }
    }
}
