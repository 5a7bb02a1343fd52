package org.sqlite3j.marshal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The text form of a float in marshal versions 0 and 1 (type codes {@code 'f'} and {@code 'x'}):
 * written as C's {@code "%.17g"} (CPython's {@code PyOS_double_to_string(v, 'g', 17, 0)}), read with
 * the grammar of CPython's {@code PyOS_string_to_double} (no spaces, no underscores, no hex;
 * {@code inf}, {@code infinity} and {@code nan} in any case).
 */
final class FloatText {
    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);
    private static final long NEGATIVE_NAN = 0xfff8000000000000L;

    private FloatText() {
    }

    /** {@code "%.17g" % v}, with Python's spellings {@code inf}, {@code -inf} and {@code nan}. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String sign = (Double.doubleToRawLongBits(v) < 0) ? "-" : "";
        if (v == 0) {
            return sign + "0";
        }
        BigDecimal exact = new BigDecimal(Math.abs(v)).round(SEVENTEEN).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int decpt = digits.length() - exact.scale();
        int exponent = decpt - 1;
        StringBuilder sb = new StringBuilder(sign);
        if (exponent < -4 || exponent >= 17) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else if (decpt <= 0) {
            sb.append("0.");
            sb.append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            sb.append(digits).append("0".repeat(decpt - digits.length()));
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return sb.toString();
    }

    /**
     * Parses {@code len} bytes at {@code off} as CPython does: the text ends at the first NUL byte (it
     * is a C string there), and anything but a whole float literal raises {@link ValueError}.
     */
    static double parse(byte[] b, int off, int len) {
        int n = 0;
        while (n < len && b[off + n] != 0) {
            n++;
        }
        int i = off;
        int end = off + n;
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        String rest = new String(b, i, end - i, StandardCharsets.ISO_8859_1);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (rest.equalsIgnoreCase("nan")) {
            return negative ? Double.longBitsToDouble(NEGATIVE_NAN) : Double.NaN;
        }
        if (!isDecimal(b, i, end)) {
            int shown = Math.min(n, 200);
            throw new ValueError("could not convert string to float: '"
                    + new String(b, off, shown, StandardCharsets.UTF_8) + "'");
        }
        double v = Double.parseDouble(rest);
        return negative ? -v : v;
    }

    /** {@code digits [. digits] [e [+-] digits]} with at least one mantissa digit. */
    private static boolean isDecimal(byte[] b, int i, int end) {
        int digits = 0;
        while (i < end && isDigit(b[i])) {
            i++;
            digits++;
        }
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && isDigit(b[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < end && isDigit(b[i])) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == end;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
