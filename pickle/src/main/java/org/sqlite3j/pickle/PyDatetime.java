package org.sqlite3j.pickle;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The argument checks of Python's {@code datetime.date}, {@code time} and {@code datetime}
 * constructors, with CPython 3.13's messages: each argument a C int (OverflowError past 32 bits,
 * TypeError for what is no int), then year, month, day, hour, minute, second and microsecond in that
 * order against their ranges (ValueError). Used where pickle builds these from arguments, and by the
 * adapters' date and timestamp recipes. Failures: {@link IllegalArgumentException} for ValueError and
 * TypeError, {@link ArithmeticException} for OverflowError.
 */
public final class PyDatetime {
    private PyDatetime() {
    }

    /** A Python int argument as a C int: Long, Boolean or BigInteger; anything else is TypeError. */
    public static int cInt(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof BigInteger) {
            throw new ArithmeticException("Python int too large to convert to C long");
        }
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException("'" + Builtins.typeName(v) + "' object cannot be interpreted as an integer");
        }
        if (l > Integer.MAX_VALUE) {
            throw new ArithmeticException("signed integer is greater than maximum");
        }
        if (l < Integer.MIN_VALUE) {
            throw new ArithmeticException("signed integer is less than minimum");
        }
        return (int) (long) l;
    }

    /** {@code datetime.date(year, month, day)}'s checks: year 1-9999, month 1-12, a day of that month. */
    public static LocalDate date(int year, int month, int day) {
        check(year, 1, 9999, "year " + year + " is out of range");
        check(month, 1, 12, "month must be in 1..12");
        LocalDate first = LocalDate.of(year, month, 1);
        check(day, 1, first.lengthOfMonth(), "day is out of range for month");
        return first.withDayOfMonth(day);
    }

    /** {@code datetime.time(hour, minute, second, microsecond)}'s checks. */
    public static LocalTime time(int hour, int minute, int second, int microsecond) {
        check(hour, 0, 23, "hour must be in 0..23");
        check(minute, 0, 59, "minute must be in 0..59");
        check(second, 0, 59, "second must be in 0..59");
        check(microsecond, 0, 999_999, "microsecond must be in 0..999999");
        return LocalTime.of(hour, minute, second, microsecond * 1000);
    }

    private static void check(int v, int min, int max, String message) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The C ints of a constructor's positional arguments {@code args[0, ints)} (0 for those not given)
     * as CPython parses them:
     * more than {@code max} arguments, each argument converted in order, then a missing required one
     * ({@code names[i]} at position i + 1), each with CPython's TypeError message.
     */
    static int[] ints(PyTuple args, int ints, int max, int required, String... names) {
        if (args.size() > max) {
            // time and datetime also take the keyword-only fold: CPython counts "positional" arguments there
            throw new IllegalArgumentException("function takes at most " + max + (ints < max ? " positional" : "")
                    + " arguments (" + args.size() + " given)");
        }
        int[] out = new int[ints];
        for (int i = 0; i < ints && i < args.size(); i++) {
            out[i] = cInt(args.get(i));
        }
        if (args.size() < required) {
            throw new IllegalArgumentException("function missing required argument '" + names[args.size()] + "' (pos "
                    + (args.size() + 1) + ")");
        }
        return out;
    }
}
