package org.sqlite3j.pickle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Python's conversions of text to numbers, as CPython 3.13 makes them: {@code int(x[, base])} and
 * {@code float(x)} of a {@code str} or {@code bytes}, {@code complex(s)} and {@code decimal.Decimal(s)}. Every conversion
 * takes time linear in the text (a long Decimal coefficient: divide and conquer over sub-quadratic
 * multiplications), never the quadratic time of {@code new BigInteger(String)}: an int of more than
 * {@link #MAX_STR_DIGITS} digits in a base that is not a power of two is refused, as CPython's default
 * {@code sys.get_int_max_str_digits()} refuses it, before any arithmetic.
 *
 * <p>Failures carry CPython's message: {@link NumberFormatException} for Python's {@code ValueError}
 * (a bad literal, the digit limit, a bad base), {@link ArithmeticException} for
 * {@code decimal.InvalidOperation}. The pickle opcodes' own forms (INT, LONG, FLOAT, which read C
 * strings with {@code strtol}/{@code strtod} rules) are built on these in {@link Numbers}.
 */
public final class PyNumbers {
    /** CPython's default {@code sys.get_int_max_str_digits()}: longer conversions in other bases are refused. */
    public static final int MAX_STR_DIGITS = 4300;
    /** The smallest exponent and the largest adjusted exponent {@code decimal} reads (64-bit libmpdec). */
    private static final long DECIMAL_MAX_EMAX = 999_999_999_999_999_999L;
    private static final long DECIMAL_MIN_ETINY = -1_999_999_999_999_999_997L;
    /** Invalid in every grammar here: what a character that is neither ASCII, a digit nor a space becomes. */
    private static final byte INVALID = '?';

    private PyNumbers() {
    }

    // ---- int() ------------------------------------------------------------------------------------

    /**
     * {@code int(s, base)} of a {@code str}: base 0 (the prefix decides) or 2 to 36; surrounding
     * whitespace, a sign, single underscores between digits and any Unicode decimal digit are accepted
     * as Python accepts them. Returns a {@link Long} when the value fits 64 bits, else a {@link BigInteger}.
     *
     * @throws NumberFormatException Python's ValueError, with CPython's message
     */
    public static Object parseInt(String s, int base) {
        checkBase(base);
        IntText t = scanInt(ascii(s), base);
        if (t.failed()) {
            throw invalidInt(base, PyRepr.str(head(s)));
        }
        return t.value();
    }

    /** {@code int(b, base)} of a {@code bytes} (ASCII whitespace only; the message shows {@code b'...'}). */
    public static Object parseInt(byte[] b, int base) {
        checkBase(base);
        IntText t = scanInt(b, base);
        if (t.failed()) {
            throw invalidInt(base, PyRepr.bytes(b.length > 200 ? java.util.Arrays.copyOf(b, 200) : b));
        }
        return t.value();
    }

    private static void checkBase(int base) {
        if (base != 0 && (base < 2 || base > 36)) {
            throw new NumberFormatException("int() base must be >= 2 and <= 36, or 0");
        }
    }

    private static String head(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** "invalid literal for int() with base B: R", R being the repr cut to 200 characters as CPython's %.200R. */
    static NumberFormatException invalidInt(int base, String repr) {
        return new NumberFormatException("invalid literal for int() with base " + base + ": "
                + (repr.length() > 200 ? repr.substring(0, 200) : repr));
    }

    static NumberFormatException digitLimit(long digits) {
        return new NumberFormatException("Exceeds the limit (" + MAX_STR_DIGITS + " digits) for integer string"
                + " conversion: value has " + digits + " digits; use sys.set_int_max_str_digits() to increase the limit");
    }

    /**
     * The outcome of reading an int literal: {@link #failed()} with the base CPython's own
     * {@code PyLong_FromString} names in its message ({@link #messageBase}), or the value.
     */
    static final class IntText {
        private final Object value;
        final int messageBase;

        private IntText(Object value, int messageBase) {
            this.value = value;
            this.messageBase = messageBase;
        }

        boolean failed() {
            return value == null;
        }

        Object value() {
            return value;
        }
    }

    /**
     * {@code PyLong_FromString(a, base)} over all of {@code a}: whitespace, sign, prefix, digits with
     * single underscores, whitespace, end. The digit limit is checked after the syntax, as CPython does.
     *
     * @throws NumberFormatException for the digit limit only
     */
    static IntText scanInt(byte[] a, int base) {
        int n = a.length;
        int i = skipSpace(a, 0, n);
        boolean negative = false;
        if (i < n && (a[i] == '+' || a[i] == '-')) {
            negative = a[i] == '-';
            i++;
        }
        boolean zeroOnly = false; // base 0 and a leading 0 without a prefix: only zeros may follow
        int messageBase = base; // the base PyLong_FromString names: the one the prefix chose, 0 for "0..."
        if (base == 0) {
            int prefixed = i + 1 < n && a[i] == '0' ? prefixOf(a[i + 1]) : -1;
            zeroOnly = i < n && a[i] == '0' && prefixed < 0;
            base = prefixed > 0 ? prefixed : 10;
            messageBase = zeroOnly ? 0 : base;
        }
        if (i + 1 < n && a[i] == '0' && prefixOf(a[i + 1]) == base) {
            i += 2;
            if (i < n && a[i] == '_') {
                i++; // one underscore may follow the prefix
            }
        }
        int start = i;
        int digits = 0;
        boolean lastUnderscore = true; // nothing read yet: an underscore here is an error
        while (i < n) {
            int d = digitValue(a[i]);
            if (d >= 0 && d < base) {
                digits++;
                lastUnderscore = false;
            } else if (a[i] == '_' && !lastUnderscore) {
                lastUnderscore = true;
            } else {
                break;
            }
            i++;
        }
        int end = i;
        if (digits == 0 || lastUnderscore || skipSpace(a, i, n) != n) {
            return new IntText(null, messageBase);
        }
        if (Integer.bitCount(base) != 1 && digits > MAX_STR_DIGITS) {
            throw digitLimit(digits);
        }
        byte[] values = new byte[digits];
        int k = 0;
        boolean nonZero = false;
        for (int j = start; j < end; j++) {
            if (a[j] != '_') {
                values[k] = (byte) digitValue(a[j]);
                nonZero |= values[k++] != 0;
            }
        }
        if (zeroOnly && nonZero) {
            return new IntText(null, messageBase);
        }
        BigInteger v = Digits.magnitude(values, base);
        return new IntText(Numbers.normalize(negative ? v.negate() : v), messageBase);
    }

    private static int prefixOf(byte c) {
        return switch (c) {
            case 'x', 'X' -> 16;
            case 'o', 'O' -> 8;
            case 'b', 'B' -> 2;
            default -> -1;
        };
    }

    /** 0-35 for 0-9, a-z, A-Z; -1 for anything else. */
    private static int digitValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** C's {@code isspace} in the C locale (CPython's Py_ISSPACE): space, \t, \n, \v, \f, \r. */
    static boolean isAsciiSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int skipSpace(byte[] a, int i, int n) {
        while (i < n && isAsciiSpace(a[i])) {
            i++;
        }
        return i;
    }

    private static int skipSpaceBack(byte[] a, int from, int n) {
        while (n > from && isAsciiSpace(a[n - 1])) {
            n--;
        }
        return n;
    }

    // ---- float() ----------------------------------------------------------------------------------

    /**
     * {@code float(s)} of a {@code str}: surrounding whitespace, underscores between digits,
     * {@code inf}/{@code infinity}/{@code nan} in any case, any Unicode decimal digit; out of range is
     * {@code ±inf}, as Python's {@code float()} gives.
     *
     * @throws NumberFormatException Python's ValueError, "could not convert string to float: 's'"
     */
    public static double parseFloat(String s) {
        double d = floatOf(ascii(s));
        if (d != d && !isNanText(ascii(s))) {
            throw new NumberFormatException("could not convert string to float: " + PyRepr.str(s));
        }
        return d;
    }

    /** {@code float(b)} of a {@code bytes}. */
    public static double parseFloat(byte[] b) {
        double d = floatOf(b);
        if (d != d && !isNanText(b)) {
            throw new NumberFormatException("could not convert string to float: " + PyRepr.bytes(b));
        }
        return d;
    }

    /** A marker NaN for "not a float" (a real NaN's text is told apart by {@link #isNanText}). */
    private static double floatOf(byte[] a) {
        int from = skipSpace(a, 0, a.length);
        int to = skipSpaceBack(a, from, a.length);
        byte[] t = withoutUnderscores(a, from, to);
        if (t == null) {
            return Double.NaN;
        }
        int end = scanFloat(t, 0, t.length);
        if (end != t.length || t.length == 0) {
            return Double.NaN;
        }
        return floatValue(t, 0, end);
    }

    private static boolean isNanText(byte[] a) {
        int from = skipSpace(a, 0, a.length);
        int to = skipSpaceBack(a, from, a.length);
        if (from < to && (a[from] == '+' || a[from] == '-')) {
            from++;
        }
        return to - from == 3 && new String(a, from, 3, StandardCharsets.ISO_8859_1).equalsIgnoreCase("nan");
    }

    /**
     * {@code a[from, to)} with its underscores removed when each stands between two digits (Python's
     * rule for numeric literals); null when one does not.
     */
    static byte[] withoutUnderscores(byte[] a, int from, int to) {
        byte[] t = new byte[to - from];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (a[i] == '_') {
                if (i == from || i + 1 == to || !isDigit(a[i - 1]) || !isDigit(a[i + 1])) {
                    return null;
                }
                continue;
            }
            t[k++] = a[i];
        }
        return k == t.length ? t : java.util.Arrays.copyOf(t, k);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The end of the longest float literal at {@code from} ({@code strtod}'s end pointer, as CPython's
     * {@code PyOS_string_to_double} reads it: a sign, then {@code inf}, {@code infinity} or {@code nan}
     * in any case, or digits with an optional point and exponent; no whitespace, no hexadecimal), or
     * {@code from} when there is none.
     */
    static int scanFloat(byte[] a, int from, int to) {
        int i = from;
        if (i < to && (a[i] == '+' || a[i] == '-')) {
            i++;
        }
        if (matchesWord(a, i, to, "infinity")) {
            return i + 8;
        }
        if (matchesWord(a, i, to, "inf") || matchesWord(a, i, to, "nan")) {
            return i + 3;
        }
        int digits = 0;
        while (i < to && isDigit(a[i])) {
            i++;
            digits++;
        }
        if (i < to && a[i] == '.') {
            i++;
            while (i < to && isDigit(a[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return from;
        }
        if (i < to && (a[i] == 'e' || a[i] == 'E')) {
            int e = i + 1;
            if (e < to && (a[e] == '+' || a[e] == '-')) {
                e++;
            }
            if (e < to && isDigit(a[e])) {
                while (e < to && isDigit(a[e])) {
                    e++;
                }
                i = e;
            }
        }
        return i;
    }

    private static boolean matchesWord(byte[] a, int i, int to, String word) {
        if (to - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase((char) (a[i + k] & 0xff)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The double of a literal {@link #scanFloat} accepted (correctly rounded; linear in its length). */
    static double floatValue(byte[] a, int from, int to) {
        int i = from;
        boolean negative = false;
        if (a[i] == '+' || a[i] == '-') {
            negative = a[i] == '-';
            i++;
        }
        char c = Character.toLowerCase((char) a[i]);
        if (c == 'i') {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (c == 'n') {
            return Double.NaN;
        }
        return Double.parseDouble(new String(a, from, to - from, StandardCharsets.ISO_8859_1));
    }

    // ---- complex() --------------------------------------------------------------------------------

    /**
     * {@code complex(s)} of a {@code str}: {@code <float>}, {@code <float>j}, {@code <float><signed float>j},
     * and the old forms {@code <float><sign>j}, {@code <sign>j}, {@code j}; optionally in parentheses,
     * whitespace around (and inside the parentheses), underscores between digits, no space within.
     *
     * @throws NumberFormatException Python's ValueError, with CPython's message
     */
    public static PyComplex parseComplex(String s) {
        byte[] a = ascii(s);
        int from = skipSpace(a, 0, a.length);
        int to = skipSpaceBack(a, from, a.length);
        if (from < to && a[from] == '(') {
            if (a[to - 1] != ')' || to - from < 2) {
                throw malformedComplex();
            }
            from = skipSpace(a, from + 1, to - 1);
            to = skipSpaceBack(a, from, to - 1);
        }
        byte[] t = withoutUnderscores(a, from, to);
        if (t == null) {
            throw new NumberFormatException("could not convert string to complex: " + PyRepr.str(s));
        }
        int n = t.length;
        int end = scanFloat(t, 0, n);
        if (end == 0) {
            // <sign>j or j
            int j = n > 0 && (t[0] == '+' || t[0] == '-') ? 1 : 0;
            if (n == j + 1 && isJ(t[j])) {
                return new PyComplex(0.0, t[0] == '-' ? -1.0 : 1.0);
            }
            throw malformedComplex();
        }
        double x = floatValue(t, 0, end);
        if (end == n) {
            return new PyComplex(x, 0.0);
        }
        if (end + 1 == n && isJ(t[end])) {
            return new PyComplex(0.0, x);
        }
        if (t[end] != '+' && t[end] != '-') {
            throw malformedComplex();
        }
        int end2 = scanFloat(t, end, n);
        if (end2 == end) {
            if (end + 2 == n && isJ(t[end + 1])) {
                return new PyComplex(x, t[end] == '-' ? -1.0 : 1.0);
            }
            throw malformedComplex();
        }
        if (end2 + 1 != n || !isJ(t[end2])) {
            throw malformedComplex();
        }
        return new PyComplex(x, floatValue(t, end, end2));
    }

    private static boolean isJ(byte c) {
        return c == 'j' || c == 'J';
    }

    private static NumberFormatException malformedComplex() {
        return new NumberFormatException("complex() arg is a malformed string");
    }

    /** Whether the first non-space character of {@code s} is a minus sign (a Decimal {@code -0} keeps it). */
    static boolean startsNegative(String s) {
        byte[] a = ascii(s);
        int i = skipSpace(a, 0, a.length);
        return i < a.length && a[i] == '-';
    }

    // ---- decimal.Decimal() ------------------------------------------------------------------------

    /**
     * {@code decimal.Decimal(s)} of a {@code str}: surrounding whitespace, underscores (ignored), any
     * Unicode decimal digit, an exponent within decimal's limits. Returns the exact value, or
     * {@code null} for a valid Decimal a BigDecimal cannot hold: {@code NaN}, {@code sNaN},
     * {@code Infinity}, or an exponent beyond the int scale of BigDecimal. {@code -0} reads as 0.
     *
     * @throws ArithmeticException Python's {@code decimal.InvalidOperation}, with its message
     */
    public static BigDecimal parseDecimal(String s) {
        int first = 0;
        int last = s.length();
        while (first < last && isPySpace(s.codePointAt(first))) {
            first += Character.charCount(s.codePointAt(first));
        }
        while (last > first && isPySpace(s.codePointBefore(last))) {
            last -= Character.charCount(s.codePointBefore(last));
        }
        byte[] a = ascii(s.substring(first, last)); // decimal strips every Unicode space, \x1c-\x1f included
        int from = skipSpace(a, 0, a.length);
        int to = skipSpaceBack(a, from, a.length);
        byte[] t = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (a[i] != '_') {
                t[n++] = a[i];
            }
        }
        int i = 0;
        if (i < n && (t[i] == '+' || t[i] == '-')) {
            i++;
        }
        boolean negative = i > 0 && t[0] == '-';
        if (matchesWord(t, i, n, "infinity") && i + 8 == n || matchesWord(t, i, n, "inf") && i + 3 == n) {
            return null;
        }
        int payload = matchesWord(t, i, n, "nan") ? i + 3 : matchesWord(t, i, n, "snan") ? i + 4 : -1;
        if (payload >= 0) {
            while (payload < n && isDigit(t[payload])) {
                payload++;
            }
            if (payload != n) {
                throw conversionSyntax();
            }
            return null;
        }
        byte[] coefficient = new byte[n];
        int digits = 0;
        int fraction = 0;
        boolean point = false;
        while (i < n && (isDigit(t[i]) || t[i] == '.' && !point)) {
            if (t[i] == '.') {
                point = true;
            } else {
                coefficient[digits++] = (byte) (t[i] - '0');
                if (point) {
                    fraction++;
                }
            }
            i++;
        }
        if (digits == 0) {
            throw conversionSyntax();
        }
        long exponent = 0;
        if (i < n && (t[i] == 'e' || t[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (t[i] == '+' || t[i] == '-')) {
                negativeExponent = t[i] == '-';
                i++;
            }
            if (i == n) {
                throw conversionSyntax();
            }
            boolean overflow = false;
            for (; i < n && isDigit(t[i]); i++) {
                if (exponent > (Long.MAX_VALUE - 9) / 10) {
                    overflow = true;
                } else {
                    exponent = exponent * 10 + (t[i] - '0');
                }
            }
            if (i != n) {
                throw conversionSyntax();
            }
            if (overflow) {
                throw invalidOperation();
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != n) {
            throw conversionSyntax();
        }
        int lead = 0;
        while (lead < digits - 1 && coefficient[lead] == 0) {
            lead++;
        }
        exponent -= fraction;
        long significant = digits - lead;
        if (exponent < DECIMAL_MIN_ETINY || exponent > DECIMAL_MAX_EMAX - (significant - 1)) {
            throw invalidOperation();
        }
        if (exponent < -Integer.MAX_VALUE || exponent > -(long) Integer.MIN_VALUE) {
            return null;
        }
        BigInteger unscaled = Digits.decimal(coefficient, lead, digits);
        return new BigDecimal(negative ? unscaled.negate() : unscaled, (int) -exponent);
    }

    private static ArithmeticException conversionSyntax() {
        return new ArithmeticException("[<class 'decimal.ConversionSyntax'>]");
    }

    private static ArithmeticException invalidOperation() {
        return new ArithmeticException("[<class 'decimal.InvalidOperation'>]");
    }

    // ---- text -------------------------------------------------------------------------------------

    /**
     * A {@code str} as the ASCII bytes CPython's number parsers read: ASCII kept, non-ASCII whitespace
     * a space, a Unicode decimal digit its ASCII digit, any other character an invalid one.
     */
    static byte[] ascii(String s) {
        int n = s.length();
        byte[] out = new byte[n];
        int k = 0;
        for (int i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out[k++] = (byte) cp; // kept: the parsers skip only the C-locale spaces among these
            } else if (isPySpace(cp)) {
                out[k++] = ' ';
            } else if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                out[k++] = (byte) ('0' + Character.digit(cp, 10));
            } else {
                out[k++] = INVALID;
            }
        }
        return k == n ? out : java.util.Arrays.copyOf(out, k);
    }

    /**
     * Python's {@code str.isspace()} for one code point: the C-locale spaces, the separators \x1c-\x1f
     * and \x85, and every Unicode space, line and paragraph separator (no-break spaces included).
     */
    static boolean isPySpace(int cp) {
        if (cp < 0x80) {
            return isAsciiSpace(cp) || cp >= 0x1c && cp <= 0x1f;
        }
        return cp == 0x85 || Character.isSpaceChar(cp);
    }
}
