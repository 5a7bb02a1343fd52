package org.sqlite3j.pickle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The number forms of the pickle opcodes: INT, LONG, FLOAT and the PUT/GET indexes read as CPython's C
 * unpickler reads them (on {@link PyNumbers}, Python's own conversions), LONG1/LONG4 bytes, and
 * {@code repr(float)}.
 */
final class Numbers {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Numbers() {
    }

    /** {@code Long} when the value fits in 64 bits, else the BigInteger. */
    static Object normalize(BigInteger v) {
        return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0 ? (Object) v.longValue() : v;
    }

    /** CPython's default {@code sys.get_int_max_str_digits()}: longer decimal conversions are refused (quadratic). */
    static final int MAX_STR_DIGITS = PyNumbers.MAX_STR_DIGITS;

    /** A failure CPython reports as a ValueError: the message is CPython's, the cause says ValueError. */
    static UnpicklingError valueError(String message) {
        return new UnpicklingError(message, new IllegalArgumentException(message));
    }

    /** A failure CPython reports as a TypeError (IllegalArgumentException is its Java side too). */
    static UnpicklingError typeError(String message) {
        return valueError(message);
    }

    /** A failure of {@link PyNumbers} (its class is CPython's): its message, the failure as the cause. */
    static UnpicklingError wrap(RuntimeException e) {
        // the cause says which Python exception it was (a ValueError), never a JDK parsing exception
        // (the fuzz module counts a NumberFormatException among the causes as a programming error)
        return e instanceof IllegalArgumentException ? valueError(e.getMessage()) : new UnpicklingError(e.getMessage(), e);
    }

    /** A text argument (read as Latin-1 characters, without its newline) as the C string CPython reads. */
    private static byte[] cString(String line, boolean withNewline) {
        int n = line.indexOf('\0');
        String s = n < 0 ? line : line.substring(0, n);
        byte[] b = new byte[s.length() + (withNewline && n < 0 ? 1 : 0)];
        for (int i = 0; i < s.length(); i++) {
            b[i] = (byte) s.charAt(i);
        }
        if (b.length > s.length()) {
            b[s.length()] = '\n';
        }
        return b;
    }

    /**
     * INT's argument as CPython's {@code load_int} reads it: C's {@code strtol} with base 0 (so
     * {@code 010} is 8 and {@code 0x1f} 31) up to the newline; "00"/"01" and any other two-character
     * zero or one (" 1", "+0") are False/True; anything strtol cannot take whole (too large, {@code 0b},
     * underscores) is read by Python's {@code int(s, 0)}, and every failure there is
     * "could not convert string to int" (ValueError).
     */
    static Object intOpcode(String line) {
        if (line.isEmpty()) {
            throw UnpicklerInput.truncated();
        }
        byte[] c = cString(line, false);
        int i = 0;
        int n = c.length;
        while (i < n && PyNumbers.isAsciiSpace(c[i])) {
            i++;
        }
        boolean negative = false;
        if (i < n && (c[i] == '+' || c[i] == '-')) {
            negative = c[i] == '-';
            i++;
        }
        int base = 10;
        if (i + 2 < n && c[i] == '0' && (c[i + 1] == 'x' || c[i + 1] == 'X') && Character.digit(c[i + 2], 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < n && c[i] == '0') {
            base = 8;
        }
        int digitsFrom = i;
        long magnitude = 0; // negative accumulation reaches Long.MIN_VALUE
        boolean overflow = false;
        for (; i < n; i++) {
            int d = Character.digit(c[i], base);
            if (d < 0) {
                break;
            }
            if (magnitude < (Long.MIN_VALUE + d) / base) {
                overflow = true;
            } else {
                magnitude = magnitude * base - d;
            }
        }
        // strtol read it all (to the newline or a NUL); a line that starts with NUL is an empty C string: 0
        boolean parsedWhole = i > digitsFrom && i == n || n == 0;
        if (!overflow && parsedWhole && (negative || magnitude != Long.MIN_VALUE)) {
            long x = negative ? magnitude : -magnitude;
            if (line.length() == 2 && (x == 0 || x == 1)) {
                return x == 1;
            }
            return x;
        }
        try {
            byte[] withNewline = cString(line, true);
            PyNumbers.IntText t = PyNumbers.scanInt(withNewline, 0);
            if (!t.failed()) {
                return t.value();
            }
        } catch (NumberFormatException tooManyDigits) {
            // CPython replaces every failure of the fallback with its own message
        }
        throw valueError("could not convert string to int");
    }

    /**
     * LONG's argument as CPython's {@code load_long} reads it: a trailing {@code L} dropped, then
     * Python's int literal with base 0 ({@code PyLong_FromString}): CPython's messages, the base in them
     * the one the prefix chose, and the 4,300-digit limit.
     */
    static Object longOpcode(String line) {
        if (line.isEmpty()) {
            throw UnpicklerInput.truncated();
        }
        boolean l = line.endsWith("L");
        byte[] c = cString(l ? line.substring(0, line.length() - 1) : line, !l);
        PyNumbers.IntText t;
        try {
            t = PyNumbers.scanInt(c, 0);
        } catch (NumberFormatException e) {
            throw wrap(e);
        }
        if (!t.failed()) {
            return t.value();
        }
        throw wrap(PyNumbers.invalidInt(t.messageBase, PyRepr.str(head(c))));
    }

    /** The first 200 bytes of a C string as CPython shows them in a message (strict UTF-8, as it decodes them). */
    private static String head(byte[] c) {
        int n = Math.min(c.length, 200);
        return Utf8.decode(c, 0, n, false);
    }

    /**
     * A PUT or GET index as CPython's {@code load_put}/{@code load_get} read it: Python's int literal
     * with base 10 (whitespace and underscores allowed), at most 2^63 - 1 ("Python int too large to
     * convert to C ssize_t", OverflowError); a negative PUT is "negative PUT argument".
     */
    static long memoIndex(String line, boolean put) {
        if (line.isEmpty()) {
            throw UnpicklerInput.truncated();
        }
        byte[] c = cString(line, true);
        PyNumbers.IntText t;
        try {
            t = PyNumbers.scanInt(c, 10);
        } catch (NumberFormatException e) {
            throw wrap(e);
        }
        if (t.failed()) {
            throw wrap(PyNumbers.invalidInt(10, PyRepr.str(head(c))));
        }
        if (!(t.value() instanceof Long l)) {
            String message = "Python int too large to convert to C ssize_t";
            throw new UnpicklingError(message, new ArithmeticException(message));
        }
        if (l < 0 && put) {
            throw valueError("negative PUT argument");
        }
        return l;
    }

    /**
     * FLOAT's argument as CPython's {@code load_float} reads it ({@code PyOS_string_to_double}): no
     * whitespace or underscores; nothing readable is "could not convert string to float: 'line\n'"
     * (the line as C text, 200 bytes at most), a value too large for a double is OverflowError's
     * "value too large to convert to float: '...'", trailing text "could not convert string to float".
     */
    static double floatOpcode(String line) {
        if (line.isEmpty()) {
            throw UnpicklerInput.truncated();
        }
        byte[] c = cString(line, true);
        int end = PyNumbers.scanFloat(c, 0, c.length);
        if (end == 0) {
            throw valueError("could not convert string to float: '" + shown(c) + "'");
        }
        double d = PyNumbers.floatValue(c, 0, end);
        int first = c[0] == '+' || c[0] == '-' ? 1 : 0;
        if (Double.isInfinite(d) && c[first] != 'i' && c[first] != 'I') {
            String message = "value too large to convert to float: '" + shown(c) + "'";
            throw new UnpicklingError(message, new ArithmeticException(message));
        }
        // the C string ends at the newline, or at a NUL before it
        int stop = line.indexOf('\0') >= 0 ? c.length : c.length - 1;
        if (end != stop) {
            throw valueError("could not convert string to float");
        }
        return d;
    }

    /** C text in a message as CPython's %.200s shows it: 200 bytes at most, UTF-8 with replacement characters. */
    private static String shown(byte[] c) {
        return new String(c, 0, Math.min(c.length, 200), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Little-endian two's complement (LONG1/LONG4); empty is 0. */
    static Object decodeLong(byte[] b) {
        int n = b.length;
        if (n == 0) {
            return 0L;
        }
        if (n <= 8) {
            long v = b[n - 1]; // sign-extended top byte
            for (int i = n - 2; i >= 0; i--) {
                v = (v << 8) | (b[i] & 0xff);
            }
            return v;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = b[n - 1 - i];
        }
        return normalize(new BigInteger(be));
    }

    /** Python's {@code repr(float)}: the shortest round-tripping digits, Python's layout. */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                shortest = r;
                break;
            }
        }
        BigDecimal abs = shortest.abs().stripTrailingZeros();
        String digits = abs.unscaledValue().toString();
        int exp10 = digits.length() - 1 - abs.scale(); // exponent of the first digit
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        if (exp10 >= -4 && exp10 < 16) {
            if (exp10 >= 0) {
                if (digits.length() <= exp10 + 1) {
                    sb.append(digits).append("0".repeat(exp10 + 1 - digits.length())).append(".0");
                } else {
                    sb.append(digits, 0, exp10 + 1).append('.').append(digits, exp10 + 1, digits.length());
                }
            } else {
                sb.append("0.").append("0".repeat(-exp10 - 1)).append(digits);
            }
            return sb.toString();
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp10 < 0 ? '-' : '+');
        int e = Math.abs(exp10);
        if (e < 10) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }
}
