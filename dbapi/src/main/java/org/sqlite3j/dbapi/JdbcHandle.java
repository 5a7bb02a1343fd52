package org.sqlite3j.dbapi;

import org.sqlite.core.CoreStatement;

/** A {@link Handle} of the {@link JdbcEngine}: sqlite-jdbc's statement. */
final class JdbcHandle implements Handle {

    /** sqlite-jdbc's statement: for {@link JdbcEngine} and {@link RowReader} only. */
    final CoreStatement core;

    JdbcHandle(CoreStatement core) {
        this.core = core;
    }

    @Override
    public boolean isClosed() {
        return core.pointer == null || core.pointer.isClosed();
    }
}
