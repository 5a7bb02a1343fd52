package org.sqlite3j.adapters;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.sqlite3j.pickle.PyDatetime;
import org.sqlite3j.pickle.PyNumbers;

/**
 * The text the "date" and "timestamp" converters of {@link Recipes#pythonDefaults} read, as CPython's
 * {@code sqlite3} {@code convert_date} and {@code convert_timestamp} read it: the fields split on
 * {@code -}, {@code " "}, {@code :} and {@code .}, each read by Python's {@code int()} (so " 5", "+5"
 * and "1_0" are numbers, "0a" is not), then {@code datetime}'s range checks, each failure with
 * CPython's message: {@link NumberFormatException} / {@link IllegalArgumentException} for its
 * ValueError and TypeError, {@link ArithmeticException} for its OverflowError.
 *
 * <p>One addition: the text {@link Recipes#isoDate} writes for the years Python cannot hold (year 0 as
 * "0000-01-01", "+12024-05-01", "-0005-01-01") reads back as that {@link LocalDate}, where CPython
 * refuses it.
 */
final class DateText {
    private DateText() {
    }

    /** {@code convert_date}: {@code datetime.date(*map(int, text.split(b"-")))}. */
    static LocalDate date(byte[] text) {
        if (text.length == 10 && text[4] == '-' && text[7] == '-') { // the common shape, read directly
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            if (year > 0 && month >= 0 && day >= 0) {
                return PyDatetime.date(year, month, day);
            }
        }
        LocalDate own = javaDate(text, 0, text.length);
        if (own != null) {
            return own;
        }
        List<byte[]> parts = split(text, 0, text.length, (byte) '-');
        Object[] ymd = new Object[parts.size()];
        for (int i = 0; i < ymd.length; i++) {
            ymd[i] = PyNumbers.parseInt(parts.get(i), 10);
        }
        if (ymd.length > 3) {
            throw new IllegalArgumentException("function takes at most 3 arguments (" + ymd.length + " given)");
        }
        int[] c = new int[3];
        for (int i = 0; i < ymd.length; i++) {
            c[i] = PyDatetime.cInt(ymd[i]);
        }
        if (ymd.length < 3) {
            throw new IllegalArgumentException("function missing required argument '"
                    + (ymd.length == 1 ? "month' (pos 2)" : "day' (pos 3)"));
        }
        return PyDatetime.date(c[0], c[1], c[2]);
    }

    /**
     * {@code convert_timestamp}: date and time split on the one space, the date's three and the time's
     * three fields read by {@code int()}, then the microseconds: the text after the one point, cut to six
     * characters and padded with zeros to six (a second point drops the fraction, as in CPython); then
     * {@code datetime(...)}'s argument conversions and range checks.
     */
    static LocalDateTime timestamp(byte[] text) {
        List<byte[]> halves = split(text, 0, text.length, (byte) ' ');
        unpacked(halves.size(), 2);
        byte[] datePart = halves.get(0);
        LocalDate own = javaDate(datePart, 0, datePart.length);
        Object[] ymd = own == null ? fields(split(datePart, 0, datePart.length, (byte) '-')) : null;
        List<byte[]> timeFull = split(halves.get(1), 0, halves.get(1).length, (byte) '.');
        Object[] hms = fields(split(timeFull.get(0), 0, timeFull.get(0).length, (byte) ':'));
        Object micros = 0L;
        if (timeFull.size() == 2) {
            String fraction = org.sqlite3j.pickle.Utf8.decodeStrict(timeFull.get(1));
            int count = fraction.codePointCount(0, fraction.length());
            String six = fraction.substring(0, fraction.offsetByCodePoints(0, Math.min(6, count)));
            micros = PyNumbers.parseInt(six + "0".repeat(Math.max(0, 6 - count)), 10);
        }
        int[] c = new int[7];
        Object[] all = own == null ? new Object[] {ymd[0], ymd[1], ymd[2], hms[0], hms[1], hms[2], micros}
                : new Object[] {0L, 0L, 0L, hms[0], hms[1], hms[2], micros};
        for (int i = 0; i < all.length; i++) {
            c[i] = PyDatetime.cInt(all[i]);
        }
        LocalDate date = own != null ? own : PyDatetime.date(c[0], c[1], c[2]);
        return date.atTime(PyDatetime.time(c[3], c[4], c[5], c[6]));
    }

    /** Three {@code int()} fields unpacked as CPython's {@code a, b, c = map(int, parts)}. */
    private static Object[] fields(List<byte[]> parts) {
        Object[] out = new Object[3];
        for (int i = 0; i < parts.size() && i <= 3; i++) {
            Object v = PyNumbers.parseInt(parts.get(i), 10); // a fourth is read too before "too many values"
            if (i < 3) {
                out[i] = v;
            }
        }
        unpacked(parts.size(), 3);
        return out;
    }

    private static void unpacked(int got, int expected) {
        if (got < expected) {
            throw new IllegalArgumentException("not enough values to unpack (expected " + expected + ", got " + got + ")");
        }
        if (got > expected) {
            throw new IllegalArgumentException("too many values to unpack (expected " + expected + ")");
        }
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(byte[] b, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** {@code bytes.split(sep)}: every separator splits, empty parts included. */
    private static List<byte[]> split(byte[] b, int from, int to, byte sep) {
        List<byte[]> parts = new ArrayList<>(3);
        int start = from;
        for (int i = from; i < to; i++) {
            if (b[i] == sep) {
                parts.add(java.util.Arrays.copyOfRange(b, start, i));
                start = i + 1;
            }
        }
        parts.add(java.util.Arrays.copyOfRange(b, start, to));
        return parts;
    }

    /**
     * The text {@link Recipes#isoDate} writes for a year Python cannot hold — "0000", a sign then five
     * or more digits ("+12024"), or "-" then four or more ("-0005"); then "-MM-DD" — as that LocalDate;
     * null for any other text, which is read as CPython reads it.
     */
    private static LocalDate javaDate(byte[] b, int from, int to) {
        int i = from;
        int digits;
        if (to - from >= 10 && b[i] == '0' && b[i + 1] == '0' && b[i + 2] == '0' && b[i + 3] == '0' && b[i + 4] == '-') {
            digits = 4;
        } else if (to - from >= 11 && (b[i] == '+' || b[i] == '-')) {
            i++;
            digits = 0;
            while (i + digits < to && b[i + digits] >= '0' && b[i + digits] <= '9') {
                digits++;
            }
            if (digits < (b[from] == '+' ? 5 : 4) || digits > 9) {
                return null;
            }
        } else {
            return null;
        }
        int dash = i + digits;
        if (to - dash != 6 || b[dash] != '-' || b[dash + 3] != '-') {
            return null;
        }
        for (int k : new int[] {1, 2, 4, 5}) {
            if (b[dash + k] < '0' || b[dash + k] > '9') {
                return null;
            }
        }
        try {
            return LocalDate.parse(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
