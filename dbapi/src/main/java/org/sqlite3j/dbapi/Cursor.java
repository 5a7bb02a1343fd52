package org.sqlite3j.dbapi;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.sqlite3j.adapters.Converter;
import org.sqlite3j.sqltext.SqlScanner;

/**
 * Python's {@code sqlite3.Cursor}: executes statements and fetches their rows, one at a time
 * from SQLite, so iterating a result of any size runs in constant memory.
 *
 * <pre>{@code
 * Cursor cur = con.cursor();
 * cur.execute("SELECT name FROM people WHERE age > ?", 30);
 * Row first = cur.fetchone();               // null when there are no rows
 * List<Row> next10 = cur.fetchmany(10);
 * for (Row row : cur) { ... }                // the rest
 * }</pre>
 *
 * <p>Fetch methods return {@link Row}s. With a row factory that makes something else, fetch with
 * the class it makes: {@code cur.fetchone(Map.class)}, {@code cur.fetchall(Person.class)},
 * {@code cur.stream(Person.class)}.
 *
 * <p>Like every object of this module, a cursor is used by one thread at a time. {@link #close()}
 * is idempotent; other calls after it raise {@link Sqlite3.ProgrammingError}
 * "Cannot operate on a closed cursor.".
 */
public class Cursor implements Iterable<Row>, AutoCloseable {

    /** How many rows executemany hands to SQLite in one batch. */
    private static final int BATCH_ROWS = 256;

    private final Connection connection;
    private Statement statement;
    private HeldStatements.Held held;
    private boolean hasRow;
    private int columnCount;
    private String[] columnNames;
    /** The converter of each column under detect_types, or null when no column has one. */
    private Converter<?>[] converters;
    /** Reads the rows of the current statement; set up at its first row. */
    private final RowReader reader = new RowReader();
    private boolean readerReady;
    private List<ColumnDescription> description;
    private long rowcount = -1;
    private Long lastrowid;
    private int arraysize = 1;
    private RowFactory rowFactory;
    private boolean closed;
    private boolean locked;

    /** {@code sqlite3.Cursor(con)}, the same as {@link Connection#cursor()}. */
    public Cursor(Connection connection) {
        this.connection = Arguments.notNone(connection, "Cursor() argument 1", "sqlite3.Connection");
        connection.checkUsable();
        this.rowFactory = connection.rowFactory();
    }

    // ---------------------------------------------------------------------------------------------
    // execute
    // ---------------------------------------------------------------------------------------------

    /** {@code cur.execute(sql)}: runs one statement without parameters. */
    public Cursor execute(String sql) {
        return run(sql, null);
    }

    /**
     * {@code cur.execute(sql, parameters)} with qmark parameters as varargs or an array:
     * {@code cur.execute("INSERT INTO t VALUES (?, ?)", 1, "x")}.
     */
    public Cursor execute(String sql, Object... parameters) {
        return run(sql, parameters == null ? new Object[] {null} : parameters);
    }

    /** {@code cur.execute(sql, parameters)} with a sequence of qmark parameters. */
    public Cursor execute(String sql, List<?> parameters) {
        return run(sql, parameters == null ? Collections.singletonList(null) : parameters);
    }

    /** {@code cur.execute(sql, {"name": value})} for {@code :name}, {@code @name}, {@code $name}, {@code ?NNN}. */
    public Cursor execute(String sql, Map<String, ?> parameters) {
        return run(sql, parameters == null ? Collections.singletonList(null) : parameters);
    }

    private Cursor run(String sql, Object parameters) {
        Arguments.str(sql, "execute() argument 1");
        enterExecute();
        try {
            Statement stmt = begin(sql);
            if (stmt == null) {
                Binder.bindNothing(parameters);
                return this;
            }
            Object[] values;
            try {
                values = Binder.bind(stmt, parameters, connection.adapters());
            } catch (RuntimeException e) {
                abandon();
                throw e;
            }
            if (connection.tracing()) {
                connection.trace(connection.traceText(stmt, values));
            }
            boolean row = executeFirst(stmt, values);
            if (stmt.isDml()) {
                rowcount = row ? 0 : changes();
            }
            lastrowid = connection.lastInsertRowid();
            describe(stmt);
            if (row) {
                hasRow = true;
                held = connection.held().hold(this, stmt);
            } else {
                releaseStatement();
            }
            return this;
        } finally {
            locked = false;
        }
    }

    /** Resets the cursor for a new statement and obtains it; null for an empty statement. */
    private Statement begin(String sql) {
        releaseStatement();
        description = null;
        columnNames = null;
        columnCount = 0;
        readerReady = false;
        rowcount = -1;
        Statement stmt = connection.acquire(sql);
        if (stmt == null) {
            return null;
        }
        statement = stmt;
        try {
            connection.beginImplicitly(stmt);
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
        return stmt;
    }

    private boolean executeFirst(Statement stmt, Object[] values) {
        if (stmt.mayInsert) {
            connection.mayHaveInserted();
        }
        try {
            return connection.engine().execute(stmt.core, values, stmt.kind);
        } catch (SQLException e) {
            abandon();
            throw ErrorTable.translate(e);
        } catch (RuntimeException e) {
            // a callback's exception (a collation's): CPython has described the statement and
            // copied lastrowid before it raises
            if (!(e instanceof Sqlite3.Error)) {
                lastrowid = connection.lastInsertRowid();
                describe(stmt);
            }
            abandon();
            throw e;
        }
    }

    private void describe(Statement stmt) {
        try {
            columnCount = connection.engine().columnCount(stmt.core);
            converters = null;
            if (columnCount > 0) {
                String[] names = connection.engine().columnNames(stmt.core, columnCount);
                int detect = connection.detectTypes();
                if (detect != 0) {
                    converters = TypeDetection.converters(connection, stmt.core, names, detect);
                    if ((detect & Sqlite3.PARSE_COLNAMES) != 0) {
                        names = TypeDetection.strippedNames(names);
                    }
                }
                columnNames = names; // the description is made from them when asked for
            }
        } catch (SQLException e) {
            abandon();
            throw ErrorTable.translate(e);
        }
    }

    private long changes() {
        try {
            return connection.engine().changes();
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // executemany / executescript
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code cur.executemany(sql, seq_of_parameters)}: runs one DML statement once per parameter set
     * (each a List, an array or a Map). The sets are read one at a time, so a generator of any length
     * is fine. {@link #rowcount()} is the sum of the changes; {@link #lastrowid()} is not updated.
     *
     * @throws Sqlite3.ProgrammingError "executemany() can only execute DML statements." for a
     *                                   statement that only reads
     */
    public Cursor executemany(String sql, Iterable<?> seqOfParameters) {
        Arguments.str(sql, "executemany() argument 1");
        return executemany(sql, Arguments.iterable(seqOfParameters).iterator());
    }

    /** {@code cur.executemany(sql, iterator)}. */
    public Cursor executemany(String sql, Iterator<?> seqOfParameters) {
        Arguments.str(sql, "executemany() argument 1");
        Arguments.iterable(seqOfParameters);
        enterExecute();
        try {
            Statement stmt = begin(sql);
            if (stmt == null || stmt.readonly) {
                abandon();
                throw new Sqlite3.ProgrammingError("executemany() can only execute DML statements.");
            }
            if (stmt.mayInsert) {
                connection.mayHaveInserted();
            }
            runBatches(stmt, seqOfParameters);
            releaseStatement();
            return this;
        } finally {
            locked = false;
        }
    }

    private void runBatches(Statement stmt, Iterator<?> rows) {
        Engine engine = connection.engine();
        Handle batch = stmt.core;
        int params = stmt.parameterCount();
        long total = stmt.isDml() ? 0 : -1;
        int pending = 0;
        try {
            while (true) {
                Object[] values;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    Object row = rows.next();
                    if (row == null) { // (null alone means "no parameters" to execute)
                        throw new Sqlite3.ProgrammingError("parameters are of unsupported type");
                    }
                    values = Binder.bind(stmt, row, connection.adapters());
                } catch (RuntimeException e) {
                    // Python has run every earlier set before it meets a bad one.
                    total = flush(engine, batch, pending, total);
                    pending = 0;
                    throw e;
                }
                if (connection.tracing()) {
                    connection.trace(connection.traceText(stmt, values));
                }
                if (params == 0) {
                    boolean row = engine.execute(stmt.core, values);
                    if (row) {
                        throw new Sqlite3.ProgrammingError(
                                "executemany() can only execute DML statements.");
                    }
                    if (total >= 0) {
                        total += engine.changes();
                    }
                    continue;
                }
                engine.addBatch(batch, values);
                if (++pending == BATCH_ROWS) {
                    total = flush(engine, batch, pending, total);
                    pending = 0;
                }
            }
            total = flush(engine, batch, pending, total);
            rowcount = total;
        } catch (SQLException e) {
            engine.clearBatch(batch);
            rowcount = -1;
            abandon();
            throw ErrorTable.translate(e);
        } catch (RuntimeException e) {
            engine.clearBatch(batch);
            rowcount = -1;
            abandon();
            throw e;
        }
    }

    private static long flush(Engine engine, Handle batch, int pending, long total)
            throws RuntimeException {
        if (pending == 0) {
            return total;
        }
        try {
            long[] counts = engine.executeBatch(batch);
            if (total >= 0) {
                for (long count : counts) {
                    total += count;
                }
            }
            return total;
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    /**
     * {@code cur.executescript(script)}: with legacy transaction control, commits an open
     * transaction first; then runs every statement of the script in order, discarding rows. As in
     * CPython, the cursor's own state (an unfinished result, description, rowcount, lastrowid) is
     * left as it was.
     *
     * @throws Sqlite3.ValueError "embedded null character" for a script containing NUL
     */
    public Cursor executescript(String script) {
        Arguments.str(script, "executescript() argument");
        enter();
        try {
            if (script.indexOf('\0') >= 0) {
                throw new Sqlite3.ValueError("embedded null character");
            }
            Sqlite3.UnicodeEncodeError.check(script);
            connection.checkLength(script);
            connection.commitBeforeScript();
            connection.mayHaveInserted();
            Engine engine = connection.engine();
            int position = 0;
            while (true) {
                int start = SqlText.statementStart(script, position);
                if (start >= script.length()) {
                    break;
                }
                int end = SqlScanner.endOfStatement(script, start);
                runScriptStatement(engine, script.substring(position, end), start - position);
                position = end;
            }
            return this;
        } finally {
            locked = false;
        }
    }

    private void runScriptStatement(Engine engine, String sql, int start) {
        Handle core = SqlText.prepareUserSql(engine, sql);
        Statement stmt = SqlText.describe(sql, start, sql.length(), core);
        connection.trace(sql);
        try {
            boolean row = engine.execute(core, null, stmt.kind);
            while (row) {
                row = engine.step(core);
            }
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        } finally {
            engine.close(core);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // fetch
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code cur.fetchone()}: the next row, or null when there are no more.
     *
     * @throws Sqlite3.TypeError when a row factory makes something other than a {@link Row}: use
     *                           {@link #fetchone(Class)} then
     */
    public Row fetchone() {
        return fetchone(Row.class);
    }

    /**
     * {@code cur.fetchone()} for a row factory that makes {@code type}:
     * {@code Map<?, ?> row = cur.fetchone(Map.class)}.
     */
    public <T> T fetchone(Class<T> type) {
        Arguments.notNone(type, "fetchone() argument 'type'", "a class");
        enter();
        try {
            return hasRow ? as(type, next()) : null;
        } finally {
            locked = false;
        }
    }

    /** {@code cur.fetchmany()}: up to {@link #arraysize()} rows. */
    public List<Row> fetchmany() {
        return fetchmany(arraysize, Row.class);
    }

    /**
     * {@code cur.fetchmany(size)}: up to {@code size} rows; fewer (or none) at the end. As in
     * CPython, a size of 0 or less fetches all remaining rows.
     */
    public List<Row> fetchmany(int size) {
        return fetchmany(size, Row.class);
    }

    /** {@code cur.fetchmany(size)} for a row factory that makes {@code type}. */
    public <T> List<T> fetchmany(int size, Class<T> type) {
        Arguments.notNone(type, "fetchmany() argument 'type'", "a class");
        enter();
        try {
            List<T> rows = new ArrayList<>(Math.max(0, Math.min(size, 1024)));
            int count = 0;
            while (hasRow) {
                rows.add(as(type, next()));
                if (++count == size) {
                    break;
                }
            }
            return rows;
        } finally {
            locked = false;
        }
    }

    /** {@code cur.fetchall()}: all remaining rows. */
    public List<Row> fetchall() {
        return fetchall(Row.class);
    }

    /** {@code cur.fetchall()} for a row factory that makes {@code type}. */
    public <T> List<T> fetchall(Class<T> type) {
        Arguments.notNone(type, "fetchall() argument 'type'", "a class");
        enter();
        try {
            List<T> rows = new ArrayList<>();
            while (hasRow) {
                rows.add(as(type, next()));
            }
            return rows;
        } finally {
            locked = false;
        }
    }

    /** Iterates over the remaining rows ({@code for row in cur}). */
    @Override
    public Iterator<Row> iterator() {
        return rows(Row.class);
    }

    /** The remaining rows as a lazy stream of what the row factory makes. */
    public <T> Stream<T> stream(Class<T> type) {
        Arguments.notNone(type, "stream() argument 'type'", "a class");
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(rows(type), Spliterator.ORDERED), false);
    }

    /** The remaining rows as a lazy stream. */
    public Stream<Row> stream() {
        return stream(Row.class);
    }

    private <T> Iterator<T> rows(Class<T> type) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                checkOpen();
                return hasRow;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more rows");
                }
                return fetchone(type);
            }
        };
    }

    private static <T> T as(Class<T> type, Object row) {
        if (row == null || type.isInstance(row)) {
            return type.cast(row);
        }
        throw new Sqlite3.TypeError("the row factory made a " + row.getClass().getName()
                + ", not a " + type.getName() + ": fetch with fetchone(" + row.getClass().getSimpleName()
                + ".class), fetchall(...) or stream(...) of that class");
    }

    /** Reads the current row, steps to the next, applies the row factory. */
    private Object next() {
        if (!hasRow) {
            return null;
        }
        Statement stmt = statement;
        Engine engine = connection.engine();
        Object[] values;
        boolean more;
        try {
            if (!readerReady) {
                reader.configure(columnCount, columnNames, converters, engine.textIsUtf8());
                readerReady = true;
            }
            values = reader.read(stmt.core, connection.textMode(), connection.textFunction(), true,
                    stmt.pureQuery && !engine.javaInSteps());
        } catch (SQLException e) {
            abandon();
            throw ErrorTable.translate(e);
        }
        // (a converter's or text factory's exception propagates from read, and the next fetch
        // converts the same row again, as in CPython)
        hasRow = false;
        try {
            more = reader.stepped() ? engine.stepped(stmt.core, reader.stepResult()) : engine.step(stmt.core);
            if (more) {
                hasRow = true;
            } else {
                if (stmt.isDml()) {
                    rowcount = engine.changes();
                }
                releaseStatement();
            }
        } catch (SQLException e) {
            abandon();
            throw ErrorTable.translate(e);
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
        Row row = new Row(columnNames, values);
        RowFactory factory = rowFactory;
        if (factory == null || factory == Row.FACTORY) {
            return row;
        }
        return factory.create(this, row);
    }

    // ---------------------------------------------------------------------------------------------
    // attributes
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code cur.description}: one {@link ColumnDescription} per result column of the last
     * statement (even when it returned no rows), or null for statements without columns.
     */
    public List<ColumnDescription> description() {
        if (description == null && columnNames != null) {
            ColumnDescription[] columns = new ColumnDescription[columnNames.length];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = ColumnDescription.of(columnNames[i]);
            }
            description = List.of(columns);
        }
        return description;
    }

    /**
     * {@code cur.rowcount}: rows changed by the last INSERT/UPDATE/DELETE/REPLACE (summed over
     * executemany; for RETURNING, 0 until every row is fetched); -1 for other statements and after
     * an error.
     */
    public long rowcount() {
        return rowcount;
    }

    /**
     * {@code cur.lastrowid}: the connection's last inserted rowid as of the last successful
     * {@code execute()}; null before the first one. executemany and executescript leave it alone.
     */
    public Long lastrowid() {
        return lastrowid;
    }

    /** {@code cur.arraysize}: how many rows {@link #fetchmany()} returns (1 by default). */
    public int arraysize() {
        return arraysize;
    }

    /** Sets {@code cur.arraysize} (0 or less makes {@link #fetchmany()} fetch everything, as in CPython). */
    public void arraysize(int size) {
        arraysize = size;
    }

    /** {@code cur.row_factory}: taken from the connection when the cursor was made. */
    public RowFactory rowFactory() {
        return rowFactory;
    }

    /** Sets {@code cur.row_factory} for this cursor's next fetches. */
    public void rowFactory(RowFactory factory) {
        this.rowFactory = factory;
    }

    /** {@code cur.connection}. */
    public Connection connection() {
        return connection;
    }

    /** {@code cur.setinputsizes(sizes)}: does nothing at all (not even check the cursor), as in CPython. */
    public void setinputsizes(Object sizes) {
        // intentionally empty
    }

    /** {@code cur.setoutputsize(size, column)}: does nothing at all, as in CPython. */
    public void setoutputsize(int size, Integer column) {
        // intentionally empty
    }

    /**
     * {@code cur.close()}: frees the statement; closing twice does nothing. Afterwards the fetch and
     * execute methods raise ProgrammingError; the attributes stay readable, as in Python.
     *
     * @throws Sqlite3.ProgrammingError "Recursive use of cursors not allowed." when called while
     *                                   this cursor is fetching (from a converter or row factory);
     *                                   "Cannot operate on a closed database." when the connection
     *                                   is closed (CPython's order of checks)
     */
    @Override
    public void close() {
        if (locked) { // a converter or row factory closing the cursor it is fetching from (CPython checks this first)
            throw new Sqlite3.ProgrammingError("Recursive use of cursors not allowed.");
        }
        connection.checkUsable();
        if (closed) {
            return;
        }
        releaseStatement();
        closed = true;
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------------------------------------
    // state
    // ---------------------------------------------------------------------------------------------

    /**
     * CPython's {@code check_cursor} order: the cursor closed, then the connection (thread, closed), then
     * the recursion guard (a cursor used from its own adapter after closing the connection is told the
     * database is closed, as in CPython 3.13).
     */
    private void enter() {
        checkOpen();
        if (locked) {
            throw new Sqlite3.ProgrammingError("Recursive use of cursors not allowed.");
        }
        locked = true;
    }

    /** The cursor's own state first, then the connection's, in CPython's order. */
    private void checkOpen() {
        if (closed) {
            throw new Sqlite3.ProgrammingError("Cannot operate on a closed cursor.");
        }
        connection.checkUsable();
    }

    /** {@link #enter()} for execute and executemany: CPython's error path sets rowcount to -1 even then. */
    private void enterExecute() {
        try {
            enter();
        } catch (RuntimeException e) {
            rowcount = -1;
            throw e;
        }
    }

    /** Gives the statement back (reset) after it finished or the cursor moves on. */
    private void releaseStatement() {
        hasRow = false;
        if (held != null) {
            connection.held().letGo(held);
            held = null;
        }
        Statement stmt = statement;
        if (stmt != null) {
            statement = null;
            connection.release(stmt);
        }
    }

    /** After an error: the statement is given back, rowcount is -1, as in CPython. */
    private void abandon() {
        releaseStatement();
        rowcount = -1;
    }

    @Override
    public String toString() {
        return "<sqlite3j.Cursor " + (closed ? "closed" : "open")
                + (columnNames == null ? "" : " " + Arrays.toString(columnNames)) + ">";
    }
}
