package org.sqlite3j.dbm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sqlite3j.pickle.PyRepr;

/**
 * The text of a dbm.dumb {@code .dir} file: one line per key, {@code "%r, %r\n" % (key.decode('Latin-1'),
 * (pos, siz))} — the key as Python's {@code repr} of its Latin-1 text, the value's offset in
 * {@code .dat} and its length. Written byte for byte as CPython writes it (Latin-1), read as CPython
 * reads it (universal newlines, each line stripped and evaluated as a Python literal). Package-private.
 */
final class DbmDumbDir {

    private DbmDumbDir() {
    }

    /** One entry in its place in the index. */
    record Entry(byte[] key, long pos, long siz) {
    }

    /** The line for one key, as Latin-1 bytes, newline included. */
    static byte[] line(byte[] key, long pos, long siz) {
        String text = strRepr(key) + ", (" + pos + ", " + siz + ")\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Python's {@code repr(str)} of the Latin-1 text of {@code key}, as dumb.py writes it. */
    static String strRepr(byte[] key) {
        return PyRepr.str(new String(key, StandardCharsets.ISO_8859_1));
    }

    /**
     * Every entry of a {@code .dir} file's bytes, in file order. Lines end at {@code \n}, {@code \r}
     * or {@code \r\n} (Python's text mode); each is stripped on the right and must be
     * {@code 'key', (pos, siz)}, the key a Python string literal whose characters are all Latin-1.
     *
     * @throws Dbm.ValueError naming the line when one is not of that form (CPython's {@code literal_eval}
     *     raises ValueError or SyntaxError; nothing in the file is ever evaluated)
     */
    static List<Entry> parse(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        List<Entry> out = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int next = end;
            if (next < text.length()) {
                next += text.charAt(next) == '\r' && next + 1 < text.length() && text.charAt(next + 1) == '\n' ? 2 : 1;
            }
            lineNo++;
            out.add(new Parser(rstrip(text.substring(start, end)), lineNo).entry());
            start = next;
        }
        return out;
    }

    private static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code str.isspace()} for Latin-1 characters. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0;
    }

    /** A recursive-descent reader of the one expression a {@code .dir} line holds. */
    private static final class Parser {
        private final String s;
        private final int lineNo;
        private int i;

        Parser(String s, int lineNo) {
            this.s = s;
            this.lineNo = lineNo;
        }

        Entry entry() {
            skipSpace();
            byte[] key = string();
            skipSpace();
            expect(',');
            skipSpace();
            expect('(');
            skipSpace();
            long pos = integer();
            skipSpace();
            expect(',');
            skipSpace();
            long siz = integer();
            skipSpace();
            if (peek() == ',') {
                i++;
                skipSpace();
            }
            expect(')');
            skipSpace();
            if (i != s.length()) {
                throw bad("unexpected text after the entry");
            }
            return new Entry(key, pos, siz);
        }

        private byte[] string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw bad("a key must be a string literal");
            }
            i++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw bad("unterminated string literal");
                }
                char c = s.charAt(i++);
                if (c == q) {
                    break;
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw bad("unterminated string literal");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '\\', '\'', '"' -> sb.append(e);
                    case 'a' -> sb.append('\u0007');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'v' -> sb.append('\u000b');
                    case 'x' -> sb.appendCodePoint(hex(2));
                    case 'u' -> sb.appendCodePoint(hex(4));
                    case 'U' -> sb.appendCodePoint(hex(8));
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int k = 0; k < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                                v = v * 8 + (s.charAt(i++) - '0');
                            }
                            sb.append((char) v);
                        } else {
                            sb.append('\\').append(e);
                        }
                    }
                }
            }
            byte[] out = new byte[sb.length()];
            for (int k = 0; k < sb.length(); k++) {
                char c = sb.charAt(k);
                if (c > 0xFF) {
                    throw bad(String.format(Locale.ROOT, "'latin-1' codec can't encode character '\\u%04x'"
                            + " in position %d: ordinal not in range(256)", (int) c, k));
                }
                out[k] = (byte) c;
            }
            return out;
        }

        /**
         * The {@code digits} hex digits of an x, u or U escape (after its backslash), as Python's literal reader
         * takes them (ASCII hex digits only, no sign; a code point up to U+10FFFF), else CPython's reason.
         */
        private int hex(int digits) {
            String form = digits == 2 ? "\\xXX" : digits == 4 ? "\\uXXXX" : "\\UXXXXXXXX";
            if (i + digits > s.length()) {
                throw bad("truncated " + form + " escape");
            }
            long v = 0;
            for (int k = 0; k < digits; k++) {
                char c = s.charAt(i + k);
                int d = c < 0x80 ? Character.digit(c, 16) : -1;
                if (d < 0) {
                    throw bad("truncated " + form + " escape");
                }
                v = v * 16 + d;
            }
            if (v > Character.MAX_CODE_POINT) {
                throw bad("illegal Unicode character");
            }
            i += digits;
            return (int) v;
        }

        private long integer() {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80) {
                i++;
            }
            if (start == i) {
                throw bad("a position and a size must be integers");
            }
            try {
                return Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw bad("integer too large");
            }
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw bad("expected '" + c + "'");
            }
            i++;
        }

        private void skipSpace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\f')) {
                i++;
            }
        }

        private Dbm.ValueError bad(String why) {
            return new Dbm.ValueError("malformed .dir file, line " + lineNo + " (" + why + "): "
                    + OsErrors.strRepr(s));
        }
    }
}
