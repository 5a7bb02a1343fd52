package org.sqlite3j.sqltext;

/**
 * SQLite's rule for comparing names of schemas, tables and columns ({@code sqlite3StrICmp}): ASCII letters
 * compare without regard to case, every other character exactly. (Not CPython's rule for {@code Row}
 * keys, which folds case only when both names are wholly ASCII: {@code Row} keeps that rule itself.)
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** Whether SQLite takes {@code a} and {@code b} for the same name; false when either is null. */
    public static boolean same(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
