package org.sqlite3j.cli;

import java.util.Optional;

import org.sqlite3j.pickle.Globals;
import org.sqlite3j.pickle.Unpickler;

/**
 * Recognises BLOBs that are pickles and loads them for display, never instantiating anything: the
 * Unpickler runs with the deny-by-default {@link Globals#builtins()} policy in stub mode, so Python's
 * data types become their Java values and every other global (a user class, {@code os.system}) an
 * inert {@link org.sqlite3j.pickle.PyObject} stub that records how it was built.
 *
 * <p>The check is cheap: a pickle of protocol 2 or later starts with PROTO ({@code 0x80}) and its
 * protocol number and ends with STOP ({@code .}); anything else, anything longer than
 * {@link #MAX_BYTES}, or anything the Unpickler rejects is not shown as a pickle. Loading is bounded
 * (stack, memo) so a hostile value costs little. Stateless and thread-safe.
 */
final class PickleView {
    /** Larger BLOBs are shown as bytes without trying to load them. */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final int MAX_STACK = 100_000;
    private static final int MAX_MEMO = 100_000;

    private PickleView() {
    }

    /** PROTO 2..5 first, STOP last: worth trying to load. */
    static boolean looksLikePickle(byte[] blob) {
        return blob.length >= 3 && blob.length <= MAX_BYTES && (blob[0] & 0xff) == 0x80
                && blob[1] >= 2 && blob[1] <= 5 && blob[blob.length - 1] == '.';
    }

    /** The loaded value when {@code blob} is a pickle this module can read, else empty. */
    static Optional<Decoded> decode(byte[] blob) {
        if (!looksLikePickle(blob)) {
            return Optional.empty();
        }
        try {
            Object value = new Unpickler(blob).globals(Globals.builtins()).stubUnknownGlobals(true)
                    .maxStack(MAX_STACK).maxMemo(MAX_MEMO).load();
            return Optional.of(new Decoded(value));
        } catch (RuntimeException | StackOverflowError notAPickle) {
            return Optional.empty();
        }
    }

    /** The loaded value ({@code null} for a pickled {@code None}). */
    record Decoded(Object value) {
    }
}
