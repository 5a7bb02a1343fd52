package org.sqlite3j.dbapi;

import java.util.List;


/**
 * One compiled SQL statement (CPython's {@code statement.c}): the sqlite-jdbc prepared statement
 * plus what we learned from the text — its parameters as SQLite numbers them, whether it is DML
 * (starts with INSERT/UPDATE/DELETE/REPLACE, which decides implicit BEGIN and rowcount) and whether
 * it only reads.
 *
 * <p>A statement belongs to one connection and is used by one cursor at a time ({@link #inUse}).
 */
final class Statement {

    /** What the statement's first keyword tells the transaction tracker. */
    enum Kind {
        /** INSERT, UPDATE, DELETE, REPLACE: Python's "DML". */
        DML,
        /** BEGIN: opens a transaction. */
        BEGIN,
        /** SAVEPOINT: opens a transaction when none is open. */
        SAVEPOINT,
        /** COMMIT, END, ROLLBACK (not ROLLBACK TO): ends the transaction when it succeeds. */
        END,
        /** RELEASE, ROLLBACK TO: ends the transaction only when the outermost savepoint goes. */
        RELEASE,
        /** SELECT, VALUES, EXPLAIN, WITH ... SELECT, read-only PRAGMA. */
        QUERY,
        /** Everything else (DDL, ATTACH, writing PRAGMA, WITH ... INSERT...). */
        OTHER
    }

    final String sql;
    /** Where the statement starts and ends in {@link #sql} (the end just past its ';' if any). */
    final int start;
    final int end;
    final Handle core;
    final List<String> parameterNames;
    final Kind kind;
    final boolean readonly;
    /**
     * Whether running it may change {@code last_insert_rowid()}: INSERT and REPLACE, and statements
     * of unknown effect. UPDATE, DELETE, queries and transaction control never do (inserts made by
     * triggers are undone when the trigger ends).
     */
    final boolean mayInsert;
    /**
     * Whether stepping it has no effect anyone can see but its rows: a SELECT, VALUES, EXPLAIN or
     * WITH ... SELECT (not a PRAGMA, not DML with RETURNING, whose last step finishes the change).
     * Only such a statement may be stepped to its next row before the current row is converted.
     */
    final boolean pureQuery;
    /** The 1-based number of the first named parameter, or 0 when all are nameless (qmark). */
    final int firstNamed;
    /** Held by a cursor that has not finished stepping it. */
    boolean inUse;
    /** Part of the connection's cache (a statement made because the cached one was in use is not). */
    boolean cached;

    Statement(String sql, int start, int end, Handle core, List<String> parameterNames,
            Kind kind, boolean readonly, boolean mayInsert, boolean pureQuery) {
        this.mayInsert = mayInsert;
        this.pureQuery = pureQuery;
        this.sql = sql;
        this.start = start;
        this.end = end;
        this.core = core;
        this.parameterNames = parameterNames;
        this.kind = kind;
        this.readonly = readonly;
        int named = 0;
        for (int i = 0; i < parameterNames.size() && named == 0; i++) {
            String name = parameterNames.get(i);
            if (name != null && name.charAt(0) != '?') {
                named = i + 1;
            }
        }
        this.firstNamed = named;
    }

    int parameterCount() {
        return parameterNames.size();
    }

    boolean isDml() {
        return kind == Kind.DML;
    }

    boolean isClosed() {
        return core.isClosed();
    }
}
