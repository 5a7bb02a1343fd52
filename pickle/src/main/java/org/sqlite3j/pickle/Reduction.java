package org.sqlite3j.pickle;

import java.util.Iterator;
import java.util.Map;

/**
 * What {@code __reduce__} returns, for the {@link Pickler}: {@code (callable, args, state, listitems,
 * dictitems, state_setter)}. The Pickler writes {@code callable(*args)} (NEWOBJ when the callable is
 * {@code copyreg.__newobj__} at protocol ≥ 2, NEWOBJ_EX for {@code copyreg.__newobj_ex__} at protocol
 * ≥ 4), memoizes the object, then appends {@code listItems}, sets {@code dictItems}, and applies
 * {@code state} with BUILD (or {@code stateSetter(obj, state)} when one is given).
 *
 * @param callable the callable, normally a {@link PyGlobal}
 * @param args the arguments
 * @param state the BUILD state or {@code null}
 * @param listItems items to append, or {@code null}
 * @param dictItems entries to set, or {@code null}
 * @param stateSetter a callable taking {@code (obj, state)}, or {@code null}
 */
public record Reduction(Object callable, PyTuple args, Object state, Iterable<?> listItems,
        Map<?, ?> dictItems, Object stateSetter) {
    /** {@code copyreg.__newobj__}. */
    public static final PyGlobal NEWOBJ = new PyGlobal("copyreg", "__newobj__");
    /** {@code copyreg.__newobj_ex__}. */
    public static final PyGlobal NEWOBJ_EX = new PyGlobal("copyreg", "__newobj_ex__");

    /** Checks the arguments are present. */
    public Reduction {
        if (args == null) {
            throw new PicklingError("the args of a reduction must be a tuple, not None");
        }
    }

    /** {@code (callable, args)}. */
    public Reduction(Object callable, PyTuple args) {
        this(callable, args, null, null, null, null);
    }

    /** {@code (callable, args, state)}. */
    public Reduction(Object callable, PyTuple args, Object state) {
        this(callable, args, state, null, null, null);
    }

    /** {@code (copyreg.__newobj__, (cls, *args), state)}: Python's default for instances. */
    public static Reduction newObj(PyGlobal cls, PyTuple args, Object state) {
        Object[] a = new Object[args.size() + 1];
        a[0] = cls;
        for (int i = 0; i < args.size(); i++) {
            a[i + 1] = args.get(i);
        }
        return new Reduction(NEWOBJ, PyTuple.wrap(a), state);
    }

    Iterator<?> listIterator() {
        return listItems == null ? null : listItems.iterator();
    }
}
