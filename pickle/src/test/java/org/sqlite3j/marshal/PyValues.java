package org.sqlite3j.marshal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyTuple;

/**
 * Python's {@code ==} made strict about types, for the value model: a tuple never equals a list, a set
 * never a frozenset, {@code 1} never {@code 1.0} or {@code True}; floats compare by bits (NaN equals
 * NaN, -0.0 differs from 0.0); dicts compare in order; recursive containers are followed once.
 */
final class PyValues {
    private PyValues() {
    }

    /** Compares on a thread with a large stack, as the vectors nest 2000 levels deep. */
    static boolean same(Object a, Object b) {
        boolean[] result = new boolean[1];
        Thread t = new Thread(null, () -> result[0] = same(a, b, new IdentityHashMap<>()), "same", 256L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return result[0];
    }

    private static boolean same(Object a, Object b, IdentityHashMap<Object, Object> seen) {
        if (a == null || b == null) {
            return a == b;
        }
        if (seen.get(a) == b) {
            return true;
        }
        if (a instanceof byte[] x) {
            return b instanceof byte[] y && Arrays.equals(x, y);
        }
        if (a instanceof PyTuple x) {
            return b instanceof PyTuple y && sameItems(x.asList(), y.asList(), seen, a, b);
        }
        if (a instanceof List<?> x) {
            return b instanceof List<?> y && sameItems(x, y, seen, a, b);
        }
        if (a instanceof Map<?, ?> x) {
            if (!(b instanceof Map<?, ?> y) || x.size() != y.size()) {
                return false;
            }
            seen.put(a, b);
            Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> e = i.next();
                Map.Entry<?, ?> f = j.next();
                if (!same(e.getKey(), f.getKey(), seen) || !same(e.getValue(), f.getValue(), seen)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Set<?> x) {
            if (!(b instanceof Set<?> y) || (a instanceof PyFrozenSet) != (b instanceof PyFrozenSet) || x.size() != y.size()) {
                return false;
            }
            List<Object> rest = new ArrayList<>(y);
            for (Object item : x) {
                int k = 0;
                while (k < rest.size() && !same(item, rest.get(k), new IdentityHashMap<>(seen))) {
                    k++;
                }
                if (k == rest.size()) {
                    return false;
                }
                rest.remove(k);
            }
            return true;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    private static boolean sameItems(List<?> x, List<?> y, IdentityHashMap<Object, Object> seen, Object a, Object b) {
        if (x.size() != y.size()) {
            return false;
        }
        seen.put(a, b);
        for (int k = 0; k < x.size(); k++) {
            if (!same(x.get(k), y.get(k), seen)) {
                return false;
            }
        }
        return true;
    }
}
