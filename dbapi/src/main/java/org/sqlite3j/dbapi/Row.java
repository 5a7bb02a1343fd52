package org.sqlite3j.dbapi;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One result row: Python's {@code sqlite3.Row}, and the tuple the default factory returns. Values
 * are reached by position ({@code row.get(0)}, negative positions count from the end) or by column
 * name, case-insensitively for ASCII letters ({@code row.get("name")}), the first matching column
 * winning. Rows are immutable.
 *
 * <p>Two rows are equal when their column names and their values are equal, values compared as
 * Python compares them (1 equals 1.0; byte arrays by content).
 */
public final class Row implements Iterable<Object> {

    /** Python's {@code sqlite3.Row} as a row factory: {@code con.rowFactory(Row.FACTORY)}. */
    public static final RowFactory FACTORY = (cursor, row) -> row;

    private final String[] names;
    private final Object[] values;

    Row(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /**
     * {@code Row(cursor, values)}: a row of the cursor's current columns with the given values.
     *
     * @throws Sqlite3.ProgrammingError when the cursor has no description or the sizes differ
     */
    public static Row of(Cursor cursor, List<?> values) {
        Arguments.notNone(cursor, "Row() argument 1", "sqlite3.Cursor");
        Arguments.notNone(values, "Row() argument 2", "tuple");
        List<ColumnDescription> description = cursor.description();
        if (description == null || description.size() != values.size()) {
            throw new Sqlite3.ProgrammingError("row has " + values.size()
                    + " values but the cursor describes "
                    + (description == null ? "no" : String.valueOf(description.size())) + " columns");
        }
        String[] names = new String[description.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = description.get(i).name();
        }
        return new Row(names, values.toArray());
    }

    /**
     * {@code row[index]}: negative indexes count from the end.
     *
     * @throws Sqlite3.IndexError "tuple index out of range"
     */
    public Object get(int index) {
        int i = index < 0 ? index + values.length : index;
        if (i < 0 || i >= values.length) {
            throw new Sqlite3.IndexError("tuple index out of range");
        }
        return values[i];
    }

    /**
     * {@code row[name]}: the first column whose name matches, ASCII case-insensitively.
     *
     * @throws Sqlite3.IndexError "No item with that key"
     */
    public Object get(String name) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (asciiEqualsIgnoreCase(names[i], name)) {
                    return values[i];
                }
            }
        }
        throw new Sqlite3.IndexError("No item with that key");
    }

    /** {@code row[index]} cast to {@code type}. */
    public <T> T get(int index, Class<T> type) {
        return type.cast(get(index));
    }

    /** {@code row[name]} cast to {@code type}. */
    public <T> T get(String name, Class<T> type) {
        return type.cast(get(name));
    }

    /** CPython's rule: case is ignored only when both names are pure ASCII; otherwise exact. */
    private static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        boolean ascii = true;
        boolean folded = true;
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x >= 0x80 || y >= 0x80) {
                ascii = false;
            }
            if (x != y && asciiLower(x) != asciiLower(y)) {
                folded = false;
            }
        }
        return ascii ? folded : a.equals(b);
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** {@code row[start:stop]} with Python's slice rules (negative bounds, clamping). */
    public List<Object> slice(int start, int stop) {
        int n = values.length;
        int from = clamp(start < 0 ? start + n : start, n);
        int to = clamp(stop < 0 ? stop + n : stop, n);
        return from >= to ? List.of() : Arrays.asList(Arrays.copyOfRange(values, from, to));
    }

    /**
     * {@code row[start:stop:step]} with Python's slice rules: a negative step walks backwards
     * ({@code row[3:0:-2]}), negative bounds count from the end, bounds out of range are clamped.
     *
     * @throws Sqlite3.ValueError "slice step cannot be zero" when {@code step} is 0
     */
    public List<Object> slice(int start, int stop, int step) {
        if (step == 0) {
            throw new Sqlite3.ValueError("slice step cannot be zero");
        }
        int n = values.length;
        int from = sliceBound(start, n, step);
        int to = sliceBound(stop, n, step);
        List<Object> out = new java.util.ArrayList<>();
        for (long i = from; step > 0 ? i < to : i > to; i += step) {
            out.add(values[(int) i]);
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** One bound as CPython's PySlice_AdjustIndices places it. */
    private static int sliceBound(int index, int n, int step) {
        if (index < 0) {
            index += n;
            return index < 0 ? (step < 0 ? -1 : 0) : index;
        }
        return index >= n ? (step < 0 ? n - 1 : n) : index;
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n, i));
    }

    /** {@code row.keys()}: the column names, in order. */
    public List<String> keys() {
        return names == null ? List.of() : List.of(names);
    }

    /** {@code len(row)}. */
    public int size() {
        return values.length;
    }

    /** {@code tuple(row)}: the values in order (nulls included), as an unmodifiable list. */
    public List<Object> values() {
        return java.util.Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public Iterator<Object> iterator() {
        return values().iterator();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Row)) {
            return false;
        }
        Row that = (Row) other;
        if (!Arrays.equals(names, that.names) || values.length != that.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!PythonValues.equal(values[i], that.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(names);
        int data = 1;
        for (Object value : values) {
            data = 31 * data + PythonValues.hash(value);
        }
        return h ^ data;
    }

    /** Python's tuple repr: {@code (1, 'text', None, b'...')}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(PythonValues.repr(values[i]));
        }
        if (values.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }
}
