package org.sqlite3j.dbapi;

import java.sql.SQLException;

import org.sqlite3j.sqltext.Identifiers;

/**
 * When a {@link Blob} expires, as SQLite's blob handle does: watching the connection's changes (update,
 * commit and rollback hooks, {@link Engine.Watcher}), it notes what the blob's next call must report —
 * SQLITE_ABORT once its row was changed by anything but the blob's own writes, SQLITE_ABORT_ROLLBACK once
 * a transaction it used (or that changed rows since) rolled back.
 */
final class BlobExpiry implements Engine.Watcher {

    /**
     * The engine whose blob write (an UPDATE) is running on this thread. SQLite's blob writes change the
     * row in place and expire no blob, so the update hook's report of that UPDATE (and of whatever its
     * triggers do) must not expire any blob of the connection. Hooks run on the thread of the statement,
     * hence a thread-local.
     */
    private static final ThreadLocal<Engine> WRITING = new ThreadLocal<>();

    private final Engine engine;
    private final long row;
    /** The schema and table as SQLite names them. */
    private final String schemaName;
    private final String tableName;
    private final boolean readonly;
    /** What the hooks saw since the last call: 0, SQLITE_ABORT or SQLITE_ABORT_ROLLBACK. */
    private volatile int pending;
    /** Whether a transaction was open when the blob last ran a statement. */
    private volatile boolean usedInTransaction;
    /** {@code total_changes()} when the blob last ran a statement or a transaction committed. */
    private volatile long changesMark;

    BlobExpiry(Engine engine, long row, String schemaName, String tableName, boolean readonly) {
        this.engine = engine;
        this.row = row;
        this.schemaName = schemaName;
        this.tableName = tableName;
        this.readonly = readonly;
    }

    /** What the hooks saw since the last call: 0, SQLITE_ABORT or SQLITE_ABORT_ROLLBACK. */
    int pending() {
        return pending;
    }

    /** The blob has expired (its length is 0 from now on): nothing more is pending. */
    void clear() {
        pending = 0;
    }

    /** Around the blob's own write: the update hook's reports of it do not expire the blob. */
    void writing(boolean on) {
        if (on) {
            WRITING.set(engine);
        } else {
            WRITING.remove();
        }
    }

    /** After a statement of the blob: remember the transaction state the hooks compare with. */
    void settle() {
        usedInTransaction = engine.inTransaction();
        changesMark = totalChanges(changesMark);
    }

    private long totalChanges(long otherwise) {
        try {
            return engine.totalChanges();
        } catch (SQLException e) {
            return otherwise;
        }
    }

    /** The update hook: a row of this connection was inserted, updated or deleted. */
    @Override
    public void changed(String database, String table, long rowId) {
        if (WRITING.get() != engine && rowId == row && Identifiers.same(table, tableName)
                && Identifiers.same(database, schemaName)) {
            pending = ErrorTable.SQLITE_ABORT;
        }
    }

    @Override
    public void committed() {
        usedInTransaction = false;
        changesMark = totalChanges(changesMark);
    }

    /**
     * The rollback hook. It also fires when a failing statement outside a transaction undoes its own
     * work, which must not trip the blob: only a rollback of a transaction that the blob used, or that
     * changed rows since, does.
     */
    @Override
    public void rolledBack() {
        long now = totalChanges(changesMark);
        if (!readonly && (usedInTransaction || now > changesMark)) {
            pending = SqliteCodes.SQLITE_ABORT_ROLLBACK;
        }
        usedInTransaction = false;
        changesMark = now;
    }
}
