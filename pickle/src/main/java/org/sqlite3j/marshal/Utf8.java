package org.sqlite3j.marshal;

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

    /** Decodes {@code len} bytes of {@code b} at {@code off} (pickle's codec, marshal's exception). */
    static String decode(byte[] b, int off, int len) {
        try {
            return org.sqlite3j.pickle.Utf8.decodeSurrogatePass(b, off, len);
        } catch (IllegalArgumentException e) {
            throw new UnicodeDecodeError(e.getMessage());
        }
    }
}
