package org.sqlite3j.pickle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** Python's number text forms: int/long literals, {@code float()} parsing and {@code repr(float)}. */
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
    static final int MAX_STR_DIGITS = 4300;

    /** A decimal int literal as Python's {@code int()} reads it (sign, digits). */
    static Object parseInt(String s) {
        String t = s.strip();
        if (t.length() > MAX_STR_DIGITS + 1) {
            throw new UnpicklingError("Exceeds the limit (" + MAX_STR_DIGITS + " digits) for integer string conversion:"
                    + " value has " + t.length() + " digits");
        }
        if (t.length() < 19) {
            try {
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException e) {
                throw new UnpicklingError("invalid literal for int() with base 10: '" + s + "'");
            }
        }
        try {
            return normalize(new BigInteger(t));
        } catch (NumberFormatException e) {
            throw new UnpicklingError("invalid literal for int() with base 10: '" + s + "'");
        }
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

    /** Python's {@code float(s)} for the text forms pickles carry. */
    static double parseFloat(String s) {
        String t = s.strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan":
                return Double.NaN;
            default:
                break;
        }
        if (lower.isEmpty() || lower.endsWith("d") || lower.endsWith("f") || lower.startsWith("0x")) {
            throw new UnpicklingError("could not convert string to float: '" + s + "'");
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new UnpicklingError("could not convert string to float: '" + s + "'");
        }
    }

    /**
     * The FLOAT opcode's argument as CPython's unpickler reads it ({@code PyOS_string_to_double}, the whole
     * line): no whitespace and no underscore anywhere, and a finite number too large for a double is an
     * error rather than infinity ("value too large to convert to float").
     */
    static double parseFloatOpcode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '_') {
                throw new UnpicklingError("could not convert string to float: '" + s + "'");
            }
        }
        double d = parseFloat(s);
        if (Double.isInfinite(d) && !s.toLowerCase(java.util.Locale.ROOT).contains("inf")) {
            throw new UnpicklingError("value too large to convert to float: '" + s + "'");
        }
        return d;
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
