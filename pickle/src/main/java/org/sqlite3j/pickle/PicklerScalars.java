package org.sqlite3j.pickle;

import static org.sqlite3j.pickle.Opcodes.*;

import java.math.BigInteger;

/**
 * The {@link Pickler}'s number and short-string encodings, CPython's rules: ints that fit 32 bits as
 * BININT1/BININT2/BININT (or {@code I...} text below protocol 1), larger ones as LONG1/LONG4 in minimal
 * two's complement from protocol 2 (else {@code L...L} text, refused past 4300 digits as CPython does),
 * floats as BINFLOAT (or {@code repr} text at protocol 0).
 */
final class PicklerScalars {
    private PicklerScalars() {
    }

    static void saveLong(PickleOutput out, int proto, long v) {
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            if (proto >= 1) {
                if (v >= 0 && v <= 0xff) {
                    out.write2(BININT1, (int) v);
                } else if (v >= 0 && v <= 0xffff) {
                    out.writeU16(BININT2, (int) v);
                } else {
                    out.writeU32(BININT, v);
                }
            } else {
                out.writeAscii("I" + v + "\n");
            }
            return;
        }
        saveBigInteger(out, proto, BigInteger.valueOf(v));
    }

    static void saveBigInteger(PickleOutput out, int proto, BigInteger v) {
        if (v.bitLength() < 32) {
            saveLong(out, proto, v.longValue());
            return;
        }
        if (proto >= 2) {
            byte[] be = v.toByteArray();
            int n = be.length;
            if (n < 256) {
                out.write2(LONG1, n);
            } else {
                out.writeU32(LONG4, n);
            }
            out.ensure(n);
            for (int i = n - 1; i >= 0; i--) {
                out.buf[out.pos++] = be[i];
            }
        } else {
            // CPython refuses decimal conversions past 4300 digits; 14300 bits are more than that
            String text = v.bitLength() > 14_300 ? null : v.abs().toString();
            if (text == null || text.length() > Numbers.MAX_STR_DIGITS) {
                String message = "Exceeds the limit (" + Numbers.MAX_STR_DIGITS
                        + " digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";
                throw new PicklingError(message, new IllegalArgumentException(message)); // CPython: ValueError
            }
            out.writeAscii("L" + (v.signum() < 0 ? "-" : "") + text + "L\n");
        }
    }

    static void saveFloat(PickleOutput out, int proto, double d) {
        if (proto >= 1) {
            out.writeF64(BINFLOAT, d);
        } else {
            out.writeAscii("F" + Numbers.repr(d) + "\n");
        }
    }

    /**
     * Writes an ASCII {@code s} (length &lt; 256 for SHORT_BINUNICODE) as {@code opcode} with its
     * 1-byte (SHORT_BINUNICODE) or 4-byte (BINUNICODE) length, encoded straight into the buffer; returns
     * false, writing nothing, for a string that is not ASCII.
     */
    static boolean writeAscii(PickleOutput out, int opcode, String s) {
        int n = s.length();
        int head = opcode == SHORT_BINUNICODE ? 2 : 5;
        out.ensure(n + head);
        byte[] buf = out.buf;
        int start = out.pos;
        int p = start + head;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            buf[p++] = (byte) c;
        }
        buf[start] = (byte) opcode;
        for (int k = 1; k < head; k++) {
            buf[start + k] = (byte) (n >>> (8 * (k - 1)));
        }
        out.pos = p;
        return true;
    }

    static byte[] header(int op, long n, int width) {
        byte[] h = new byte[1 + width];
        h[0] = (byte) op;
        for (int i = 0; i < width; i++) {
            h[1 + i] = (byte) (n >> (8 * i));
        }
        return h;
    }
}
