package org.sqlite3j.dbapi;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.sqlite3j.driver.internal.Quote;
import org.sqlite3j.sqltext.Identifiers;

/**
 * {@code sqlite3_blob_open}'s checks for {@link Blob}, in SQLite's order and with its messages, made with
 * SQL on the schema (sqlite-jdbc binds no blob API): the table ({@code sqlite3LocateTable}, then the kinds
 * of table blob I/O refuses), the column, for writing the foreign-key and index checks and the write lock,
 * then the row and its value; and the statements the blob then reads and writes with.
 */
final class BlobOpener {

    /** What {@link #open} found: SQLite's names, the value's type and length, and the blob's statements. */
    record Opened(String schema, String table, String type, int length, String check, String read, String write) {
    }

    private final Engine engine;

    BlobOpener(Engine engine) {
        this.engine = engine;
    }

    /** Opens the value as {@code sqlite3_blob_open} would, or raises what it raises. */
    Opened open(String table, String column, long row, boolean readonly, String name) {
            // The table: sqlite3LocateTable, then the kinds of table blob I/O refuses.
            String lookup = schemaTableAlias(name, table);
            Object[] found = queryOne("SELECT schema, name, type, wr FROM pragma_table_list"
                    + " WHERE schema = ?1 COLLATE NOCASE AND name = ?2 COLLATE NOCASE", name, lookup);
            if (found == null) {
                throw error(isEponymousTable(name, table)
                        ? "cannot open virtual table: " + table
                        : "no such table: " + name + "." + table);
            }
            String schemaName = (String) found[0];
            String tableName = (String) found[1];
            String kind = (String) found[2];
            if ("virtual".equals(kind)) {
                throw error("cannot open virtual table: " + table);
            }
            if (((Long) found[3]) != 0) {
                throw error("cannot open table without rowid: " + table);
            }
            if ("view".equals(kind)) {
                throw error("cannot open view: " + table);
            }

            // The column.
            List<Object[]> columns = queryAll("SELECT cid, name, type, pk FROM pragma_table_xinfo(?1, ?2)",
                    tableName, schemaName);
            Object[] col = null;
            int primaryKeyColumns = 0;
            for (Object[] c : columns) {
                if (Identifiers.same((String) c[1], column)) {
                    col = c;
                }
                if (((Long) c[3]) > 0) {
                    primaryKeyColumns++;
                }
            }
            if (col == null) {
                throw error("no such column: \"" + column + "\"");
            }
            long cid = (Long) col[0];
            boolean rowidAlias = primaryKeyColumns == 1 && ((Long) col[3]) == 1
                    && "INTEGER".equalsIgnoreCase(String.valueOf(col[2]).trim());
            String target = quote(schemaName) + "." + quote(tableName);
            String c = quote((String) col[1]);
            String rowid = rowidName(columns, table);

            // Writing: sqlite3_blob_open's checks, then the write lock it takes.
            if (!readonly) {
                String fault = null;
                Object[] fk = queryOne("PRAGMA foreign_keys");
                if (fk != null && ((Long) fk[0]) != 0
                        && queryOne("SELECT 1 FROM pragma_foreign_key_list(?1, ?2)"
                                + " WHERE \"from\" = ?3 COLLATE NOCASE", tableName, schemaName, column) != null) {
                    fault = "foreign key";
                }
                if (queryOne("SELECT 1 FROM pragma_index_list(?1, ?2) AS il"
                        + " JOIN pragma_index_info(il.name, ?2) AS ii WHERE ii.cid = ?3 OR ii.cid = -2",
                        tableName, schemaName, cid) != null) {
                    fault = "indexed";
                }
                if (fault != null) {
                    throw error("cannot open " + fault + " column for writing");
                }
                probeWrite("UPDATE " + target + " SET " + c + " = " + c + " WHERE 0");
            }

            // The row and its value.
            Object[] value = queryOne("SELECT typeof(" + c + "), octet_length(" + c + ") FROM " + target
                    + " WHERE " + rowid + " = ?1", row);
            if (value == null) {
                throw error("no such rowid: " + row);
            }
            String valueType = rowidAlias ? "null" : (String) value[0];
            if (!"blob".equals(valueType) && !"text".equals(valueType)) {
                throw error("cannot open value of type " + valueType);
            }
            String type = valueType;
            int length = (int) (long) (Long) value[1];

            boolean utf8 = "UTF-8".equalsIgnoreCase(String.valueOf(queryOne("PRAGMA encoding")[0]));
            // Every statement checks that the row still holds a value of the type and length opened.
            String guard = " WHERE " + rowid + " = ?1 AND typeof(" + c + ") = ?2 AND octet_length(" + c
                    + ") = ?3";
            String check = "SELECT 1 FROM " + target + guard;
            String read = "SELECT substr(CAST(" + c + " AS BLOB), ?4, ?5) FROM " + target + guard;
            String bytes = "text".equals(type) ? "CAST(" + c + " AS BLOB)" : c;
            String splice;
            if (utf8) {
                // || joins raw bytes (its result is TEXT); a BLOB value is cast back.
                splice = "substr(" + bytes + ", 1, ?4) || ?5 || substr(" + bytes + ", ?6)";
                splice = "text".equals(type) ? splice : "CAST(" + splice + " AS BLOB)";
            } else {
                // In a UTF-16 database || drops a trailing odd byte: join hex digits instead.
                splice = "unhex(hex(substr(" + bytes + ", 1, ?4)) || hex(?5) || hex(substr(" + bytes
                        + ", ?6)))";
                splice = "text".equals(type) ? "CAST(" + splice + " AS TEXT)" : splice;
            }
            String write = "UPDATE " + target + " SET " + c + " = " + splice + guard;
            return new Opened(schemaName, tableName, type, length, check, read, write);
    }

    static Sqlite3.OperationalError error(String message) {
        return new Sqlite3.OperationalError(message, ErrorTable.SQLITE_ERROR, "SQLITE_ERROR", null);
    }

    /** sqlite3FindTable's names for the schema table. */
    private static String schemaTableAlias(String schema, String table) {
        boolean temp = Identifiers.same(schema, "temp");
        for (String alias : temp
                ? new String[] {"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"}
                : new String[] {"sqlite_master", "sqlite_schema"}) {
            if (Identifiers.same(table, alias)) {
                return temp ? "sqlite_temp_schema" : "sqlite_schema";
            }
        }
        return table;
    }

    /** An eponymous virtual table (json_each, pragma_table_info...) is found by SQL but not listed. */
    private boolean isEponymousTable(String schema, String table) {
        try {
            Handle statement = engine.prepare("SELECT 1 FROM " + quote(schema) + "." + quote(table));
            engine.close(statement);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A name for the rowid that no column of the table hides. */
    private static String rowidName(List<Object[]> columns, String table) {
        for (String candidate : new String[] {"rowid", "_rowid_", "oid"}) {
            boolean hidden = false;
            for (Object[] c : columns) {
                hidden |= Identifiers.same((String) c[1], candidate);
            }
            if (!hidden) {
                return candidate;
            }
        }
        throw new Sqlite3.NotSupportedError("cannot open a blob in table " + table
                + ": its columns hide rowid, _rowid_ and oid, and SQL cannot reach its rows by rowid");
    }

    /**
     * The empty write that makes a blob for writing fail at open where CPython's does: read-only
     * database, or locked. Other errors (a generated column, the schema table) are left for the
     * writes, which report them.
     */
    private void probeWrite(String update) {
        try {
            queryOne(update);
        } catch (Sqlite3.Error e) {
            Integer code = e.sqliteErrorcode();
            int primary = code == null ? -1 : code & 0xFF;
            if (primary == ErrorTable.SQLITE_READONLY || primary == ErrorTable.SQLITE_BUSY
                    || primary == ErrorTable.SQLITE_LOCKED) {
                throw e;
            }
        }
    }

    private Object[] queryOne(String query, Object... parameters) {
        List<Object[]> rows = query(query, true, parameters);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<Object[]> queryAll(String query, Object... parameters) {
        return query(query, false, parameters);
    }

    /** Runs a statement of its own (prepared, stepped, finalized), reading TEXT as String. */
    private List<Object[]> query(String query, boolean firstOnly, Object... parameters) {
        List<Object[]> rows = new ArrayList<>();
        Handle statement;
        try {
            statement = engine.prepare(query);
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
        try {
            boolean more = engine.execute(statement, parameters);
            int columns = more ? engine.columnCount(statement) : 0;
            while (more) {
                rows.add(engine.readRow(statement, columns));
                if (firstOnly) {
                    engine.reset(statement);
                    break;
                }
                more = engine.step(statement);
            }
            return rows;
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        } finally {
            engine.close(statement);
        }
    }

    private static String quote(String identifier) {
        return Quote.identifier(identifier);
    }
}
