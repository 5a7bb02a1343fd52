package org.sqlite3j.dbapi;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.Function;

import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;
import org.sqlite3j.adapters.Converter;

/**
 * Reads the current row of a statement into Python-typed values (CPython's
 * {@code _pysqlite_fetch_one_row}): INTEGER as Long, REAL as Double, TEXT as String (or as the
 * text factory says), BLOB as byte[], NULL as null; with detect_types, the raw bytes of each
 * converted column go to its converter.
 *
 * <p>One reader per cursor, set up once per statement: a row costs one pass over the columns under
 * one statement lock, and the step to the next row runs under the same lock. TEXT in a UTF-8 database
 * is read as its bytes and decoded here, which skips the direct buffer sqlite-jdbc's
 * {@code column_text} wraps around each value.
 *
 * <p>Converters and text factories run outside the lock, after that step. CPython runs them before
 * it steps, and when one raises, the statement stays on the row and the next fetch converts the same
 * row again; here the row's raw values are kept instead ({@code pending}) and the next read converts
 * them again, so the caller sees the same thing. Stepping first is only done for a pure query
 * (SELECT, VALUES, WITH ... SELECT: its last step finishes no change, unlike INSERT ... RETURNING, where
 * it moves {@code total_changes}) and when no Java code can run inside a step (no user functions,
 * collations or progress handler on the connection), so that nothing can observe the different order.
 */
final class RowReader implements SafeStmtPtr.SafePtrFunction<Object[], SQLException> {

    /** How TEXT values are returned: {@code text_factory}. */
    static final int TEXT_STR = 0;
    static final int TEXT_BYTES = 1;
    static final int TEXT_FUNCTION = 2;

    private int columns;
    private String[] names;
    private Converter<?>[] converters;
    private boolean utf8;
    private int textMode;
    private boolean stepAfter;
    private int stepResult;
    /** A row read and stepped past whose conversion raised: the next read converts it again. */
    private Object[] pending;
    private int pendingStep;
    /** Where a row's converted values are made before they replace the raw ones (all or nothing). */
    private Object[] scratch;

    /**
     * Sets the reader up for a statement's rows.
     *
     * @param names the column names for error messages, or null
     * @param converters one converter or null per column, or null for none
     * @param utf8 whether the database stores text as UTF-8 (then TEXT is read as its bytes)
     */
    RowReader configure(int columns, String[] names, Converter<?>[] converters, boolean utf8) {
        this.columns = columns;
        this.names = names;
        this.converters = converters;
        this.utf8 = utf8;
        this.pending = null;
        return this;
    }

    /**
     * Reads the current row of {@code statement}; with {@code step} also steps to the next row under
     * the same lock ({@link #stepped()} tells whether it did, {@link #stepResult()} what SQLite
     * answered) where nothing is left to convert, or where {@code stepBeforeConverting} allows it.
     */
    Object[] read(Handle statement, int textMode, Function<byte[], ?> textFactory, boolean step,
            boolean stepBeforeConverting) throws SQLException {
        this.textMode = textMode;
        boolean plain = converters == null && textMode == TEXT_STR;
        Object[] row;
        if (pending != null) {
            row = pending;
            pending = null;
            stepAfter = true;
            stepResult = pendingStep;
        } else {
            this.stepAfter = step && (plain || stepBeforeConverting);
            row = ((JdbcHandle) statement).core.pointer.safeRun(this);
        }
        if (plain) {
            return row;
        }
        try {
            convert(row, textFactory);
        } catch (RuntimeException e) {
            if (stepAfter) {
                pending = row; // the statement has moved on: keep the raw values for the next fetch
                pendingStep = stepResult;
            }
            throw e;
        }
        return row;
    }

    /**
     * Applies the text factory and converters to {@code row}; a converter's or text factory's
     * exception leaves {@code row} as it was (raw values), as CPython leaves its statement on the row.
     */
    private void convert(Object[] row, Function<byte[], ?> textFactory) {
        Object[] out = scratch;
        if (out == null || out.length < columns) {
            out = scratch = new Object[columns];
        }
        try {
            for (int i = 0; i < columns; i++) {
                Object v = row[i];
                if (v instanceof TextBytes) {
                    byte[] bytes = ((TextBytes) v).bytes;
                    v = textMode == TEXT_BYTES ? bytes : textFactory.apply(bytes);
                } else if (v instanceof Convert) {
                    v = TypeDetection.convert(converters[i], ((Convert) v).bytes);
                }
                out[i] = v;
            }
            System.arraycopy(out, 0, row, 0, columns);
        } finally {
            java.util.Arrays.fill(out, 0, columns, null);
        }
    }

    /** Whether the last {@link #read} also stepped. */
    boolean stepped() {
        return stepAfter;
    }

    /** SQLite's answer to the step the last {@link #read} made. */
    int stepResult() {
        return stepResult;
    }

    @Override
    public Object[] run(DB d, long p) throws SQLException {
        Object[] values = new Object[columns];
        Converter<?>[] convert = converters;
        for (int i = 0; i < columns; i++) {
            int type = d.column_type(p, i);
            if (convert != null && convert[i] != null) {
                // Python hands converters sqlite3_column_blob's bytes (numbers as their text, text
                // in the database's encoding); NULL and zero-length values read as None, uncalled
                byte[] bytes = type == Engine.SQLITE_NULL ? null : d.column_blob(p, i);
                values[i] = bytes == null || bytes.length == 0 ? null : new Convert(bytes);
                continue;
            }
            switch (type) {
                case Engine.SQLITE_INTEGER:
                    values[i] = d.column_long(p, i);
                    break;
                case Engine.SQLITE_FLOAT:
                    values[i] = d.column_double(p, i);
                    break;
                case Engine.SQLITE_TEXT:
                    values[i] = textMode == TEXT_STR ? string(d, p, i) : new TextBytes(utf8Bytes(d, p, i));
                    break;
                case Engine.SQLITE_BLOB:
                    values[i] = blob(d.column_blob(p, i));
                    break;
                default:
                    values[i] = null;
                    break;
            }
        }
        if (stepAfter) {
            stepResult = d.step(p);
        }
        return values;
    }

    private String string(DB d, long p, int i) throws SQLException {
        if (utf8) {
            byte[] bytes = blob(d.column_blob(p, i));
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                checkUtf8(bytes, i);
            }
            return text;
        }
        String text = d.column_text(p, i);
        if (text == null) {
            return "";
        }
        if (text.indexOf('\uFFFD') >= 0) {
            checkUtf8(blob(d.column_blob(p, i)), i);
        }
        return text;
    }

    /** A TEXT value's UTF-8 bytes, as CPython hands them to a text factory ({@code sqlite3_column_text}). */
    private byte[] utf8Bytes(DB d, long p, int i) throws SQLException {
        if (!utf8) {
            // column_text converts the value to UTF-8 in place; its bytes are then UTF-8
            d.column_text(p, i);
        }
        return blob(d.column_blob(p, i));
    }

    private void checkUtf8(byte[] bytes, int column) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new Sqlite3.OperationalError("Could not decode to UTF-8 column '"
                    + (names == null ? "" : names[column]) + "' with text '"
                    + new String(bytes, StandardCharsets.UTF_8) + "'");
        }
    }

    private static byte[] blob(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }

    /** A value for a converter, to be converted outside the database lock. */
    private record Convert(byte[] bytes) {
    }

    /** TEXT read as bytes, to be handed to the text factory outside the database lock. */
    private record TextBytes(byte[] bytes) {
    }
}
