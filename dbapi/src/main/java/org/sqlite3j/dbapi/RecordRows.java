package org.sqlite3j.dbapi;

import java.util.List;

import org.sqlite3j.adapters.RecordShape;

/**
 * {@link RowFactory#records(Class)}: rows as records, columns matched to components by name (ASCII
 * case-insensitively, as {@link Row#get(String)} matches), values fitted to the component types by the
 * one record codec ({@link RecordShape#fit}): INTEGER to long/int/short/byte (range-checked), boolean
 * (0 or 1), double/float or their boxes, REAL to double/float, and any value to a component type it
 * already is (String, byte[], a converter's result). A column missing, a NULL for a primitive or a value
 * that does not fit raises {@link Sqlite3.TypeError} naming the component; an unchecked exception of the
 * record's constructor propagates as it is.
 */
final class RecordRows<R extends Record> implements RowFactory {

    private final RecordShape<R> shape;

    RecordRows(Class<R> type) {
        try {
            this.shape = RecordShape.of(type);
        } catch (IllegalArgumentException e) {
            throw (Sqlite3.TypeError) new Sqlite3.TypeError("cannot build " + type.getName() + " from rows"
                    + ErrorTable.reason(e)).initCause(e);
        }
    }

    @Override
    public Object create(Cursor cursor, Row row) {
        Object[] args = new Object[shape.size()];
        List<String> keys = row.keys();
        for (int i = 0; i < args.length; i++) {
            String name = shape.name(i);
            Object value;
            try {
                value = row.get(name);
            } catch (Sqlite3.IndexError e) {
                throw new Sqlite3.TypeError("no column '" + name + "' for " + shape.type().getSimpleName()
                        + "." + name + " among " + keys);
            }
            try {
                args[i] = shape.fit(i, value, "the column", "NULL");
            } catch (RecordShape.Misfit e) {
                throw new Sqlite3.TypeError(e.getMessage());
            }
        }
        try {
            return shape.construct(args);
        } catch (RecordShape.Misfit e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw (Sqlite3.TypeError) new Sqlite3.TypeError(shape.type().getSimpleName() + " refused the row"
                    + ErrorTable.reason(e.getCause() == null ? e : e.getCause())).initCause(e.getCause());
        }
    }
}
