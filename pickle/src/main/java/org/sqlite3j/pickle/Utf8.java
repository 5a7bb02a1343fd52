package org.sqlite3j.pickle;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 with Python's {@code surrogatepass} error handler, as pickle uses for {@code str}: lone
 * surrogates are written and read as their 3-byte forms; other malformed input is rejected.
 * {@link #encode} and {@link #decodeSurrogatePass} are public for marshal (package
 * {@code org.sqlite3j.marshal}), which reads and writes {@code str} the same way: one codec for both.
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

    /**
     * {@code b.decode('utf-8')}: strict UTF-8, for the modules above pickle that read text as Python does.
     *
     * @throws IllegalArgumentException Python's UnicodeDecodeError (a ValueError), with CPython's message
     */
    public static String decodeStrict(byte[] b) {
        return codec(b, 0, b.length, false);
    }

    /**
     * Decodes {@code len} bytes at {@code off} with {@code surrogatepass}, as marshal reads {@code str}.
     *
     * @throws IllegalArgumentException Python's UnicodeDecodeError (a ValueError), with CPython's message
     */
    public static String decodeSurrogatePass(byte[] b, int off, int len) {
        return codec(b, off, len, true);
    }

    /** Decodes {@code len} bytes at {@code off} with {@code surrogatepass} (how pickle reads {@code str}). */
    static String decode(byte[] b, int off, int len) {
        return decode(b, off, len, true);
    }

    /**
     * Decodes {@code len} bytes at {@code off}: strict UTF-8, or with {@code surrogatePass} lone
     * surrogates ({@code ED A0..BF 80..BF}) let through. Malformed input throws {@link UnpicklingError}
     * with CPython's UnicodeDecodeError message ("invalid start byte", "invalid continuation byte",
     * "unexpected end of data", the position or range of the bytes at fault); its cause is an
     * IllegalArgumentException, UnicodeDecodeError being a ValueError.
     */
    static String decode(byte[] b, int off, int len, boolean surrogatePass) {
        try {
            return codec(b, off, len, surrogatePass);
        } catch (IllegalArgumentException e) {
            throw Numbers.valueError(e.getMessage());
        }
    }

    /** The decoder itself; malformed input is an IllegalArgumentException with CPython's message. */
    private static String codec(byte[] b, int off, int len, boolean surrogatePass) {
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
            int lo = 0x80; // the range of the first continuation byte: it excludes overlong forms,
            int hi = 0xbf; // surrogates (strict) and code points above U+10FFFF
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                if (c == 0xe0) {
                    lo = 0xa0;
                } else if (c == 0xed && !(surrogatePass && isSurrogate(b, i, end))) {
                    hi = 0x9f;
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                if (c == 0xf0) {
                    lo = 0x90;
                } else if (c == 0xf4) {
                    hi = 0x8f;
                }
            } else {
                throw error(b, off, i, 1, "invalid start byte");
            }
            int cp = c & (0x3f >> need);
            for (int k = 1; k <= need; k++) {
                if (i + k >= end) {
                    throw error(b, off, i, end - i, "unexpected end of data");
                }
                int cc = b[i + k] & 0xff;
                if (k == 1 ? cc < lo || cc > hi : (cc & 0xc0) != 0x80) {
                    throw error(b, off, i, k, "invalid continuation byte");
                }
                cp = cp << 6 | (cc & 0x3f);
            }
            sb.appendCodePoint(cp);
            i += need + 1;
        }
        return sb.toString();
    }

    /** {@code ED A0..BF 80..BF} at {@code i}: a lone surrogate's 3-byte form. */
    private static boolean isSurrogate(byte[] b, int i, int end) {
        return i + 2 < end && (b[i + 1] & 0xe0) == 0xa0 && (b[i + 2] & 0xc0) == 0x80;
    }

    private static IllegalArgumentException error(byte[] b, int off, int at, int count, String reason) {
        int pos = at - off;
        String where = count == 1 ? String.format("byte 0x%02x in position %d", b[at] & 0xff, pos)
                : String.format("bytes in position %d-%d", pos, pos + count - 1);
        return new IllegalArgumentException("'utf-8' codec can't decode " + where + ": " + reason);
    }
}
