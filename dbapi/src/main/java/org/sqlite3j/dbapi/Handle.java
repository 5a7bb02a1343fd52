package org.sqlite3j.dbapi;

import org.sqlite.core.CoreStatement;

/**
 * A statement the engine prepared, as the façade holds it between calls ({@link Statement}, the cursors,
 * {@link Blob}): opaque outside the engine, which alone looks inside (sqlite-jdbc's statement here).
 */
final class Handle {

    /** sqlite-jdbc's statement: for {@link Engine} and {@link RowReader} only. */
    final CoreStatement core;

    Handle(CoreStatement core) {
        this.core = core;
    }

    /** Whether SQLite has finalized the statement (closed by the engine or with the connection). */
    boolean isClosed() {
        return core.pointer == null || core.pointer.isClosed();
    }
}
