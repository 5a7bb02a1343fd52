package org.sqlite3j.dbapi;

/**
 * A statement an {@link Engine} prepared, as the façade holds it between calls ({@link Statement}, the
 * cursors, {@link Blob}): opaque outside the engine that made it.
 */
interface Handle {

    /** Whether the statement has been finalized (closed by the engine, or with the connection). */
    boolean isClosed();
}
