package org.sqlite3j.driver;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Calendar;

import org.sqlite.core.CoreStatement;
import org.sqlite3j.driver.internal.SqliteErrors;

/**
 * A prepared statement of a {@link Sqlite3jConnection}. {@code setObject} binds what the adapter
 * registry makes of the value (the connection's, else the data source's, else the global registry;
 * then {@code Conform}); with no adapter the value goes to sqlite-jdbc unchanged. The typed setters
 * ({@code setString}, {@code setLong}, ...) are sqlite-jdbc's.
 */
final class Sqlite3jPreparedStatement extends Sqlite3jStatement implements PreparedStatement {

    private PreparedStatement prepared;
    /** Where the statement goes back to in the connection's cache when closed; null: not cached. */
    private final PreparedStatementCache.Key cacheKey;
    private boolean poolable = true;
    /** The generated keys asked for at prepareStatement (or by jdbc.get_generated_keys); null: none. */
    private final GeneratedKeys asked;

    Sqlite3jPreparedStatement(Sqlite3jConnection connection, PreparedStatement prepared,
            PreparedStatementCache.Key cacheKey, GeneratedKeys asked) throws SQLException {
        super(connection, prepared);
        this.prepared = prepared;
        this.cacheKey = cacheKey;
        this.asked = keys(asked);
    }

    /**
     * Closes this statement. With the statement cache on ({@code cached_statements} &gt; 0) and the
     * statement poolable, sqlite-jdbc's statement is reset and kept for the next
     * {@code prepareStatement} of the same SQL; this handle and its result set are closed either way.
     */
    @Override
    public void close() throws SQLException {
        PreparedStatement ps = prepared;
        if (cacheKey == null || !poolable || ps.isClosed()) {
            super.close();
            return;
        }
        keys(null);
        ResultSet open = detach();
        prepared = Closed.STATEMENT;
        connection.recycle(cacheKey, ps, open);
    }

    /** Whether {@link #close()} may keep the statement in the connection's cache (JDBC's default: true). */
    @Override
    public boolean isPoolable() throws SQLException {
        if (prepared.isClosed()) {
            throw new SQLException("statement is closed", "HY010");
        }
        return poolable;
    }

    @Override
    public void setPoolable(boolean x) throws SQLException {
        prepared.setPoolable(x);
        poolable = x;
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        bind(parameterIndex, connection.adapt(x));
    }

    /** Binds an adapted value: a date/time as Python's text ({@link JdbcDates}), the rest as it is. */
    private void bind(int parameterIndex, Object adapted) throws SQLException {
        String date = connection.pythonDates() ? JdbcDates.text(adapted, null) : null;
        if (date != null) {
            prepared.setString(parameterIndex, date);
        } else {
            prepared.setObject(parameterIndex, adapted);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        Object adapted = connection.adapt(x);
        if (adapted != x || asText(targetSqlType) && connection.pythonDates() && JdbcDates.text(x, null) != null) {
            bind(parameterIndex, adapted);
        } else {
            prepared.setObject(parameterIndex, x, targetSqlType);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
            throws SQLException {
        Object adapted = connection.adapt(x);
        if (adapted != x || asText(targetSqlType) && connection.pythonDates() && JdbcDates.text(x, null) != null) {
            bind(parameterIndex, adapted);
        } else {
            prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        }
    }

    /** The target types a date/time value is stored as Python's text for (the others: sqlite-jdbc's conversion). */
    private static boolean asText(int targetSqlType) {
        switch (targetSqlType) {
            case Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.OTHER, Types.JAVA_OBJECT -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        setObject(parameterIndex, x, targetSqlType.getVendorTypeNumber());
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
            throws SQLException {
        setObject(parameterIndex, x, targetSqlType.getVendorTypeNumber(), scaleOrLength);
    }

    /** The fetch path: written out (no lambda for {@link #run}), as {@link #executeUpdate()}. */
    @Override
    public ResultSet executeQuery() throws SQLException {
        connection.used = true;
        try {
            return wrap(prepared.executeQuery(), true);
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        return run(asked, prepared::execute);
    }

    /** The per-row insert path: {@link #run} written out, so that no lambda is made per execution. */
    @Override
    public int executeUpdate() throws SQLException {
        connection.used = true;
        GeneratedKeys k = asked;
        if (k != null) {
            k.begin();
        }
        try {
            return prepared.executeUpdate();
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        } finally {
            if (k != null) {
                k.end();
            }
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return run(asked, prepared::executeLargeUpdate);
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] out = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
        }
        return out;
    }

    /**
     * Runs the batch. A failure is a {@link BatchUpdateException} as JDBC says (sqlite-jdbc throws
     * the entry's own exception): its SQLState and code are the failed entry's, which is also its
     * next exception and cause. sqlite-jdbc does not tell how many entries ran before it, so the
     * update counts are empty.
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        try {
            return run(asked, prepared::executeLargeBatch);
        } catch (BatchUpdateException e) {
            throw e;
        } catch (SQLException e) {
            BatchUpdateException batch = new BatchUpdateException("batch entry failed: " + e.getMessage(),
                    e.getSQLState(), e.getErrorCode(), new long[0], e);
            batch.setNextException(e);
            throw batch;
        }
    }

    @Override
    public void addBatch() throws SQLException {
        prepared.addBatch();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        ResultSetMetaData meta = prepared.getMetaData();
        return meta == null ? null : new Sqlite3jResultSetMetaData(connection,
                prepared instanceof CoreStatement ? (CoreStatement) prepared : null, meta);
    }

    // ---- plain delegation ----

    @Override
    public void clearParameters() throws SQLException {
        prepared.clearParameters();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return prepared.getParameterMetaData();
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        prepared.setArray(parameterIndex, x);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int y) throws SQLException {
        prepared.setAsciiStream(parameterIndex, x, y);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long y) throws SQLException {
        prepared.setAsciiStream(parameterIndex, x, y);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        prepared.setAsciiStream(parameterIndex, x);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        prepared.setBigDecimal(parameterIndex, x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int y) throws SQLException {
        prepared.setBinaryStream(parameterIndex, x, y);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long y) throws SQLException {
        prepared.setBinaryStream(parameterIndex, x, y);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        prepared.setBinaryStream(parameterIndex, x);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream x, long y) throws SQLException {
        prepared.setBlob(parameterIndex, x, y);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream x) throws SQLException {
        prepared.setBlob(parameterIndex, x);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        prepared.setBlob(parameterIndex, x);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        prepared.setBoolean(parameterIndex, x);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        prepared.setByte(parameterIndex, x);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        prepared.setBytes(parameterIndex, x);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader x, int y) throws SQLException {
        prepared.setCharacterStream(parameterIndex, x, y);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader x, long y) throws SQLException {
        prepared.setCharacterStream(parameterIndex, x, y);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader x) throws SQLException {
        prepared.setCharacterStream(parameterIndex, x);
    }

    @Override
    public void setClob(int parameterIndex, Reader x, long y) throws SQLException {
        prepared.setClob(parameterIndex, x, y);
    }

    @Override
    public void setClob(int parameterIndex, Reader x) throws SQLException {
        prepared.setClob(parameterIndex, x);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        prepared.setClob(parameterIndex, x);
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar y) throws SQLException {
        if (x != null && connection.pythonDates()) {
            prepared.setString(parameterIndex, JdbcDates.text(x, y));
        } else {
            prepared.setDate(parameterIndex, x, y);
        }
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        if (x != null && connection.pythonDates()) {
            prepared.setString(parameterIndex, JdbcDates.text(x, null));
        } else {
            prepared.setDate(parameterIndex, x);
        }
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        prepared.setDouble(parameterIndex, x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        prepared.setFloat(parameterIndex, x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        prepared.setInt(parameterIndex, x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        prepared.setLong(parameterIndex, x);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader x, long y) throws SQLException {
        prepared.setNCharacterStream(parameterIndex, x, y);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader x) throws SQLException {
        prepared.setNCharacterStream(parameterIndex, x);
    }

    @Override
    public void setNClob(int parameterIndex, Reader x, long y) throws SQLException {
        prepared.setNClob(parameterIndex, x, y);
    }

    @Override
    public void setNClob(int parameterIndex, Reader x) throws SQLException {
        prepared.setNClob(parameterIndex, x);
    }

    @Override
    public void setNClob(int parameterIndex, NClob x) throws SQLException {
        prepared.setNClob(parameterIndex, x);
    }

    @Override
    public void setNString(int parameterIndex, String x) throws SQLException {
        prepared.setNString(parameterIndex, x);
    }

    @Override
    public void setNull(int parameterIndex, int x, String y) throws SQLException {
        prepared.setNull(parameterIndex, x, y);
    }

    @Override
    public void setNull(int parameterIndex, int x) throws SQLException {
        prepared.setNull(parameterIndex, x);
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        prepared.setRef(parameterIndex, x);
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        prepared.setRowId(parameterIndex, x);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException {
        prepared.setSQLXML(parameterIndex, x);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        prepared.setShort(parameterIndex, x);
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        prepared.setString(parameterIndex, x);
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar y) throws SQLException {
        if (x != null && connection.pythonDates()) {
            prepared.setString(parameterIndex, JdbcDates.text(x, y));
        } else {
            prepared.setTime(parameterIndex, x, y);
        }
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        if (x != null && connection.pythonDates()) {
            prepared.setString(parameterIndex, JdbcDates.text(x, null));
        } else {
            prepared.setTime(parameterIndex, x);
        }
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar y) throws SQLException {
        if (x != null && connection.pythonDates()) {
            prepared.setString(parameterIndex, JdbcDates.text(x, y));
        } else {
            prepared.setTimestamp(parameterIndex, x, y);
        }
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        if (x != null && connection.pythonDates()) {
            prepared.setString(parameterIndex, JdbcDates.text(x, null));
        } else {
            prepared.setTimestamp(parameterIndex, x);
        }
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        prepared.setURL(parameterIndex, x);
    }

    @Deprecated
    @SuppressWarnings("deprecation")
    @Override
    public void setUnicodeStream(int parameterIndex, InputStream x, int y) throws SQLException {
        prepared.setUnicodeStream(parameterIndex, x, y);
    }

}
