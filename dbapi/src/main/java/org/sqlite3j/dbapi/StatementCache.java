package org.sqlite3j.dbapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connection's LRU cache of compiled statements ({@code cached_statements}, Python default 128),
 * keyed by SQL text. A statement held by one cursor is not handed to another: that cursor gets a
 * fresh, uncached statement, as in CPython. Evicted statements still in use are closed when their
 * cursor gives them back.
 */
final class StatementCache {

    private final Connection connection;
    private final int capacity;
    private final LinkedHashMap<String, Statement> entries;

    StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Statement> eldest) {
                if (size() <= StatementCache.this.capacity) {
                    return false;
                }
                evict(eldest.getValue());
                return true;
            }
        };
    }

    Statement acquire(String sql) {
        Statement statement = entries.get(sql);
        if (statement != null && statement.isClosed()) {
            entries.remove(sql);
            statement = null;
        }
        if (statement != null && !statement.inUse) {
            statement.inUse = true;
            return statement;
        }
        Statement fresh = compile(sql);
        if (fresh == null) {
            return null;
        }
        fresh.inUse = true;
        if (statement == null && capacity > 0) {
            fresh.cached = true;
            entries.put(sql, fresh);
        }
        return fresh;
    }

    /**
     * Compiles the first statement of {@code sql} as CPython does: a NUL character is refused, empty
     * statements before it are skipped, anything but whitespace and comments after it is refused.
     *
     * @return the statement, or null when {@code sql} holds only whitespace, comments and ';'
     */
    private Statement compile(String sql) {
        if (sql.indexOf('\0') >= 0) {
            throw new Sqlite3.ProgrammingError("the query contains a null character");
        }
        Sqlite3.UnicodeEncodeError.check(sql);
        int start = SqlText.statementStart(sql, 0);
        if (start >= sql.length()) {
            return null;
        }
        connection.checkLength(sql);
        return SqlText.prepare(connection.engine(), sql, start);
    }

    void release(Statement statement) {
        statement.inUse = false;
        if (statement.isClosed()) {
            if (statement.cached) {
                entries.remove(statement.sql, statement);
            }
            return;
        }
        connection.engine().reset(statement.core);
        if (!statement.cached) {
            connection.engine().close(statement.core);
        }
    }

    private void evict(Statement statement) {
        statement.cached = false;
        if (!statement.inUse) {
            connection.engine().close(statement.core);
        }
    }

    void closeAll() {
        for (Statement statement : new ArrayList<>(entries.values())) {
            statement.cached = false;
            connection.engine().close(statement.core);
        }
        entries.clear();
    }
}
