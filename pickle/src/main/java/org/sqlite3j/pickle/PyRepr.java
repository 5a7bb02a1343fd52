package org.sqlite3j.pickle;

/**
 * Python's {@code repr()} of {@code str} and {@code bytes} values, with Python's choice of quotes and
 * its escapes: what {@link PickleTools#dis} prints, and what a tool showing Python values (the sqlite3j
 * shell) builds its text from.
 */
public final class PyRepr {
    private PyRepr() {
    }

    /**
     * {@code repr(x)} of a Python {@code float}: the shortest digits that read back as the same double,
     * in Python's layout ({@code 0.1}, {@code 1e+16}, {@code 1e-05}, {@code 2.0}, {@code -0.0},
     * {@code inf}, {@code nan}). Java 17's {@code Double.toString} is neither the same layout nor always
     * the shortest.
     */
    public static String floatRepr(double x) {
        return Numbers.repr(x);
    }

    /**
     * {@code repr(s)} of a Python {@code str}: single quotes unless the text holds {@code '} and no
     * {@code "}; {@code \t \n \r}, {@code \xNN}, <code>&#92;uNNNN</code> and {@code \UNNNNNNNN} for what
     * {@link #isPrintable} refuses.
     */
    public static String str(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f || isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one code point (space is printable, other separators not). */
    public static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    /** {@code repr(b)} of a Python {@code bytes}: {@code b'...'} with {@code \t \n \r \\} and {@code \xNN} escapes. */
    public static String bytes(byte[] b) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder(b.length + 3).append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote).toString();
    }
}
