package org.sqlite3j.pickle;

import static org.sqlite3j.pickle.Opcodes.*;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The {@link Pickler}'s container rules, as CPython's C pickler applies them: tuples (TUPLE1–3 from
 * protocol 2, the recursion check that pops back to a memo GET), lists, dicts and sets in batches of
 * 1000 (a dict or set whose last batch is full gets an empty MARK/SETITEMS or MARK/ADDITEMS after it,
 * a list does not), a single-item list or dict as APPEND/SETITEM, and the generic batching of a
 * reduction's list and dict items.
 */
final class PicklerContainers {
    private static final PyGlobal SET = new PyGlobal("builtins", "set");
    private static final PyGlobal FROZENSET = new PyGlobal("builtins", "frozenset");
    private static final int BATCHSIZE = 1000;
    /** How many items ahead a list prefetches (see {@link Pickler#prefetch}). */
    private static final int AHEAD = 2;

    private PicklerContainers() {
    }

    static void saveTuple(Pickler p, PyTuple t) {
        int n = t.size();
        if (n == 0) {
            if (p.bin()) {
                p.output().write(EMPTY_TUPLE);
            } else {
                p.output().write2(MARK, TUPLE);
            }
            return;
        }
        if (n <= 3 && p.protocol() >= 2) {
            for (int i = 0; i < n; i++) {
                p.save(t.get(i));
            }
            int m = p.memoIndex(t);
            if (m >= 0) {
                for (int i = 0; i < n; i++) {
                    p.output().write(POP);
                }
                p.writeGet(m);
            } else {
                p.output().write(TUPLE1 + n - 1);
                p.memoize(t);
            }
            return;
        }
        p.output().write(MARK);
        for (int i = 0; i < n; i++) {
            p.save(t.get(i));
        }
        int m = p.memoIndex(t);
        if (m >= 0) {
            if (p.bin()) {
                p.output().write(POP_MARK);
            } else {
                for (int i = 0; i <= n; i++) {
                    p.output().write(POP);
                }
            }
            p.writeGet(m);
            return;
        }
        p.output().write(TUPLE);
        p.memoize(t);
    }

    static void saveList(Pickler p, List<?> l) {
        if (p.bin()) {
            p.output().write(EMPTY_LIST);
        } else {
            p.output().write2(MARK, LIST);
        }
        p.memoize(l);
        int n = l.size();
        if (n == 0) {
            return;
        }
        if (!p.bin()) {
            if (l instanceof RandomAccess) {
                for (int i = 0; i < l.size(); i++) { // as CPython's list iterator: the size as it is now
                    p.save(l.get(i));
                    p.output().write(APPEND);
                }
            } else {
                for (Object o : l) {
                    p.save(o);
                    p.output().write(APPEND);
                }
            }
            return;
        }
        if (n == 1) {
            p.save(l.get(0));
            p.output().write(APPEND);
            return;
        }
        if (l.getClass() == ArrayList.class || l instanceof RandomAccess) { // exact class: no interface scan
            // CPython's batch_list_exact: the size is read again at every item, so a list that a reducer
            // shortens or lengthens while it is being saved is written as it is by then
            int total = 0;
            do {
                p.output().write(MARK);
                int batch = 0;
                while (total < l.size()) {
                    if (total + AHEAD < l.size() && p.prefetching()) {
                        p.prefetch(l.get(total + AHEAD));
                    }
                    p.save(l.get(total));
                    total++;
                    if (++batch == BATCHSIZE) {
                        break;
                    }
                }
                p.output().write(APPENDS);
            } while (total < l.size());
            return;
        }
        Iterator<?> it = l.iterator();
        while (it.hasNext()) {
            p.output().write(MARK);
            for (int k = 0; k < BATCHSIZE && it.hasNext(); k++) {
                p.save(it.next());
            }
            p.output().write(APPENDS);
        }
    }

    static void saveDict(Pickler p, Map<?, ?> d) {
        if (p.bin()) {
            p.output().write(EMPTY_DICT);
        } else {
            p.output().write2(MARK, DICT);
        }
        p.memoize(d);
        int n = d.size();
        if (n == 0) {
            return;
        }
        saveItems(p, d, n);
    }

    private static void saveItems(Pickler p, Map<?, ?> d, int n) {
        Iterator<? extends Map.Entry<?, ?>> it = d.entrySet().iterator();
        int position = 0;
        if (!p.bin() || n == 1) {
            while (it.hasNext()) {
                saveItem(p, next(it, "dictionary"), position++, d, n);
                p.output().write(SETITEM);
            }
            return;
        }
        // CPython's batch_dict_exact: a full last batch is followed by an empty MARK SETITEMS
        int k;
        do {
            p.output().write(MARK);
            for (k = 0; k < BATCHSIZE && it.hasNext(); k++) {
                saveItem(p, next(it, "dictionary"), position++, d, n);
            }
            p.output().write(SETITEMS);
        } while (k == BATCHSIZE);
    }

    /** One key and value; as CPython, a dict whose size a reducer changed meanwhile is an error. */
    private static void saveItem(Pickler p, Map.Entry<?, ?> e, int position, Map<?, ?> d, int n) {
        p.saveKey(e.getKey(), position);
        p.save(e.getValue());
        if (d.size() != n) {
            throw changedSize("dictionary");
        }
    }

    private static <T> T next(Iterator<T> it, String what) {
        try {
            return it.next();
        } catch (ConcurrentModificationException e) {
            throw changedSize(what);
        }
    }

    /** CPython's RuntimeError "dictionary/set changed size during iteration", as a PicklingError. */
    private static PicklingError changedSize(String what) {
        return new PicklingError(what + " changed size during iteration");
    }

    static void saveSet(Pickler p, Set<?> s) {
        if (p.protocol() < 4) {
            p.saveReduce(new Reduction(SET, PyTuple.of(new java.util.ArrayList<>(s))), s);
            return;
        }
        p.output().write(EMPTY_SET);
        p.memoize(s);
        if (s.isEmpty()) {
            return;
        }
        // CPython's save_set: a full last batch is followed by an empty MARK ADDITEMS
        int n = s.size();
        Iterator<?> it = s.iterator();
        int k;
        do {
            p.output().write(MARK);
            for (k = 0; k < BATCHSIZE && it.hasNext(); k++) {
                p.save(next(it, "set"));
                if (s.size() != n) {
                    throw changedSize("set");
                }
            }
            p.output().write(ADDITEMS);
        } while (k == BATCHSIZE);
    }

    static void saveFrozenSet(Pickler p, PyFrozenSet s) {
        if (p.protocol() < 4) {
            p.saveReduce(new Reduction(FROZENSET, PyTuple.of(new java.util.ArrayList<>(s))), s);
            return;
        }
        p.output().write(MARK);
        for (Object o : s) {
            p.save(o);
        }
        int m = p.memoIndex(s);
        if (m >= 0) {
            p.output().write(POP_MARK);
            p.writeGet(m);
            return;
        }
        p.output().write(Opcodes.FROZENSET);
        p.memoize(s);
    }

    /** Appends items the generic way (a single item as APPEND), as for reductions. */
    static void batchAppends(Pickler p, Iterator<?> it) {
        if (!p.bin()) {
            while (it.hasNext()) {
                p.save(it.next());
                p.output().write(APPEND);
            }
            return;
        }
        while (it.hasNext()) {
            Object first = it.next();
            if (!it.hasNext()) {
                p.save(first);
                p.output().write(APPEND);
                return;
            }
            p.output().write(MARK);
            p.save(first);
            for (int k = 1; k < BATCHSIZE && it.hasNext(); k++) {
                p.save(it.next());
            }
            p.output().write(APPENDS);
        }
    }

    /** Sets items the generic way (a single item as SETITEM), as for reductions. */
    static void batchSetItems(Pickler p, Iterator<? extends Map.Entry<?, ?>> it) {
        if (!p.bin()) {
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                p.save(e.getKey());
                p.save(e.getValue());
                p.output().write(SETITEM);
            }
            return;
        }
        while (it.hasNext()) {
            Map.Entry<?, ?> first = it.next();
            if (!it.hasNext()) {
                p.save(first.getKey());
                p.save(first.getValue());
                p.output().write(SETITEM);
                return;
            }
            p.output().write(MARK);
            p.save(first.getKey());
            p.save(first.getValue());
            for (int k = 1; k < BATCHSIZE && it.hasNext(); k++) {
                Map.Entry<?, ?> e = it.next();
                p.save(e.getKey());
                p.save(e.getValue());
            }
            p.output().write(SETITEMS);
        }
    }
}
