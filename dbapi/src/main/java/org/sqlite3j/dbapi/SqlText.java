package org.sqlite3j.dbapi;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import org.sqlite3j.sqltext.SqlScanner;

/**
 * What a statement's text tells before it runs: where it starts, what kind it is (CPython's
 * {@code is_dml} test on the leading keyword, plus what the transaction tracker needs) and whether
 * it only reads (an approximation of {@code sqlite3_stmt_readonly}, which sqlite-jdbc does not bind,
 * used for executemany's "can only execute DML statements" check).
 */
final class SqlText {

    private SqlText() {
    }

    /**
     * Prepares the statement of {@code sql} that starts at {@code start}: anything but whitespace and
     * comments after it is refused, as CPython refuses it ("You can only execute one statement at a time.").
     */
    static Statement prepare(Engine engine, String sql, int start) {
        Handle core = prepareUserSql(engine, sql);
        int end = SqlScanner.endOfStatement(sql, start);
        if (!SqlScanner.isBlank(sql, end)) {
            engine.close(core);
            throw new Sqlite3.ProgrammingError("You can only execute one statement at a time.");
        }
        return describe(sql, start, end, core);
    }

    /** The index of the first statement at or after {@code from}: blanks and empty ';' skipped. */
    static int statementStart(String sql, int from) {
        int i = SqlScanner.skipBlank(sql, from);
        while (i < sql.length() && sql.charAt(i) == ';') {
            i = SqlScanner.skipBlank(sql, i + 1);
        }
        return i;
    }

    /** The user's {@code sql} prepared (its first statement), with a borrowed connection's session noted first. */
    static Handle prepareUserSql(Engine engine, String sql) {
        try {
            engine.beforeUserSql(sql);
            return engine.prepare(sql);
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    static Statement describe(String sql, int start, int end, Handle core) {
        String keyword = SqlScanner.firstKeyword(sql, start);
        Statement.Kind kind;
        boolean readonly;
        switch (keyword) {
            case "INSERT":
            case "UPDATE":
            case "DELETE":
            case "REPLACE":
                kind = Statement.Kind.DML;
                readonly = false;
                break;
            case "BEGIN":
                kind = Statement.Kind.BEGIN;
                readonly = true;
                break;
            case "SAVEPOINT":
                kind = Statement.Kind.SAVEPOINT;
                readonly = true;
                break;
            case "COMMIT":
            case "END":
                kind = Statement.Kind.END;
                readonly = true;
                break;
            case "ROLLBACK":
                kind = rollsBackTo(sql, start) ? Statement.Kind.RELEASE : Statement.Kind.END;
                readonly = true;
                break;
            case "RELEASE":
                kind = Statement.Kind.RELEASE;
                readonly = true;
                break;
            case "SELECT":
            case "VALUES":
            case "EXPLAIN":
                kind = Statement.Kind.QUERY;
                readonly = true;
                break;
            case "WITH":
                readonly = !writesAfterWith(sql, start);
                kind = readonly ? Statement.Kind.QUERY : Statement.Kind.OTHER;
                break;
            case "PRAGMA":
                readonly = sql.indexOf('=', start) < 0;
                kind = readonly ? Statement.Kind.QUERY : Statement.Kind.OTHER;
                break;
            case "ATTACH":
            case "DETACH":
                kind = Statement.Kind.OTHER;
                readonly = true;
                break;
            default:
                kind = Statement.Kind.OTHER;
                readonly = false;
                break;
        }
        List<String> names = SqlScanner.parameterNames(sql, start);
        boolean mayInsert = kind == Statement.Kind.OTHER || keyword.equals("INSERT") || keyword.equals("REPLACE");
        boolean pureQuery = kind == Statement.Kind.QUERY && !keyword.equals("PRAGMA");
        return new Statement(sql, start, end, core, names, kind, readonly, mayInsert, pureQuery);
    }

    /** {@code ROLLBACK [TRANSACTION] TO ...}: back to a savepoint, the transaction stays. */
    private static boolean rollsBackTo(String sql, int start) {
        String upper = sql.substring(start).toUpperCase(Locale.ROOT);
        return upper.matches("(?s)ROLLBACK\\s+(TRANSACTION\\s+)?TO\\b.*");
    }

    private static boolean writesAfterWith(String sql, int start) {
        String upper = sql.substring(start).toUpperCase(Locale.ROOT);
        for (String verb : new String[] {"INSERT", "UPDATE", "DELETE", "REPLACE"}) {
            int at = upper.indexOf(verb);
            while (at >= 0) {
                boolean before = at == 0 || !Character.isLetterOrDigit(upper.charAt(at - 1));
                int after = at + verb.length();
                boolean behind = after >= upper.length() || !Character.isLetterOrDigit(upper.charAt(after));
                if (before && behind) {
                    return true;
                }
                at = upper.indexOf(verb, at + 1);
            }
        }
        return false;
    }
}
