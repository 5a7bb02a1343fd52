package org.sqlite3j.dbapi;

import org.sqlite3j.adapters.Adapter;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Conform;

/**
 * {@code sqlite3.adapt(obj, proto, alt)}, as CPython's {@code Modules/_sqlite/microprotocols.c} does
 * it: the adapter registered for the object's exact class (only under {@link Sqlite3#PREPARE_PROTOCOL},
 * the protocol {@code register_adapter} registers under), then the object's own {@link Conform}
 * ({@code __conform__}; the Java form takes no protocol argument, so it answers for
 * PREPARE_PROTOCOL only), then the protocol's own {@link Sqlite3.Protocol#adapt} ({@code __adapt__}),
 * then {@code alt}, else {@code ProgrammingError: can't adapt}. A null answer from conform or the
 * protocol, or a {@link Sqlite3.TypeError} thrown by either, means "not adapted"; any other exception
 * propagates (a checked one wrapped in {@link Sqlite3.ProgrammingError}).
 */
final class Microprotocols {

    private Microprotocols() {
    }

    static Object adapt(Object obj, Sqlite3.Protocol proto, boolean hasAlt, Object alt) {
        if (proto == Sqlite3.PREPARE_PROTOCOL && obj != null) {
            Adapter<Object> adapter = Adapters.global().find(obj.getClass()).orElse(null);
            if (adapter != null) {
                try {
                    return adapter.adapt(obj);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new Sqlite3.ProgrammingError("adapter for " + obj.getClass().getName() + " failed"
                            + ErrorTable.reason(e), null, null, e);
                }
            }
            if (obj instanceof Conform) {
                Object conformed = notAdaptedOnTypeError(() -> ((Conform) obj).conform());
                if (conformed != null) {
                    return conformed;
                }
            }
        }
        if (proto != null) {
            Object adapted = notAdaptedOnTypeError(() -> proto.adapt(obj));
            if (adapted != null) {
                return adapted;
            }
        }
        if (hasAlt) {
            return alt;
        }
        throw new Sqlite3.ProgrammingError("can't adapt");
    }

    private interface Attempt {
        Object run() throws Exception;
    }

    private static Object notAdaptedOnTypeError(Attempt attempt) {
        try {
            return attempt.run();
        } catch (Sqlite3.TypeError e) {
            return null;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new Sqlite3.ProgrammingError("adaptation failed" + ErrorTable.reason(e), null, null, e);
        }
    }
}
