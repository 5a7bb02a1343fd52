package org.sqlite3j.dbapi;

import java.math.BigDecimal;
import java.math.MathContext;

import org.sqlite3j.sqltext.SqlScanner;

/**
 * The text Python's trace callback receives for a statement: SQLite's {@code sqlite3_expanded_sql},
 * the statement's SQL with each parameter replaced by its bound value as an SQL literal (integers as
 * digits, reals as {@code %!.15g}, text quoted with '' doubling, BLOBs as {@code x'..'}, NULL).
 *
 * <p>sqlite-jdbc binds no trace hook, so the façade reports what it runs itself: its own BEGIN,
 * COMMIT and ROLLBACK, every statement executed (each executemany row, each executescript
 * statement). Statements that SQLite runs inside triggers are not reported.
 */
final class Trace {

    private Trace() {
    }

    /** {@code sql} up to {@code end}, with the bound {@code values} put in place of the parameters. */
    /**
     * The text to trace for a statement: expanded, unless the expansion would exceed SQLITE_LIMIT_LENGTH
     * ({@code limits} gives the connection's), where SQLite's sqlite3_expanded_sql gives up and CPython
     * traces the SQL as written.
     */
    static String text(Statement statement, Object[] values, java.util.function.IntUnaryOperator limits) {
        String expanded = expand(statement.sql, statement.start, statement.end, values);
        if (expanded.length() > 1000 && expanded.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > limits.applyAsInt(Sqlite3.SQLITE_LIMIT_LENGTH)) {
            return statement.sql.substring(0, statement.end);
        }
        return expanded;
    }

    static String expand(String sql, int start, int end, Object[] values) {
        String text = sql.substring(0, end);
        if (values == null || values.length == 0) {
            return text;
        }
        int[] at = SqlScanner.parameterOccurrences(sql, start);
        StringBuilder sb = new StringBuilder(text.length() + 16 * values.length);
        int copied = 0;
        for (int k = 0; k + 2 < at.length; k += 3) {
            int number = at[k + 2];
            if (at[k] >= end || number > values.length) {
                continue;
            }
            sb.append(text, copied, at[k]);
            literal(sb, values[number - 1]);
            copied = at[k + 1];
        }
        return sb.append(text, copied, text.length()).toString();
    }

    private static void literal(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("NULL");
        } else if (value instanceof Long || value instanceof Integer) {
            sb.append(value);
        } else if (value instanceof Double) {
            sb.append(real((Double) value));
        } else if (value instanceof byte[]) {
            sb.append("x'");
            for (byte b : (byte[]) value) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            sb.append('\'');
        } else {
            String text = value.toString();
            int nul = text.indexOf('\0');
            // SQLite expands a bound text as a C string: it ends at its first NUL
            sb.append('\'').append((nul >= 0 ? text.substring(0, nul) : text).replace("'", "''")).append('\'');
        }
    }

    /** SQLite's {@code %!.15g}: 15 significant digits, trailing zeros dropped but one kept after the point. */
    static String real(double d) {
        if (Double.isNaN(d)) {
            return "NULL"; // SQLite binds NaN as NULL
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Inf" : "-Inf";
        }
        if (d == 0) {
            return "0.0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(15));
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal digits = rounded.movePointLeft(exponent).stripTrailingZeros();
        if (exponent < -4 || exponent >= 15) {
            String mantissa = digits.toPlainString();
            if (mantissa.indexOf('.') < 0) {
                mantissa += ".0";
            }
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        String plain = rounded.stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
