package org.sqlite3j.pickle;

import java.io.ByteArrayOutputStream;

/**
 * The protocol-0 text forms: the quoted STRING argument ({@code repr} of a Python 2 str) and the
 * {@code raw-unicode-escape} UNICODE argument, both ways.
 */
final class TextForms {
    private TextForms() {
    }

    /** The bytes of a STRING argument: quoted with ' or ", Python string escapes inside. */
    static byte[] unquote(String arg) {
        String s = arg;
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"') || s.charAt(s.length() - 1) != s.charAt(0)) {
            throw new UnpicklingError("the STRING opcode argument must be quoted");
        }
        return escapeDecode(s.substring(1, s.length() - 1));
    }

    /** Python's {@code codecs.escape_decode}: the bytes of {@code s} (Latin-1 characters), escapes undone. */
    static byte[] escapeDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (++i >= s.length()) {
                throw Numbers.valueError("Trailing \\ in string");
            }
            char e = s.charAt(i);
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.write(e);
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case 'x' -> {
                    int v = hex(s, i + 1, 2);
                    if (v < 0) {
                        throw Numbers.valueError("invalid \\x escape at position " + (i - 1));
                    }
                    out.write(v);
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int k = 1;
                        while (k < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                            v = v * 8 + (s.charAt(++i) - '0');
                            k++;
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write('\\');
                        out.write(e);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** The value of the {@code n} ASCII hex digits at {@code from}, or -1 when they are not all there. */
    private static int hex(String s, int from, int n) {
        if (from + n > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = hexDigit(s.charAt(i));
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** 0-15 for an ASCII hex digit, else -1 (no other script's digits, as CPython's codecs). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** Decodes {@code raw-unicode-escape} (the argument already read as Latin-1 characters). */
    static String rawUnicodeUnescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            int run = 0;
            while (i + run < s.length() && s.charAt(i + run) == '\\') {
                run++;
            }
            int next = i + run;
            if (run % 2 == 1 && next < s.length() && (s.charAt(next) == 'u' || s.charAt(next) == 'U')) {
                sb.append("\\".repeat(run - 1));
                boolean shortForm = s.charAt(next) == 'u';
                int n = shortForm ? 4 : 8;
                int k = 0;
                long v = 0;
                while (k < n && next + 1 + k < s.length() && hexDigit(s.charAt(next + 1 + k)) >= 0) {
                    v = v * 16 + hexDigit(s.charAt(next + 1 + k));
                    k++;
                }
                if (k < n) {
                    throw escapeError(next - 1, next + 1 + k, shortForm ? "truncated \\uXXXX escape"
                            : "truncated \\UXXXXXXXX escape");
                }
                if (v > Character.MAX_CODE_POINT) {
                    throw escapeError(next - 1, next + 1 + n, "\\Uxxxxxxxx out of range");
                }
                sb.appendCodePoint((int) v);
                i = next + 1 + n;
            } else {
                sb.append("\\".repeat(run));
                i = next;
            }
        }
        return sb.toString();
    }

    /** CPython's UnicodeDecodeError of raw-unicode-escape for the bytes {@code [start, end)}. */
    private static UnpicklingError escapeError(int start, int end, String reason) {
        return Numbers.valueError("'rawunicodeescape' codec can't decode bytes in position " + start + "-" + (end - 1)
                + ": " + reason);
    }

    /** The UNICODE argument CPython writes: raw-unicode-escape with \, NUL, \n, \r and \x1a escaped. */
    static byte[] rawUnicodeEscape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == 0 || c == '\n' || c == '\r' || c == 0x1a) {
                writeEscape(out, 'u', c, 4);
            } else if (c < 0x100) {
                out.write(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                writeEscape(out, 'U', Character.toCodePoint(c, s.charAt(++i)), 8);
            } else {
                writeEscape(out, 'u', c, 4);
            }
        }
        return out.toByteArray();
    }

    private static void writeEscape(ByteArrayOutputStream out, char kind, int v, int digits) {
        out.write('\\');
        out.write(kind);
        String h = Integer.toHexString(v);
        for (int k = h.length(); k < digits; k++) {
            out.write('0');
        }
        for (int k = 0; k < h.length(); k++) {
            out.write(h.charAt(k));
        }
    }
}
