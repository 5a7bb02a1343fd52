package org.sqlite3j.driver;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

import org.sqlite.core.CoreStatement;
import org.sqlite3j.adapters.Converter;
import org.sqlite3j.driver.internal.StatementColumns;
import org.sqlite3j.sqltext.DeclaredTypes;

/**
 * Column descriptions that match what {@code getObject} returns. sqlite-jdbc reports INTEGER
 * columns as {@code java.lang.Integer}/{@link Types#INTEGER}, but {@code getObject} here gives
 * {@code Long}; so, by the declared type's affinity: INTEGER → {@code BIGINT}/{@code Long}, REAL →
 * {@code DOUBLE}/{@code Double}, TEXT → {@code VARCHAR}/{@code String}, BLOB → {@code BLOB}/
 * {@code byte[]}, NUMERIC → {@code NUMERIC}/{@code Object} (SQLite may store any class there); a
 * column read by a converter is {@code JAVA_OBJECT}/{@code Object}. {@code getColumnTypeName} is the
 * declared type as written in the schema. Expressions (no declared type) report sqlite-jdbc's
 * answer with INTEGER widened to BIGINT/Long. With PARSE_COLNAMES, names lose their "[type]".
 */
final class Sqlite3jResultSetMetaData implements ResultSetMetaData {

    private final Sqlite3jConnection connection;
    private final CoreStatement statement;
    private final ResultSetMetaData delegate;
    private Converter<?>[] converters;
    private boolean convertersKnown;

    Sqlite3jResultSetMetaData(Sqlite3jConnection connection, CoreStatement statement,
            ResultSetMetaData delegate) {
        this.connection = connection;
        this.statement = statement;
        this.delegate = delegate;
    }

    private boolean converted(int column) throws SQLException {
        if (!convertersKnown) {
            converters = ColumnConverters.find(connection, statement, delegate);
            convertersKnown = true;
        }
        return converters != null && column >= 1 && column <= converters.length
                && converters[column - 1] != null;
    }

    private String declared(int column) throws SQLException {
        delegate.getColumnLabel(column); // checks the index with sqlite-jdbc's message
        return statement == null ? null : StatementColumns.declaredType(statement, column - 1);
    }

    private String strip(String name) {
        return (connection.detectTypes() & DeclaredTypes.PARSE_COLNAMES) != 0
                ? DeclaredTypes.strippedName(name) : name;
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return strip(delegate.getColumnLabel(column));
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return strip(delegate.getColumnName(column));
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        String d = declared(column);
        return d != null ? d : delegate.getColumnTypeName(column);
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        if (converted(column)) {
            return Types.JAVA_OBJECT;
        }
        String d = declared(column);
        if (d == null) {
            int t = delegate.getColumnType(column);
            return t == Types.INTEGER ? Types.BIGINT : t == Types.REAL || t == Types.FLOAT ? Types.DOUBLE : t;
        }
        switch (DeclaredTypes.affinity(d)) {
            case "INTEGER":
                return Types.BIGINT;
            case "REAL":
                return Types.DOUBLE;
            case "TEXT":
                return Types.VARCHAR;
            case "BLOB":
                return Types.BLOB;
            default:
                return Types.NUMERIC;
        }
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        if (converted(column)) {
            return Object.class.getName();
        }
        String d = declared(column);
        if (d == null) {
            String c = delegate.getColumnClassName(column);
            return Integer.class.getName().equals(c) ? Long.class.getName() : c;
        }
        switch (DeclaredTypes.affinity(d)) {
            case "INTEGER":
                return Long.class.getName();
            case "REAL":
                return Double.class.getName();
            case "TEXT":
                return String.class.getName();
            case "BLOB":
                return byte[].class.getName();
            default:
                return Object.class.getName();
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return iface.isInstance(delegate) ? iface.cast(delegate) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }

    // ---- plain delegation ----

    @Override
    public String getCatalogName(int column) throws SQLException {
        return delegate.getCatalogName(column);
    }

    @Override
    public int getColumnCount() throws SQLException {
        return delegate.getColumnCount();
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return delegate.getColumnDisplaySize(column);
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return delegate.getPrecision(column);
    }

    @Override
    public int getScale(int column) throws SQLException {
        return delegate.getScale(column);
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        return delegate.getSchemaName(column);
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return delegate.getTableName(column);
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return delegate.isAutoIncrement(column);
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return delegate.isCaseSensitive(column);
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        return delegate.isCurrency(column);
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        return delegate.isDefinitelyWritable(column);
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return delegate.isNullable(column);
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        return delegate.isReadOnly(column);
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        return delegate.isSearchable(column);
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return delegate.isSigned(column);
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        return delegate.isWritable(column);
    }

}
