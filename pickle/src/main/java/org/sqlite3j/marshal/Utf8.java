package org.sqlite3j.marshal;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 with Python's {@code surrogatepass} error handler, as marshal reads and writes {@code str}:
 * a lone surrogate is its 3-byte form; any other malformed input raises {@link UnicodeDecodeError} with
 * the message CPython's decoder gives for the same bytes.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Whether every char of {@code s} is ASCII (below 0x80). */
    static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The UTF-8 bytes of {@code s}, lone surrogates encoded as their 3-byte forms (pickle's encoder). */
    static byte[] encode(String s) {
        return org.sqlite3j.pickle.Utf8.encode(s);
    }

    /** Decodes {@code len} bytes of {@code b} at {@code off}. */
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
            int lo = 0x80;
            int hi = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                if (c == 0xe0) {
                    lo = 0xa0;
                } else if (c == 0xed) {
                    if (isSurrogate(b, i, end)) {
                        sb.append((char) (0xd000 | (b[i + 1] & 0x3f) << 6 | b[i + 2] & 0x3f));
                        i += 3;
                        continue;
                    }
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
                boolean ok = k == 1 ? cc >= lo && cc <= hi : (cc & 0xc0) == 0x80;
                if (!ok) {
                    throw error(b, off, i, k, "invalid continuation byte");
                }
                cp = cp << 6 | cc & 0x3f;
            }
            sb.appendCodePoint(cp);
            i += need + 1;
        }
        return sb.toString();
    }

    /** {@code ED A0..BF 80..BF}: a surrogate, which {@code surrogatepass} lets through. */
    private static boolean isSurrogate(byte[] b, int i, int end) {
        return i + 2 < end && (b[i + 1] & 0xe0) == 0xa0 && (b[i + 2] & 0xc0) == 0x80;
    }

    private static UnicodeDecodeError error(byte[] b, int off, int at, int count, String reason) {
        int pos = at - off;
        String where = count == 1
                ? String.format("byte 0x%02x in position %d", b[at] & 0xff, pos)
                : String.format("bytes in position %d-%d", pos, pos + count - 1);
        return new UnicodeDecodeError("'utf-8' codec can't decode " + where + ": " + reason);
    }
}
