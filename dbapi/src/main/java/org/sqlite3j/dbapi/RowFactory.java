package org.sqlite3j.dbapi;

/**
 * Python's {@code row_factory}: builds what {@code fetchone()}, {@code fetchmany()},
 * {@code fetchall()} and iteration return, from the cursor and the raw row.
 *
 * <pre>{@code
 * con.rowFactory((cursor, row) -> {          // Python's dict_factory recipe
 *     Map<String, Object> map = new LinkedHashMap<>();
 *     for (int i = 0; i < row.size(); i++) map.put(row.keys().get(i), row.get(i));
 *     return map;
 * });
 * Map<String, Object> first = con.execute("SELECT 1 AS a").fetchone();
 * }</pre>
 *
 * <p>Without a factory (Python's {@code None}) and with {@link Row#FACTORY} (Python's
 * {@code sqlite3.Row}) the rows are {@link Row}s.
 */
@FunctionalInterface
public interface RowFactory {

    /**
     * @param cursor the cursor the row came from ({@link Cursor#description()} names its columns)
     * @param row    the raw row, values already converted
     * @return the object the fetch methods return for this row
     */
    Object create(Cursor cursor, Row row);

    /**
     * Rows as instances of a record, columns matched to components by name:
     * {@code con.rowFactory(RowFactory.records(Person.class)); List<Person> all =
     * con.execute("SELECT name, age FROM person").fetchall(Person.class);}
     *
     * @throws Sqlite3.TypeError when the record cannot be built from rows (no canonical constructor)
     */
    static <R extends Record> RowFactory records(Class<R> type) {
        return new RecordRows<>(Arguments.notNone(type, "records() argument 'type'", "a record class"));
    }
}
