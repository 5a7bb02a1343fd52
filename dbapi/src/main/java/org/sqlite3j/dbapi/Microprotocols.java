package org.sqlite3j.dbapi;

import org.sqlite3j.adapters.Adaptation;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Conform;

/**
 * {@code sqlite3.adapt(obj, proto, alt)}, in CPython's order ({@code Modules/_sqlite/microprotocols.c}):
 * the adapter registered for the object's class (only under {@link Sqlite3#PREPARE_PROTOCOL}, the
 * protocol {@code register_adapter} registers under), then the protocol's own
 * {@link Sqlite3.Protocol#adapt} ({@code __adapt__}), then the object's own {@link Conform}
 * ({@code __conform__}; the Java form takes no protocol argument, so it answers for PREPARE_PROTOCOL
 * only), then {@code alt}, else {@code ProgrammingError: can't adapt}. The registry and conform steps
 * are {@link Adaptation}'s, the one rule binding uses too. A null answer from the protocol or from
 * conform, or a {@link Sqlite3.TypeError} thrown by either, means "not adapted"; any other exception
 * propagates (a checked one as a {@link Sqlite3.ProgrammingError}).
 */
final class Microprotocols {

    private Microprotocols() {
    }

    static Object adapt(Object obj, Sqlite3.Protocol proto, boolean hasAlt, Object alt) {
        boolean prepare = proto == Sqlite3.PREPARE_PROTOCOL;
        try {
            if (prepare) {
                Object adapted = Adaptation.byRegistry(Adapters.global(), obj);
                if (adapted != Adaptation.NOT_ADAPTED) {
                    return adapted;
                }
            }
            if (proto != null) {
                Object adapted = protocolAdapt(proto, obj);
                if (adapted != null) {
                    return adapted;
                }
            }
            if (prepare) {
                Object adapted = Adaptation.byConform(obj);
                if (adapted != Adaptation.NOT_ADAPTED) {
                    return adapted;
                }
            }
        } catch (Adaptation.AdaptationException e) {
            throw ErrorTable.adaptationFailed(e);
        }
        if (hasAlt) {
            return alt;
        }
        throw new Sqlite3.ProgrammingError("can't adapt");
    }

    /** {@code proto.__adapt__(obj)}: null when it answers null or raises TypeError ("not adapted"). */
    private static Object protocolAdapt(Sqlite3.Protocol proto, Object obj) {
        try {
            return proto.adapt(obj);
        } catch (Sqlite3.TypeError e) {
            return null;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new Sqlite3.ProgrammingError("adaptation failed" + ErrorTable.reason(e), null, null, e);
        }
    }
}
