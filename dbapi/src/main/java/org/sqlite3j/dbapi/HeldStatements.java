package org.sqlite3j.dbapi;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.Set;

/**
 * The cursors of a connection that hold a statement mid-result. In CPython a cursor that is dropped
 * mid-result is freed at once and its statement reset, releasing SQLite's read lock; in Java the garbage
 * collector tells us later, through a weak reference, and the connection resets the statement the next
 * time it runs one (on its own thread, {@link #releaseForgotten}). Closing cursors, or reading them to the
 * end, releases at once.
 */
final class HeldStatements {

    /** A statement a cursor holds between fetches, watched through the cursor's weak reference. */
    static final class Held extends WeakReference<Cursor> {
        final Statement statement;

        Held(Cursor cursor, Statement statement, ReferenceQueue<Cursor> queue) {
            super(cursor, queue);
            this.statement = statement;
        }
    }

    private final Set<Held> held = new HashSet<>();
    private final ReferenceQueue<Cursor> forgotten = new ReferenceQueue<>();

    Held hold(Cursor cursor, Statement statement) {
        Held h = new Held(cursor, statement, forgotten);
        held.add(h);
        return h;
    }

    void letGo(Held h) {
        held.remove(h);
        h.clear();
    }

    /** Gives back to {@code connection} the statements of cursors the garbage collector found dropped. */
    void releaseForgotten(Connection connection) {
        Reference<? extends Cursor> ref;
        while ((ref = forgotten.poll()) != null) {
            if (held.remove(ref)) {
                connection.release(((Held) ref).statement);
            }
        }
    }

    /** Whether a held statement writes (an unfinished {@code INSERT ... RETURNING}). */
    boolean anyWriting() {
        return held.stream().anyMatch(h -> !h.statement.readonly);
    }
}
