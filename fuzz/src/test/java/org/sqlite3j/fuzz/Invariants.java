package org.sqlite3j.fuzz;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ConcurrentModificationException;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Which exceptions a target may raise: the rule behind {@link Target}'s first invariant. An exception
 * passes when
 * <ol>
 *   <li>its class is one of the target's documented classes (or a subclass),</li>
 *   <li>sqlite3j made it: the top frame of its stack is in {@code org.sqlite3j} (sqlite-jdbc's
 *       {@code org.sqlite} too, for an SQLException), so a JDK exception that merely has a documented
 *       class (an {@link IllegalArgumentException} from {@code StringBuilder.appendCodePoint}, say) is
 *       still a finding, and</li>
 *   <li>no programming error is among its causes ({@link #BUGS}): a catch-all that wraps a
 *       NullPointerException in an UnpicklingError hides the bug, it does not document it. One
 *       exception: an {@link ArithmeticException} sqlite3j itself made (top frame in sqlite3j, not the
 *       JVM's "/ by zero") is its stand-in for Python's ArithmeticError family (OverflowError,
 *       decimal.InvalidOperation) as the cause of an UnpicklingError; the JDK's own (BigInteger's
 *       {@code intValueExact}, say) is still a finding.</li>
 * </ol>
 * Everything else (a NullPointerException, an IndexOutOfBoundsException, a ClassCastException, a
 * NumberFormatException, an ArithmeticException, an OutOfMemoryError, a StackOverflowError, ...) is a finding.
 */
final class Invariants {

    /** Exceptions that are bugs wherever they appear, even as the cause of a documented one. */
    static final List<Class<? extends Throwable>> BUGS = List.of(NullPointerException.class,
            IndexOutOfBoundsException.class, ClassCastException.class, NumberFormatException.class,
            ArithmeticException.class, NegativeArraySizeException.class, ArrayStoreException.class,
            IllegalStateException.class, UnsupportedOperationException.class, NoSuchElementException.class,
            ConcurrentModificationException.class, OutOfMemoryError.class, AssertionError.class);

    /** How long a hex excerpt of an input may be in a message. */
    private static final int EXCERPT = 96;

    private final String target;
    private final List<Class<? extends Throwable>> documented;
    private final boolean deepNestingReported;

    /**
     * @param documented the classes the target documents; {@code StackOverflowError} among them means the
     *     target turns a Java stack overflow into a documented exception (the Unpickler's "nested too
     *     deeply"), so it may appear as the cause of one, never on its own
     */
    Invariants(String target, List<Class<? extends Throwable>> documented) {
        this.target = target;
        this.documented = documented.stream().filter(c -> c != StackOverflowError.class).toList();
        this.deepNestingReported = documented.contains(StackOverflowError.class);
    }

    /**
     * The outcome of one input: "value" when {@code thrown} is null, else the simple name of the documented
     * class raised.
     *
     * @throws AssertionError naming the target, the exception and the input when {@code thrown} breaks the rule
     */
    String judge(Throwable thrown, byte[] input) {
        if (thrown == null) {
            return "value";
        }
        String why = violation(thrown);
        if (why != null) {
            throw new AssertionError(target + ": " + why + ": " + thrown + "\n  input: " + describe(input), thrown);
        }
        return thrown.getClass().getSimpleName();
    }

    /** Why {@code thrown} breaks the rule, or null when it is documented. */
    String violation(Throwable thrown) {
        if (documented.stream().noneMatch(c -> c.isInstance(thrown))) {
            return "undocumented " + thrown.getClass().getName();
        }
        if (!madeBySqlite3j(thrown)) {
            StackTraceElement[] st = thrown.getStackTrace();
            return "documented class, but raised by " + (st.length == 0 ? "unknown code" : st[0].getClassName())
                    + ", not by sqlite3j";
        }
        for (Throwable c = thrown.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof StackOverflowError && deepNestingReported) {
                continue;
            }
            if (pythonArithmeticError(c)) {
                continue;
            }
            for (Class<? extends Throwable> bug : BUGS) {
                if (bug.isInstance(c)) {
                    return "a " + c.getClass().getName() + " hidden as the cause of a documented "
                            + thrown.getClass().getSimpleName();
                }
            }
            if (c instanceof StackOverflowError) {
                return "a StackOverflowError hidden as the cause of a documented " + thrown.getClass().getSimpleName();
            }
        }
        return null;
    }

    /** An ArithmeticException sqlite3j raised for Python's ArithmeticError (see the class comment). */
    static boolean pythonArithmeticError(Throwable c) {
        return c.getClass() == ArithmeticException.class && madeBySqlite3j(c) && !"/ by zero".equals(c.getMessage());
    }

    private static boolean madeBySqlite3j(Throwable thrown) {
        StackTraceElement[] st = thrown.getStackTrace();
        if (st.length == 0) {
            return false;
        }
        String origin = st[0].getClassName();
        return origin.startsWith("org.sqlite3j.")
                || thrown instanceof java.sql.SQLException && origin.startsWith("org.sqlite.");
    }

    /** An input for a message: its length, SHA-1 (Jazzer names crash files by it) and a hex excerpt. */
    static String describe(byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, EXCERPT));
        return input.length + " bytes, sha1 " + sha1(input) + ", hex " + hex + (input.length > EXCERPT ? "..." : "");
    }

    static String sha1(byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
