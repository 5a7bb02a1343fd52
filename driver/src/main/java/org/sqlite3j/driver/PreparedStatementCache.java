package org.sqlite3j.driver;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's cache of compiled statements ({@code cached_statements}, default 128 as in
 * Python): {@code prepareStatement} takes an idle sqlite-jdbc statement for the same SQL and options
 * instead of compiling it again, and closing the wrapper resets the statement and gives it back. At
 * most {@code capacity} idle statements are kept, least recently used first out; 0 turns caching
 * off. An idle statement is reset (no read transaction, no bound values), so it holds no lock.
 *
 * <p>SQLite recompiles a cached statement by itself after a schema change, and sqlite-jdbc reads the
 * result columns at every execution; the one visible difference from compiling anew is that SQL which
 * no longer compiles (its table was dropped) fails at execution instead of at {@code prepareStatement}.
 */
final class PreparedStatementCache {

    /**
     * What identifies a compiled statement: the SQL and the result-set options it was prepared with
     * (generated keys are not part of it: they are recorded by the wrapper, not by the statement).
     */
    record Key(String sql, int type, int concurrency, int holdability) {
    }

    private final int capacity;
    private final LinkedHashMap<Key, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true);
    private long hits;

    PreparedStatementCache(int capacity) {
        this.capacity = capacity;
    }

    boolean enabled() {
        return capacity > 0;
    }

    /** An idle statement for {@code key}, taken out of the cache, or null. */
    synchronized PreparedStatement take(Key key) {
        PreparedStatement ps = idle.remove(key);
        if (ps != null) {
            hits++;
        }
        return ps;
    }

    /** Keeps {@code ps} (already reset) for {@code key}; closes what no longer fits. */
    void give(Key key, PreparedStatement ps) throws SQLException {
        List<PreparedStatement> out = new ArrayList<>(1);
        synchronized (this) {
            PreparedStatement old = idle.put(key, ps);
            if (old != null) {
                out.add(old);
            }
            Iterator<Map.Entry<Key, PreparedStatement>> it = idle.entrySet().iterator();
            while (idle.size() > capacity && it.hasNext()) {
                out.add(it.next().getValue());
                it.remove();
            }
        }
        closeAll(out);
    }

    /** Closes every idle statement (the connection is closing). */
    void clear() throws SQLException {
        List<PreparedStatement> out;
        synchronized (this) {
            out = new ArrayList<>(idle.values());
            idle.clear();
        }
        closeAll(out);
    }

    private static void closeAll(List<PreparedStatement> statements) throws SQLException {
        SQLException first = null;
        for (PreparedStatement s : statements) {
            try {
                s.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    synchronized int size() {
        return idle.size();
    }

    synchronized long hits() {
        return hits;
    }
}
