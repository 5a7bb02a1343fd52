package org.sqlite3j.sqltext;

/**
 * Python's {@code detect_types} rules on type names, shared by the driver and the {@code dbapi}
 * façade (CPython's {@code _pysqlite_build_row_cast_map} and {@code _pysqlite_build_column_name}).
 *
 * <ul>
 * <li>PARSE_COLNAMES ({@link #bracketType}): in a column name, each '[' restarts the type and the
 *     first ']' after one ends it ({@code "a [x [y] z]"} is "y"; {@code "a [x][point]"} is "x",
 *     as CPython 3.13 gives).
 * <li>PARSE_DECLTYPES ({@link #firstWord}): the declared type up to the first space or '('
 *     ({@code "unsigned big int"} is "unsigned", {@code "varchar(20)"} is "varchar").
 * <li>{@link #strippedName}: the name Python reports, cut at the first '[' dropping one space.
 * </ul>
 */
public final class DeclaredTypes {

    /** {@code sqlite3.PARSE_DECLTYPES}. */
    public static final int PARSE_DECLTYPES = 1;
    /** {@code sqlite3.PARSE_COLNAMES}. */
    public static final int PARSE_COLNAMES = 2;

    private DeclaredTypes() {
    }

    /** The type between the last '[' before the first following ']', or null when there is none. */
    public static String bracketType(String name) {
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
    public static String firstWord(String decltype) {
        for (int i = 0; i < decltype.length(); i++) {
            char ch = decltype.charAt(i);
            if (ch == ' ' || ch == '(') {
                return decltype.substring(0, i);
            }
        }
        return decltype;
    }

    /** The column name cut at the first '[', dropping one space before it ({@code "a  [t]"} → "a "). */
    public static String strippedName(String name) {
        int bracket = name.indexOf('[');
        if (bracket < 0) {
            return name;
        }
        int cut = bracket > 0 && name.charAt(bracket - 1) == ' ' ? bracket - 1 : bracket;
        return name.substring(0, cut);
    }

    /**
     * SQLite's column affinity of a declared type (section 3.1 of "Datatypes In SQLite"):
     * "INTEGER", "TEXT", "BLOB", "REAL" or "NUMERIC"; null gives "BLOB".
     */
    public static String affinity(String decltype) {
        if (decltype == null) {
            return "BLOB";
        }
        String t = decltype.toUpperCase(java.util.Locale.ROOT);
        if (t.contains("INT")) {
            return "INTEGER";
        }
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
            return "TEXT";
        }
        if (t.contains("BLOB") || t.isEmpty()) {
            return "BLOB";
        }
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
            return "REAL";
        }
        return "NUMERIC";
    }
}
