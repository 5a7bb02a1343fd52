package org.sqlite3j.dbapi;

/**
 * One entry of {@link Cursor#description()}: Python's 7-tuple
 * {@code (name, type_code, display_size, internal_size, precision, scale, null_ok)}. SQLite's module
 * fills in the name only; the other six are always null (Python's {@code None}).
 */
public record ColumnDescription(
        String name,
        Object typeCode,
        Object displaySize,
        Object internalSize,
        Object precision,
        Object scale,
        Object nullOk) {

    /** The description of a column called {@code name}. */
    public static ColumnDescription of(String name) {
        return new ColumnDescription(name, null, null, null, null, null, null);
    }
}
