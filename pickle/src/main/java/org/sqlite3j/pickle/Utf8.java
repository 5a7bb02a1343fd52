package org.sqlite3j.pickle;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 with Python's {@code surrogatepass} error handler, as pickle uses for {@code str}: lone
 * surrogates are written and read as their 3-byte forms; other malformed input is rejected.
 * {@link #encode} is public for marshal (package {@code org.sqlite3j.marshal}), which writes
 * {@code str} the same way.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** Encodes {@code s} (lone surrogates as their 3-byte forms); ASCII takes the fast path. */
    public static byte[] encode(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[n * 3];
        int o = 0;
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xc0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && k + 1 < n && Character.isLowSurrogate(s.charAt(k + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++k));
                out[o++] = (byte) (0xf0 | cp >> 18);
                out[o++] = (byte) (0x80 | cp >> 12 & 0x3f);
                out[o++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[o++] = (byte) (0x80 | cp & 0x3f);
            } else {
                out[o++] = (byte) (0xe0 | c >> 12);
                out[o++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[o++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }

    /** Decodes {@code len} bytes at {@code off}; throws {@link UnpicklingError} on malformed input. */
    static String decode(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(len);
        sb.append(new String(b, off, i - off, StandardCharsets.ISO_8859_1));
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int need;
            int cp;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
                cp = c & 0x1f;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                cp = c & 0x0f;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                throw bad(c, i - off);
            }
            if (i + need >= end) {
                throw new UnpicklingError(String.format(
                        "'utf-8' codec can't decode byte 0x%02x in position %d: unexpected end of data", c, i - off));
            }
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    throw bad(c, i - off);
                }
                cp = cp << 6 | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff) {
                throw bad(c, i - off);
            }
            sb.appendCodePoint(cp);
            i += need + 1;
        }
        return sb.toString();
    }

    private static UnpicklingError bad(int c, int pos) {
        return new UnpicklingError(String.format(
                "'utf-8' codec can't decode byte 0x%02x in position %d: invalid start byte", c, pos));
    }
}
