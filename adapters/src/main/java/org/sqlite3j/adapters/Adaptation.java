package org.sqlite3j.adapters;

/**
 * The one rule that turns a value to bind into its SQLite form — CPython's {@code microprotocols_adapt}
 * with the {@code PrepareProtocol} ({@code Modules/_sqlite/microprotocols.c}), used alike by the
 * façade's binding, {@code Sqlite3.adapt}, the JDBC driver's {@code setObject} and the jOOQ converter:
 *
 * <ol>
 *   <li>the adapter the registry holds for the value's class ({@link Adapters#get}): its answer,
 *       whatever it is — a {@code null} answer binds NULL, as CPython's adapter returning {@code None};
 *   <li>else the value's own {@link Conform#conform()}: a non-null answer; a {@code null} answer, or an
 *       exception that implements {@link NotAdapted} (Python's {@code TypeError} from
 *       {@code __conform__}), means "not adapted";
 *   <li>else {@link #NOT_ADAPTED}: the caller then binds the value itself (CPython's {@code alt}), which
 *       fails for a class SQLite cannot store ("type 'X' is not supported").
 * </ol>
 *
 * Any other exception of an adapter or of {@code conform()} comes wrapped in an
 * {@link AdaptationException} whose message names the step that failed; each API turns it into its own
 * error ({@code SQLException} in the driver, jOOQ's {@code DataTypeException}) with that message and
 * the original as cause. The façade throws an unchecked cause as it is (CPython lets the adapter's
 * exception through) and a checked one as a {@code ProgrammingError}.
 */
public final class Adaptation {

    /** What {@link #adapt} returns when neither an adapter nor {@code conform()} adapted the value. */
    public static final Object NOT_ADAPTED = new Object() {
        @Override
        public String toString() {
            return "NOT_ADAPTED";
        }
    };

    private Adaptation() {
    }

    /**
     * Marks an exception that, thrown by {@link Conform#conform()}, means "not adapted" rather than a
     * failure: the façade's {@code Sqlite3.TypeError}, as Python's {@code TypeError} from
     * {@code __conform__}.
     */
    public interface NotAdapted {
    }

    /** An exception from an adapter or from {@code conform()} (its cause), with the step named in the message. */
    public static final class AdaptationException extends Exception {
        private static final long serialVersionUID = 1L;

        AdaptationException(String message, Exception cause) {
            super(message, cause);
        }
    }

    /**
     * {@code value} adapted by the rule above, or {@link #NOT_ADAPTED}.
     *
     * @param registry the adapters to consult, or null for none
     * @param value the value to bind; null is returned as it is (NULL needs no adapting)
     */
    public static Object adapt(Adapters registry, Object value) throws AdaptationException {
        if (value == null) {
            return null;
        }
        Object adapted = byRegistry(registry, value);
        return adapted != NOT_ADAPTED ? adapted : byConform(value);
    }

    /** Step 1 alone: the registered adapter's answer, or {@link #NOT_ADAPTED} when none is registered. */
    public static Object byRegistry(Adapters registry, Object value) throws AdaptationException {
        Adapter<Object> adapter = registry == null || value == null ? null : registry.get(value.getClass());
        if (adapter == null) {
            return NOT_ADAPTED;
        }
        try {
            return adapter.adapt(value);
        } catch (Exception e) {
            throw new AdaptationException("adapter for " + value.getClass().getName() + " failed" + reason(e), e);
        }
    }

    /** Step 2 alone: {@code conform()}'s non-null answer, or {@link #NOT_ADAPTED}. */
    public static Object byConform(Object value) throws AdaptationException {
        if (!(value instanceof Conform)) {
            return NOT_ADAPTED;
        }
        Object conformed;
        try {
            conformed = ((Conform) value).conform();
        } catch (Exception e) {
            if (e instanceof NotAdapted) {
                return NOT_ADAPTED;
            }
            throw new AdaptationException(value.getClass().getName() + ".conform() failed" + reason(e), e);
        }
        return conformed == null ? NOT_ADAPTED : conformed;
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? "" : ": " + message;
    }
}
