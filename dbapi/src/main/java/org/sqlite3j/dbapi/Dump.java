package org.sqlite3j.dbapi;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.sqlite3j.driver.internal.Quote;
import org.sqlite3j.pickle.PyRepr;

/**
 * {@code Connection.iterdump(*, filter=None)}: the database as SQL text, line for line what
 * CPython 3.13's {@code Lib/sqlite3/dump.py} yields for the same database.
 *
 * <p>The lines, in order:
 * <ol>
 *   <li>{@code PRAGMA foreign_keys=OFF;} — only when {@code PRAGMA foreign_key_check} reports a
 *       violation;</li>
 *   <li>{@code BEGIN TRANSACTION;}</li>
 *   <li>for each table of {@code sqlite_master} with SQL, ordered by name (only names
 *       {@code LIKE filter} when a filter is given): its {@code CREATE} statement followed by
 *       one {@code INSERT INTO "name" VALUES(...);} per row, each value written by SQLite's
 *       {@code quote()} (so NULL, integers, REALs, {@code X'..'} BLOBs and {@code '..'} text are
 *       exactly as the linked SQLite formats them; text is cut at its first NUL, newlines are kept
 *       raw). Special tables: {@code sqlite_sequence} is not created but remembered;
 *       {@code sqlite_stat1} is preceded by {@code ANALYZE "sqlite_master";} instead of a
 *       {@code CREATE}; other {@code sqlite_*} tables are skipped; a virtual table is written as
 *       {@code PRAGMA writable_schema=ON;} (once) and an {@code INSERT INTO sqlite_master}, then its
 *       rows;</li>
 *   <li>the {@code CREATE} statements of indexes, triggers and views (filtered the same way), in
 *       {@code sqlite_master} order;</li>
 *   <li>{@code PRAGMA writable_schema=OFF;} when it was turned on;</li>
 *   <li>{@code DELETE FROM "sqlite_sequence";} and one {@code INSERT INTO "sqlite_sequence"
 *       VALUES('name',seq);} per sequence, when {@code sqlite_sequence} was dumped;</li>
 *   <li>{@code COMMIT;}</li>
 * </ol>
 *
 * <p>Identifiers are double-quoted with {@code "} doubled; string values single-quoted with
 * {@code '} doubled. A null or empty filter means every object, as Python's {@code if filter:}.
 * The filter is an SQL {@code LIKE} pattern (no escape character, ASCII case-insensitive unless
 * {@code PRAGMA case_sensitive_like} is on) matched against object names, not table names of
 * indexes or triggers.
 *
 * <p>Lines are produced lazily, as Python's generator yields them: nothing is read before the
 * first {@link Iterator#hasNext()}, each table's rows are streamed from SQLite one at a time, and
 * an error ends the iteration. The closed-connection check happens at once (as in CPython's C
 * wrapper); the same-thread check on first use.
 *
 * <p>The connection's state is left alone: the dump runs on its own cursor with no row factory,
 * and reads every TEXT value as {@code CAST(... AS BLOB)} decoded here as strict UTF-8, so the
 * connection's {@code text_factory} does not matter (CPython's dump breaks with a bytes
 * factory). Like CPython it runs inside whatever transaction is open, issuing only queries.
 *
 * <p>One deliberate difference from CPython 3.13.0: a table name containing {@code '} is written
 * correctly (CPython 3.13.0 raises {@code OperationalError} building its query); this is the
 * upstream fix of python/cpython#153658, which later CPython releases carry.
 */
final class Dump {

    private Dump() {
    }

    /**
     * The dump of {@code con}'s main database, one SQL statement per element, as CPython's
     * {@code con.iterdump(filter=filter)}.
     *
     * @param filter a {@code LIKE} pattern on object names, or null (or "") for everything
     * @throws Sqlite3.ProgrammingError "Cannot operate on a closed database." when closed; during
     *                                  iteration, whatever the queries raise (for instance
     *                                  {@link Sqlite3.OperationalError} for text that is not UTF-8)
     */
    static Iterator<String> iterdump(Connection con, String filter) {
        Objects.requireNonNull(con, "con");
        if (con.isClosed()) {
            throw new Sqlite3.ProgrammingError("Cannot operate on a closed database.");
        }
        return new Lines(con, filter == null || filter.isEmpty() ? null : filter);
    }

    private static String quoteName(String name) {
        return Quote.identifier(name);
    }

    private static String quoteValue(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /** The generator: refills {@link #pending} one step at a time. */
    private static final class Lines implements Iterator<String> {
        private static final int START = 0;
        private static final int TABLES = 1;
        private static final int DONE = 2;

        private final Connection con;
        private final String filter;
        private final ArrayDeque<String> pending = new ArrayDeque<>();
        private int phase = START;
        private Cursor cursor;
        private Iterator<Row> tables;
        private Iterator<Row> rows;
        private boolean writableSchema;
        private List<String> sequence = List.of();

        Lines(Connection con, String filter) {
            this.con = con;
            this.filter = filter;
        }

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && phase != DONE) {
                try {
                    step();
                } catch (RuntimeException | Error e) {
                    finish();
                    throw e;
                }
            }
            return !pending.isEmpty();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll();
        }

        private void step() {
            if (phase == START) {
                start();
            } else if (rows != null && rows.hasNext()) {
                pending.add(text(rows.next().get(0), "INSERT") + ";");
            } else if (tables.hasNext()) {
                rows = null;
                Row table = tables.next();
                table(text(table.get(0), "name"), text(table.get(1), "sql"));
            } else {
                rows = null;
                tail();
            }
        }

        private void start() {
            cursor = con.cursor();
            cursor.rowFactory(null);
            if (cursor.execute("PRAGMA foreign_key_check").fetchone() != null) {
                pending.add("PRAGMA foreign_keys=OFF;");
            }
            pending.add("BEGIN TRANSACTION;");
            // fetched whole before anything is dumped, as CPython's fetchall()
            tables = query("SELECT CAST(\"name\" AS BLOB), CAST(\"sql\" AS BLOB)"
                    + " FROM \"sqlite_master\" WHERE \"sql\" NOT NULL AND \"type\" == 'table'"
                    + filterClause() + " ORDER BY \"name\"").iterator();
            phase = TABLES;
        }

        private void table(String name, String sql) {
            if (name.equals("sqlite_sequence")) {
                List<String> lines = new ArrayList<>();
                lines.add("DELETE FROM \"sqlite_sequence\"");
                for (Row row : cursor.execute("SELECT CAST(\"name\" AS BLOB), \"seq\","
                        + " typeof(\"seq\") == 'text', CAST(\"seq\" AS BLOB) FROM \"sqlite_sequence\"").fetchall()) {
                    lines.add("INSERT INTO \"sqlite_sequence\" VALUES("
                            + quoteValue(text(row.get(0), "name")) + "," + pythonStr(row) + ")");
                }
                sequence = lines;
                return;
            } else if (name.equals("sqlite_stat1")) {
                pending.add("ANALYZE \"sqlite_master\";");
            } else if (name.startsWith("sqlite_")) {
                return;
            } else if (sql.startsWith("CREATE VIRTUAL TABLE")) {
                if (!writableSchema) {
                    writableSchema = true;
                    pending.add("PRAGMA writable_schema=ON;");
                }
                pending.add("INSERT INTO sqlite_master(type,name,tbl_name,rootpage,sql)VALUES('table',"
                        + quoteValue(name) + "," + quoteValue(name) + ",0," + quoteValue(sql) + ");");
            } else {
                pending.add(sql + ";");
            }
            String ident = quoteName(name);
            StringBuilder values = new StringBuilder();
            for (Row column : cursor.execute("SELECT CAST(\"name\" AS BLOB) FROM pragma_table_info(?)",
                    name).fetchall()) {
                if (values.length() > 0) {
                    values.append("','");
                }
                values.append("||quote(").append(quoteName(text(column.get(0), "name"))).append(")||");
            }
            // The INSERT text is assembled by SQLite, as in CPython: the table name sits inside a
            // string literal, so its single quotes are doubled there (python/cpython#153658).
            rows = cursor.execute("SELECT CAST('INSERT INTO " + ident.replace("'", "''")
                    + " VALUES('" + values + "')' AS BLOB) FROM " + ident + ";").iterator();
        }

        private void tail() {
            for (Row row : query("SELECT CAST(\"sql\" AS BLOB) FROM \"sqlite_master\""
                    + " WHERE \"sql\" NOT NULL AND \"type\" IN ('index', 'trigger', 'view')"
                    + filterClause())) {
                pending.add(text(row.get(0), "sql") + ";");
            }
            if (writableSchema) {
                pending.add("PRAGMA writable_schema=OFF;");
            }
            for (String line : sequence) {
                pending.add(line + ";");
            }
            pending.add("COMMIT;");
            finish();
        }

        private String filterClause() {
            return filter == null ? "" : " AND \"name\" LIKE ?";
        }

        private List<Row> query(String sql) {
            Cursor result = filter == null ? cursor.execute(sql) : cursor.execute(sql, filter);
            return result.fetchall();
        }

        private void finish() {
            phase = DONE;
            rows = null;
            tables = null;
            if (cursor != null) {
                cursor.close();
                cursor = null;
            }
        }
    }

    /** TEXT read as {@code CAST(x AS BLOB)}: its UTF-8 bytes, decoded strictly as Python's str. */
    private static String text(Object value, String column) {
        if (value == null) {
            return null;
        }
        byte[] bytes = (byte[]) value;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Sqlite3.OperationalError("Could not decode to UTF-8 column '" + column
                    + "' with text '" + new String(bytes, StandardCharsets.UTF_8) + "'");
        }
    }

    /**
     * Python's {@code str(seq)} for a {@code sqlite_sequence} row read as
     * {@code (name, seq, typeof(seq) == 'text', CAST(seq AS BLOB))}.
     */
    private static String pythonStr(Row row) {
        Object seq = row.get(1);
        if (seq == null) {
            return "None";
        } else if (seq instanceof Long) {
            return seq.toString();
        } else if (seq instanceof Double) {
            return PyRepr.floatRepr((Double) seq);
        } else if (Long.valueOf(1).equals(row.get(2))) {
            return text(row.get(3), "seq");
        }
        return PythonValues.reprBytes((byte[]) row.get(3));
    }

}
