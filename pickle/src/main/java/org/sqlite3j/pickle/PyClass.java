package org.sqlite3j.pickle;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A constructor the {@link Unpickler} may call for one allowed Python global — Java's side of
 * {@code find_class}. Registered by name in {@link Globals}; never looked up by reflection.
 *
 * <p>The Unpickler calls {@link #call} for REDUCE ({@code callable(*args)}), {@link #newObject} for
 * NEWOBJ/NEWOBJ_EX and {@code copyreg.__newobj__}/{@code _reconstructor}, and {@link #build} for a
 * BUILD on an object this class created. Throw {@link UnpicklingError} (or any runtime exception,
 * which the Unpickler wraps) to reject arguments.
 */
@FunctionalInterface
public interface PyClass {
    /** REDUCE: {@code callable(*args)}. */
    Object call(PyTuple args);

    /** NEWOBJ/NEWOBJ_EX: {@code cls.__new__(cls, *args, **kwargs)}; by default {@link #call} without kwargs. */
    default Object newObject(PyTuple args, Map<Object, Object> kwargs) {
        if (!kwargs.isEmpty()) {
            throw new UnpicklingError("this class takes no keyword arguments, got " + kwargs.keySet());
        }
        return call(args);
    }

    /**
     * BUILD: applies {@code state} to {@code instance} (Python's {@code __setstate__}) and returns the
     * object that stands for the instance from now on — normally {@code instance} itself; an immutable
     * Java record can return a new object, which replaces the instance on the stack and in the memo.
     */
    default Object build(Object instance, Object state) {
        throw new UnpicklingError("BUILD is not supported for " + instance.getClass().getSimpleName());
    }

    /** A class whose REDUCE/NEWOBJ calls go to {@code constructor}. */
    static PyClass of(Function<PyTuple, Object> constructor) {
        return constructor::apply;
    }

    /**
     * A class pickled the default way ({@code __reduce_ex__}: NEWOBJ or {@code _reconstructor} with no
     * arguments, then BUILD with the instance {@code __dict__}): {@code fromState} builds the Java object
     * from the state (normally a {@code Map<Object, Object>} of attribute names to values).
     */
    static PyClass fromState(Function<Object, Object> fromState) {
        Object placeholder = new Object();
        return new PyClass() {
            @Override
            public Object call(PyTuple args) {
                return new Pending(placeholder);
            }

            @Override
            public Object build(Object instance, Object state) {
                return fromState.apply(state);
            }
        };
    }

    /** A class with a constructor for REDUCE/NEWOBJ and a state handler for BUILD. */
    static PyClass of(Function<PyTuple, Object> constructor, BiFunction<Object, Object, Object> build) {
        return new PyClass() {
            @Override
            public Object call(PyTuple args) {
                return constructor.apply(args);
            }

            @Override
            public Object build(Object instance, Object state) {
                return build.apply(instance, state);
            }
        };
    }

    /** The instance of a {@link #fromState} class between NEWOBJ and BUILD. */
    final class Pending {
        private final Object owner;

        Pending(Object owner) {
            this.owner = owner;
        }

        @Override
        public String toString() {
            return "<object awaiting BUILD " + Integer.toHexString(System.identityHashCode(owner)) + ">";
        }
    }
}
