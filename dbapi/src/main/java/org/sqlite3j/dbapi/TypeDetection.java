package org.sqlite3j.dbapi;

import java.sql.SQLException;

import org.sqlite.core.CoreStatement;
import org.sqlite3j.adapters.Converter;

/**
 * {@code detect_types} (CPython's {@code _pysqlite_build_row_cast_map} and
 * {@code _pysqlite_build_column_name}): which converter reads each column, and the column names
 * Python reports when PARSE_COLNAMES strips their {@code [type]}.
 *
 * <ul>
 * <li>PARSE_COLNAMES: in the column name, each '[' restarts the type and the first ']' after one
 *     ends it ({@code "a [x][point]"} is "point"); a known converter wins over the declared type.
 * <li>PARSE_DECLTYPES: the declared type up to the first space or '(' ({@code "unsigned big int"}
 *     is "unsigned", {@code "varchar(20)"} is "varchar"); declared types pass through views and
 *     sub-queries but not expressions.
 * </ul>
 */
final class TypeDetection {

    private TypeDetection() {
    }

    /** The converter of each column, or null when none of them has one. */
    static Converter<?>[] converters(Connection con, CoreStatement statement, String[] names,
            int detect) throws SQLException {
        Converter<?>[] found = new Converter<?>[names.length];
        boolean any = false;
        for (int i = 0; i < names.length; i++) {
            Converter<?> c = null;
            if ((detect & Sqlite3.PARSE_COLNAMES) != 0) {
                String type = bracketType(names[i]);
                if (type != null) {
                    c = con.converters().find(type).orElse(null);
                }
            }
            if (c == null && (detect & Sqlite3.PARSE_DECLTYPES) != 0) {
                int column = i;
                String decltype = statement.pointer.safeRun((d, p) -> d.column_decltype(p, column));
                if (decltype != null) {
                    c = con.converters().find(firstWord(decltype)).orElse(null);
                }
            }
            found[i] = c;
            any |= c != null;
        }
        return any ? found : null;
    }

    /** The type between the last '[' before the first following ']' , or null. */
    static String bracketType(String name) {
        int start = -1;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '[') {
                start = i + 1;
            } else if (ch == ']' && start >= 0) {
                return name.substring(start, i);
            }
        }
        return null;
    }

    /** The declared type up to the first space or '('. */
    static String firstWord(String decltype) {
        for (int i = 0; i < decltype.length(); i++) {
            char ch = decltype.charAt(i);
            if (ch == ' ' || ch == '(') {
                return decltype.substring(0, i);
            }
        }
        return decltype;
    }

    /** Column names cut at the first '[', dropping one space before it. */
    static String[] strippedNames(String[] names) {
        String[] out = names.clone();
        for (int i = 0; i < out.length; i++) {
            int bracket = out[i].indexOf('[');
            if (bracket >= 0) {
                int cut = bracket > 0 && out[i].charAt(bracket - 1) == ' ' ? bracket - 1 : bracket;
                out[i] = out[i].substring(0, cut);
            }
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
            throw new Sqlite3.OperationalError("converter failed: " + e);
        }
    }
}
