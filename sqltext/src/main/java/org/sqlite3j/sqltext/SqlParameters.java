package org.sqlite3j.sqltext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQLite's variable numbering ({@code sqlite3ExprAssignVarNumber}). */
final class SqlParameters {
    /**
     * SQLite's compile-time maximum for {@code ?NNN} ({@code SQLITE_MAX_VARIABLE_NUMBER}) as
     * compiled into sqlite-jdbc (and Debian's libsqlite3): {@code ?NNN} with NNN outside
     * {@code [1, 250000]} makes SQLite reject the statement.
     */
    private static final int MAX_VARIABLE_NUMBER = 250_000;

    private final List<String> names;
    private final Map<String, Integer> seen = new HashMap<>();
    /** When non-null, receives {start, end, number} for each occurrence. */
    private final List<int[]> occurrences;

    SqlParameters(List<String> names, List<int[]> occurrences) {
        this.names = names;
        this.occurrences = occurrences;
    }

    void add(String sql, int start, int end) {
        int number = number(sql, start, end);
        if (number > 0 && occurrences != null) {
            occurrences.add(new int[] {start, end, number});
        }
    }

    /** Records the parameter and returns its number, or 0 when SQLite would reject it. */
    private int number(String sql, int start, int end) {
        char kind = sql.charAt(start);
        if (kind == '?') {
            if (end - start == 1) {
                names.add(null);
                return names.size();
            }
            long x = 0;
            for (int k = start + 1; k < end && x <= MAX_VARIABLE_NUMBER; k++) {
                x = x * 10 + (sql.charAt(k) - '0');
            }
            if (x < 1 || x > MAX_VARIABLE_NUMBER) {
                return 0; // SQLite: "variable number must be between ?1 and ?N"
            }
            int number = (int) x;
            if (number > names.size()) {
                while (names.size() < number - 1) {
                    names.add(null);
                }
                names.add(sql.substring(start, end));
            } else if (names.get(number - 1) == null) {
                names.set(number - 1, sql.substring(start, end));
            }
            return number;
        }
        if (kind == '#' && SqlLexer.isDigit(sql.charAt(start + 1))) {
            return 0; // "#N" is a register reference, a syntax error outside nested parses
        }
        String name = sql.substring(start, end);
        Integer known = seen.get(name);
        if (known != null) {
            return known;
        }
        names.add(name); // new number: largest so far + 1
        seen.put(name, names.size());
        return names.size();
    }
}
