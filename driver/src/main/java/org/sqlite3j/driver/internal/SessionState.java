package org.sqlite3j.driver.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

/**
 * The session state of one SQLite connection that a pool must not hand from one borrower to the
 * next, and putting it back when the connection is given back ({@link #restore()}). It covers
 * <ul>
 * <li>the per-connection PRAGMAs of {@link #PRAGMAS} — {@code query_only}, {@code foreign_keys},
 *     {@code recursive_triggers}, {@code busy_timeout}, {@code cache_size}, {@code synchronous},
 *     {@code temp_store}, {@code mmap_size} and others;</li>
 * <li>TEMP tables, views, indexes and triggers (all of the temp schema goes, as when
 *     {@code temp_store} changes);</li>
 * <li>attached databases;</li>
 * <li>run-time limits ({@code sqlite3_limit});</li>
 * <li>after {@link #willChangeCallbacks()}, SQL functions and collations registered since:
 *     collations and variadic functions are removed; a function of a fixed number of arguments,
 *     which sqlite-jdbc cannot remove, is replaced by {@link #unregistered(String)}, which fails
 *     every call with SQLite's "no such function: NAME" (when it runs rather than when it is
 *     prepared) and lets the borrower's callback be collected.</li>
 * </ul>
 * Not covered: a function or collation the borrower <em>replaced</em> under a name that was there
 * before (SQLite lists names, not implementations), {@code journal_mode} and {@code locking_mode}
 * (changing them back can need locks other connections hold), {@code max_page_count} (reading it
 * takes the database's lock), the write-only {@code case_sensitive_like}, and sqlite-jdbc's busy
 * handler, progress handler and update/commit listeners (it cannot tell which are set). What cannot
 * be put back is reported as an {@link SQLException} with SQLState 08006, so that a pool (HikariCP)
 * evicts the connection.
 *
 * <p><b>Cost.</b> Only what may have changed is read, and only then: the owner calls
 * {@link #willRun(String)} before SQL runs — SQL whose text names a PRAGMA of the list, ATTACH,
 * DETACH or TEMP marks those settings (the rest costs one scan of the text) — and
 * {@link #willChangeLimits()}, {@link #willChange()} or {@link #willChangeCallbacks()} before API
 * calls that may change anything. A setting's value before the first change is read once, with a
 * statement prepared for it and kept; {@link #restore()} reads the marked settings again (a few
 * µs each) and runs SQL only for those that differ; after a borrower that changed nothing it does
 * nothing.
 */
public final class SessionState {

    /** Per-connection PRAGMAs, restored in this order: query_only first (it blocks the rest). */
    private static final List<String> PRAGMAS = List.of("query_only", "foreign_keys", "recursive_triggers",
            "reverse_unordered_selects", "ignore_check_constraints", "legacy_alter_table", "trusted_schema",
            "writable_schema", "read_uncommitted", "automatic_index", "cell_size_check", "cache_size",
            "cache_spill", "secure_delete", "synchronous", "journal_size_limit", "threads", "analysis_limit",
            "count_changes", "full_column_names", "short_column_names", "empty_result_callbacks",
            "temp_store", "busy_timeout", "mmap_size", "wal_autocheckpoint");
    /** The settings: the PRAGMAs, then the temp schema's size, then the attached databases. */
    private static final int TEMP = PRAGMAS.size();
    private static final int ATTACHED = TEMP + 1;
    private static final int SETTINGS = ATTACHED + 1;
    private static final int TEMP_STORE = PRAGMAS.indexOf("temp_store");
    private static final int BUSY_TIMEOUT = PRAGMAS.indexOf("busy_timeout");
    /** SQLITE_LIMIT_LENGTH (0) to SQLITE_LIMIT_WORKER_THREADS (11). */
    private static final int LIMITS = 12;
    private static final int SQLITE_ROW = 100;

    private final SQLiteConnection connection;
    /** A setting's reader, prepared at its first use and kept. */
    private final CoreStatement[] readers = new CoreStatement[SETTINGS];
    /** A setting's value before the first change; null while not read (or without a value). */
    private final String[] baseline = new String[SETTINGS];
    private final boolean[] known = new boolean[SETTINGS];
    /** The settings that may have changed since the last restore. */
    private final boolean[] marked = new boolean[SETTINGS];
    private boolean anyMarked;
    private int[] limits;
    private boolean limitsMarked;
    private Set<String> functions;
    private Set<String> collations;
    private boolean callbacksMarked;

    /** The session of {@code connection} (sqlite-jdbc's own, whose statements this steps directly). */
    public SessionState(SQLiteConnection connection) {
        this.connection = connection;
    }

    /**
     * Before {@code sql} runs: the settings it may change (its text names the PRAGMA; ATTACH or
     * DETACH; TEMP or TEMPORARY — anywhere, ignoring case, which errs on the side of checking) are
     * read if not read yet and marked for {@link #restore()}.
     */
    public void willRun(String sql) throws SQLException {
        if (sql == null || !(contains(sql, "pragma") || contains(sql, "attach") || contains(sql, "detach")
                || contains(sql, "temp"))) {
            return;
        }
        for (int i = 0; i < PRAGMAS.size(); i++) {
            if (contains(sql, PRAGMAS.get(i))) {
                mark(i);
            }
        }
        if (contains(sql, "temp")) {
            mark(TEMP);
        }
        if (contains(sql, "attach") || contains(sql, "detach")) {
            mark(ATTACHED);
        }
    }

    private static boolean contains(String text, String word) {
        int last = text.length() - word.length();
        char first = word.charAt(0);
        for (int i = 0; i <= last; i++) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Before an API call that changes limits ({@code sqlite3_limit}). */
    public void willChangeLimits() throws SQLException {
        if (limits == null) {
            int[] l = new int[LIMITS];
            for (int i = 0; i < LIMITS; i++) {
                l[i] = connection.getDatabase().limit(i, -1);
            }
            limits = l;
        }
        limitsMarked = true;
    }

    /** Before something that may change any setting runs. */
    public void willChange() throws SQLException {
        for (int i = 0; i < SETTINGS; i++) {
            mark(i);
        }
        willChangeLimits();
    }

    /** {@link #willChange()}, and functions and collations may be registered from now on. */
    public void willChangeCallbacks() throws SQLException {
        willChange();
        if (functions == null) {
            functions = functions();
            collations = new HashSet<>(column("SELECT name FROM pragma_collation_list"));
        }
        callbacksMarked = true;
    }

    private void mark(int setting) throws SQLException {
        if (!known[setting]) {
            baseline[setting] = read(setting);
            known[setting] = true;
        }
        marked[setting] = true;
        anyMarked = true;
    }

    /**
     * Puts back what may have changed since the last restore. No transaction may be open but the
     * empty one sqlite-jdbc keeps when JDBC auto-commit is off (it is committed around the changes
     * and begun again).
     *
     * @throws SQLException with SQLState 08006 when something could not be put back (a statement of
     *                      the borrower still running): the connection should not be used again
     */
    public void restore() throws SQLException {
        List<String> failures = new ArrayList<>();
        if (anyMarked) {
            anyMarked = false;
            restoreSettings(failures);
        }
        if (limitsMarked) {
            limitsMarked = false;
            DB db = connection.getDatabase();
            for (int i = 0; i < LIMITS; i++) {
                if (db.limit(i, -1) != limits[i]) {
                    db.limit(i, limits[i]);
                }
            }
        }
        if (callbacksMarked) {
            callbacksMarked = false;
            removeCallbacks(failures);
        }
        if (!failures.isEmpty()) {
            throw new SQLException("the connection's session could not be reset: " + String.join("; ", failures)
                    + "; it should not be used again", "08006");
        }
    }

    private void restoreSettings(List<String> failures) throws SQLException {
        String[] now = new String[SETTINGS];
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < SETTINGS; i++) {
            if (marked[i]) {
                marked[i] = false;
                now[i] = read(i);
                if (i < PRAGMAS.size() && i != BUSY_TIMEOUT && baseline[i] != null && !baseline[i].equals(now[i])) {
                    changes.add("PRAGMA " + PRAGMAS.get(i) + " = " + baseline[i]);
                }
            }
        }
        boolean detach = now[ATTACHED] != null && !now[ATTACHED].equals(baseline[ATTACHED]);
        boolean wipeTemp = now[TEMP] != null && !"0".equals(now[TEMP]);
        if (detach || wipeTemp || !changes.isEmpty()) {
            DB db = connection.getDatabase();
            boolean jdbcTransaction = !connection.getAutoCommit();
            if (jdbcTransaction) {
                connection.setAutoCommit(true); // commits sqlite-jdbc's empty BEGIN: PRAGMAs apply outside one
            }
            try {
                if (!changes.isEmpty() && changes.get(0).startsWith("PRAGMA query_only ")) {
                    run(db, changes.remove(0), failures);
                }
                if (detach) {
                    Set<String> before = Set.of(baseline[ATTACHED].split("\0"));
                    for (String name : now[ATTACHED].split("\0")) {
                        if (!name.isEmpty() && !before.contains(name)) {
                            run(db, "DETACH DATABASE " + Quote.identifier(name), failures);
                        }
                    }
                }
                if (wipeTemp) {
                    // a change of temp_store drops the whole temp schema; then back to what it was
                    String store = read(TEMP_STORE);
                    run(db, "PRAGMA temp_store = " + ("2".equals(store) ? "1" : "2"), failures);
                    run(db, "PRAGMA temp_store = " + store, failures);
                }
                for (String change : changes) {
                    run(db, change, failures);
                }
            } finally {
                if (jdbcTransaction) {
                    connection.setAutoCommit(false);
                }
            }
        }
        String busy = baseline[BUSY_TIMEOUT];
        if (now[BUSY_TIMEOUT] != null && busy != null && !busy.equals(now[BUSY_TIMEOUT])) {
            connection.setBusyTimeout(Integer.parseInt(busy)); // sqlite-jdbc's own record of it too
        }
    }

    /** Removes the functions and collations that were not there before (see the class comment). */
    private void removeCallbacks(List<String> failures) throws SQLException {
        for (String key : functions()) {
            if (functions.contains(key)) {
                continue;
            }
            int slash = key.lastIndexOf('/');
            String name = key.substring(0, slash);
            int narg = Integer.parseInt(key.substring(slash + 1));
            try {
                if (narg == -1) {
                    org.sqlite.Function.destroy(connection, name);
                } else {
                    org.sqlite.Function.create(connection, name, unregistered(name), narg, 0);
                }
            } catch (SQLException e) {
                failures.add("function " + Quote.quote(name) + " could not be removed");
            }
        }
        // SQLite keeps a removed collation's name in the list: removing it again does no harm
        for (String name : column("SELECT name FROM pragma_collation_list")) {
            if (!collations.contains(name)) {
                try {
                    org.sqlite.Collation.destroy(connection, name);
                } catch (SQLException e) {
                    failures.add("collation " + Quote.quote(name) + " could not be removed");
                }
            }
        }
    }

    /**
     * Stands for a function that is gone (sqlite-jdbc can only unregister variadic ones): every use
     * fails with SQLite's "no such function: NAME" — when the statement runs rather than when it is
     * prepared.
     */
    public static org.sqlite.Function unregistered(String name) {
        return new org.sqlite.Function.Window() {
            private final String message = "no such function: " + name;

            @Override
            protected void xStep() throws SQLException {
                error(message);
            }

            @Override
            protected void xInverse() throws SQLException {
                error(message);
            }

            @Override
            protected void xValue() throws SQLException {
                error(message);
            }

            @Override
            protected void xFinal() throws SQLException {
                error(message);
            }
        };
    }

    /** The functions of the connection as "name/narg" (stubs of {@link #unregistered} included). */
    private Set<String> functions() throws SQLException {
        return new HashSet<>(column("SELECT DISTINCT name || '/' || narg FROM pragma_function_list"));
    }

    private static void run(DB db, String sql, List<String> failures) {
        try {
            db.exec(sql, false);
        } catch (SQLException e) {
            failures.add(sql + ": " + SqliteErrors.sqliteMessage(e));
        }
    }

    /**
     * A setting's value now: a PRAGMA's first column (null without a row), the temp schema's size,
     * or the attached databases but main and temp, each followed by NUL. The table-valued
     * {@code pragma_*} functions are not used: each use of one prepares a statement.
     */
    private String read(int setting) throws SQLException {
        CoreStatement reader = readers[setting];
        if (reader == null || reader.pointer.isClosed()) {
            reader = (CoreStatement) connection.prepareStatement(setting < TEMP ? "PRAGMA " + PRAGMAS.get(setting)
                    : setting == TEMP ? "SELECT count(*) FROM temp.sqlite_schema" : "PRAGMA database_list");
            readers[setting] = reader;
        }
        if (setting == ATTACHED) {
            return reader.pointer.safeRun((db, p) -> {
                try {
                    StringBuilder names = new StringBuilder();
                    while (db.step(p) == SQLITE_ROW) {
                        String name = db.column_text(p, 1);
                        if (!name.equals("main") && !name.equals("temp")) {
                            names.append(name).append('\0');
                        }
                    }
                    return names.toString();
                } finally {
                    db.reset(p);
                }
            });
        }
        return reader.pointer.safeRun((db, p) -> {
            try {
                return db.step(p) == SQLITE_ROW ? db.column_text(p, 0) : null;
            } finally {
                db.reset(p);
            }
        });
    }

    /** The first column of every row of {@code sql}. */
    private List<String> column(String sql) throws SQLException {
        CoreStatement statement = (CoreStatement) connection.prepareStatement(sql);
        try {
            return statement.pointer.safeRun((db, p) -> {
                List<String> out = new ArrayList<>();
                while (db.step(p) == SQLITE_ROW) {
                    out.add(db.column_text(p, 0));
                }
                return out;
            });
        } finally {
            ((java.sql.Statement) statement).close();
        }
    }
}
