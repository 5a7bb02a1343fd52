package org.sqlite3j.tck.differential;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value tokens shared with runner.py. Scenario tokens become the Java values the facade binds
 * ({@code "i:5"} a Long, {@code "b:00ff"} a byte[], {@code "<unsupported>"} a plain Object...);
 * values read from SQLite become tokens printed exactly as runner.py prints the Python values:
 * {@code i:5}, {@code f:1.5} (Python's float repr), {@code s:'text'}, {@code b:00ff}, {@code n}.
 */
final class Tokens {

    private Tokens() {
    }

    /** A scenario token as the Java value the facade binds in place of the Python value. */
    static Object decode(String token) {
        if (token.equals("n")) {
            return null;
        }
        if (token.equals("<unsupported>")) {
            return new Object();
        }
        int colon = token.indexOf(':');
        String kind = colon < 0 ? token : token.substring(0, colon);
        String text = colon < 0 ? "" : token.substring(colon + 1);
        switch (kind) {
            case "i":
                BigInteger big = new BigInteger(text);
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            case "f":
                return parseFloat(text);
            case "s":
                return text;
            case "b":
                return hexBytes(text);
            case "bool":
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("bad bool token: " + token);
                }
                return Boolean.valueOf(text);
            case "date":
                return LocalDate.parse(text);
            case "datetime":
                return LocalDateTime.parse(text.replace(' ', 'T'));
            case "obj":
                return TestObjects.decode(text);
            default:
                throw new IllegalArgumentException("bad value token: " + token);
        }
    }

    /**
     * Scenario parameters: a JSON array becomes a List (a Python sequence), a JSON object a Map
     * (a Python dict), a single token the value itself.
     */
    static Object decodeParameters(Object json) {
        if (json instanceof List) {
            List<Object> values = new ArrayList<>();
            for (Object token : (List<?>) json) {
                values.add(decode((String) token));
            }
            return values;
        }
        if (json instanceof Map) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
                values.put((String) e.getKey(), decode((String) e.getValue()));
            }
            return values;
        }
        return decode((String) json);
    }

    /** A value read through the facade as its typed token. */
    static String encode(Object value) {
        if (value == null) {
            return "n";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return "i:" + value;
        }
        if (value instanceof Double) {
            return "f:" + pythonRepr((Double) value);
        }
        if (value instanceof String) {
            return "s:" + quote((String) value);
        }
        if (value instanceof byte[]) {
            StringBuilder hex = new StringBuilder("b:");
            for (byte b : (byte[]) value) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        }
        if (value instanceof LocalDate) {
            return "d:" + value;
        }
        if (value instanceof LocalDateTime) {
            return "dt:" + isoformat((LocalDateTime) value);
        }
        if (value instanceof TestObjects.Point) {
            return "obj:" + value;
        }
        return "?" + value.getClass().getSimpleName();
    }

    /** Python's {@code datetime.isoformat()}: microseconds only when not zero. */
    static String isoformat(LocalDateTime t) {
        String text = String.format("%sT%02d:%02d:%02d", t.toLocalDate(), t.getHour(), t.getMinute(),
                t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? text : text + String.format(".%06d", micros);
    }

    /** A string in quotes, anything but printable ASCII escaped by code point, as runner.py does. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder("'");
        text.codePoints().forEach(c -> {
            if (c == '\\' || c == '\'') {
                sb.append('\\').appendCodePoint(c);
            } else if (c >= ' ' && c <= '~') {
                sb.appendCodePoint(c);
            } else {
                sb.append("\\u{").append(Integer.toHexString(c)).append('}');
            }
        });
        return sb.append('\'').toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back as the same double, in
     * positional notation when the decimal exponent is in [-4, 16), scientific otherwise.
     */
    static String pythonRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Math.abs(d));
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == Math.abs(d)) {
                shortest = rounded;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale(); // value = 0.<digits> * 10^point
        String sign = d < 0 ? "-" : "";
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                return sign + "0." + "0".repeat(-point) + digits;
            }
            if (point >= digits.length()) {
                return sign + digits + "0".repeat(point - digits.length()) + ".0";
            }
            return sign + digits.substring(0, point) + "." + digits.substring(point);
        }
        int exponent = point - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    private static double parseFloat(String text) {
        switch (text) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(text);
        }
    }

    private static byte[] hexBytes(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
