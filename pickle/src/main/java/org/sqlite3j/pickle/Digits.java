package org.sqlite3j.pickle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Digit values (0-35, most significant first) to a BigInteger without {@code new BigInteger(String)}'s
 * quadratic time: bits packed directly for a power-of-two base, divide and conquer over shared powers of
 * ten for base 10 (sub-quadratic, as BigInteger's multiplication is for large operands), the schoolbook
 * product for the other bases, which {@link PyNumbers} only asks for up to 4,300 digits.
 */
final class Digits {
    private Digits() {
    }

    /** The value of digit values (each below {@code base}), most significant first. */
    static BigInteger magnitude(byte[] values, int base) {
        int n = values.length;
        if (Integer.bitCount(base) == 1) {
            return binaryMagnitude(values, Integer.numberOfTrailingZeros(base));
        }
        if (base == 10) {
            return decimal(values, 0, n);
        }
        // other bases: at most MAX_STR_DIGITS digits here, where the schoolbook product is cheap
        long chunkValue = 1;
        int perChunk = 0;
        while (chunkValue <= Long.MAX_VALUE / base / base) {
            chunkValue *= base;
            perChunk++;
        }
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < n; i += perChunk) {
            int to = Math.min(n, i + perChunk);
            long chunk = 0;
            long scale = 1;
            for (int j = i; j < to; j++) {
                chunk = chunk * base + values[j];
                scale *= base;
            }
            acc = acc.multiply(BigInteger.valueOf(scale)).add(BigInteger.valueOf(chunk));
        }
        return acc;
    }

    /** Digits of a power-of-two base packed straight into bits: linear. */
    private static BigInteger binaryMagnitude(byte[] values, int bitsPerDigit) {
        long bits = (long) values.length * bitsPerDigit;
        byte[] mag = new byte[(int) ((bits + 7) / 8) + 1]; // big-endian, one spare zero byte: positive
        int bit = 0;
        for (int i = values.length - 1; i >= 0; i--) {
            int v = values[i];
            for (int b = 0; b < bitsPerDigit; b++, bit++) {
                if ((v >> b & 1) != 0) {
                    mag[mag.length - 1 - (bit >> 3)] |= (byte) (1 << (bit & 7));
                }
            }
        }
        return new BigInteger(mag);
    }

    /** Digits per leaf of the decimal divide and conquer (fits a long). */
    private static final int LEAF_DIGITS = 18;
    private static final BigInteger LEAF_SCALE = BigInteger.valueOf(1_000_000_000_000_000_000L);

    /**
     * Decimal digit values {@code v[from, to)} as a BigInteger: the low part is the largest
     * {@code 18 * 2^k} digits shorter than the whole, so the powers of ten are shared by every branch
     * ({@code pow.get(k)} is {@code 10^(18 * 2^k)}); cost O(M(n) log n) instead of new BigInteger's n².
     */
    /** Decimal digit values {@code v[from, to)} as a BigInteger, in O(M(n) log n). */
    static BigInteger decimal(byte[] v, int from, int to) {
        return decimal(v, from, to, new ArrayList<>());
    }

    private static BigInteger decimal(byte[] v, int from, int to, List<BigInteger> pow) {
        int n = to - from;
        if (n <= LEAF_DIGITS) {
            long x = 0;
            for (int i = from; i < to; i++) {
                x = x * 10 + v[i];
            }
            return BigInteger.valueOf(x);
        }
        if (n <= 16 * LEAF_DIGITS) {
            BigInteger acc = BigInteger.ZERO;
            int head = n % LEAF_DIGITS == 0 ? LEAF_DIGITS : n % LEAF_DIGITS;
            acc = decimal(v, from, from + head, pow);
            for (int i = from + head; i < to; i += LEAF_DIGITS) {
                acc = acc.multiply(LEAF_SCALE).add(decimal(v, i, i + LEAF_DIGITS, pow));
            }
            return acc;
        }
        int k = 0;
        long low = LEAF_DIGITS;
        while (low * 2 < n) {
            low *= 2;
            k++;
        }
        if (pow.isEmpty()) {
            pow.add(LEAF_SCALE);
        }
        while (pow.size() <= k) {
            BigInteger last = pow.get(pow.size() - 1);
            pow.add(last.multiply(last));
        }
        int split = to - (int) low;
        BigInteger high = decimal(v, from, split, pow);
        return high.multiply(pow.get(k)).add(decimal(v, split, to, pow));
    }
}
