package org.sqlite3j.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Values as the sqlite3 3.40 shell writes them in its own modes (column, box, markdown, line, list,
 * tabs, quote, insert): integers and text as they are, a REAL as {@code sqlite3_column_text} renders
 * it ({@code "%!.15g"}: {@code 9.5}, {@code 100.0}, {@code 1.0e+16}), and in quote/insert mode SQL
 * literals ({@code 'it''s'}, {@code X'00ff'}, a REAL to 20 digits, {@code NULL}). A BLOB that is a
 * pickle shows decoded (as {@link CellText}, with {@code .pickle on}); another BLOB that is UTF-8 shows
 * as that text, as sqlite3 prints it; other bytes show as Python's {@code b'...'}, since raw bytes
 * cannot go through the shell's text output.
 */
final class SqliteText {
    private SqliteText() {
    }

    /** The display text of a non-NULL value. */
    static String text(Object value, CellText cells) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return real(d);
        }
        if (value instanceof byte[] blob && !(cells.decodePickles() && PickleView.decode(blob).isPresent())) {
            String utf8 = utf8(blob);
            if (utf8 != null) {
                return utf8;
            }
        }
        return cells.text(value);
    }

    /** The value as an SQL literal, as quote and insert modes write it ({@code escapeLineBreaks} in insert mode). */
    static String literal(Object value, CellText cells, boolean escapeLineBreaks) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return realLiteral(d);
        }
        if (value instanceof byte[] blob) {
            return "X'" + HexFormat.of().formatHex(blob) + "'";
        }
        String s = value instanceof String text ? text : cells.text(value);
        return escapeLineBreaks ? escapedString(s) : quoted(s);
    }

    /** {@code 'text'} with inner quotes doubled. */
    static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** As {@link #quoted}, with line breaks written as {@code replace('a\nb','\n',char(10))} (insert mode). */
    static String escapedString(String s) {
        boolean nl = s.indexOf('\n') >= 0;
        boolean cr = s.indexOf('\r') >= 0;
        if (!nl && !cr) {
            return quoted(s);
        }
        String nlMark = nl ? unused(s, "\\n", "\\012") : null;
        String crMark = cr ? unused(s, "\\r", "\\015") : null;
        StringBuilder b = new StringBuilder();
        if (nl) {
            b.append("replace(");
        }
        if (cr) {
            b.append("replace(");
        }
        String body = s.replace("'", "''");
        if (nl) {
            body = body.replace("\n", nlMark);
        }
        if (cr) {
            body = body.replace("\r", crMark);
        }
        b.append('\'').append(body).append('\'');
        if (cr) {
            b.append(",'").append(crMark).append("',char(13))");
        }
        if (nl) {
            b.append(",'").append(nlMark).append("',char(10))");
        }
        return b.toString();
    }

    private static String unused(String s, String first, String second) {
        if (!s.contains(first)) {
            return first;
        }
        if (!s.contains(second)) {
            return second;
        }
        for (int i = 0; ; i++) {
            String mark = "(" + first + i + ")";
            if (!s.contains(mark)) {
                return mark;
            }
        }
    }

    /** A REAL as SQLite's {@code "%!.15g"}: 15 significant digits, always a decimal point. */
    static String real(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "Inf" : "-Inf";
        }
        return significant(d, 15);
    }

    /** A REAL as quote/insert mode writes it: {@code 100.0} when integral, else {@code "%!.20g"}. */
    static String realLiteral(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "1e999" : "-1e999";
        }
        if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
            return (d == 0 && 1 / d < 0 ? "-" : "") + (long) d + ".0";
        }
        return significant(d, 20);
    }

    /** {@code "%!.<digits>g"}: the shortest of fixed and exponent form as C's %g, keeping one decimal. */
    private static String significant(double d, int digits) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal value = new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_UP)).stripTrailingZeros();
        int exponent = value.precision() - value.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            String mantissa = value.unscaledValue().abs().toString();
            String fraction = mantissa.length() > 1 ? mantissa.substring(1) : "0";
            int e = Math.abs(exponent);
            return (value.signum() < 0 ? "-" : "") + mantissa.charAt(0) + "." + fraction
                    + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        String plain = value.toPlainString();
        return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }

    /** The bytes as text when they are valid UTF-8 without NUL, else null. */
    private static String utf8(byte[] blob) {
        for (byte b : blob) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(blob)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
