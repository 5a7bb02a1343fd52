package org.sqlite3j.pickle;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The container mutations of APPEND(S), SETITEM(S) and ADDITEMS, with Python's type and hash checks. */
final class Containers {
    private Containers() {
    }

    @SuppressWarnings("unchecked")
    static void append(Object target, Object item) {
        if (target instanceof List<?> l) {
            ((List<Object>) l).add(item);
        } else if (target instanceof PyObject p) {
            p.listItems().add(item);
        } else {
            throw new UnpicklingError("'" + Builtins.typeName(target) + "' object has no attribute 'append'");
        }
    }

    @SuppressWarnings("unchecked")
    static void extend(Object target, Object[] items) {
        if (target instanceof List<?> l) {
            Collections.addAll((List<Object>) l, items);
        } else if (target instanceof PyObject p) {
            Collections.addAll(p.listItems(), items);
        } else {
            throw new UnpicklingError("'" + Builtins.typeName(target) + "' object has no attribute 'extend'");
        }
    }

    @SuppressWarnings("unchecked")
    static void setItems(Object target, Object[] pairs) {
        Map<Object, Object> m;
        if (target instanceof Map<?, ?> map) {
            m = (Map<Object, Object>) map;
        } else if (target instanceof PyObject p) {
            m = p.dictItems();
        } else {
            throw Numbers.typeError("'" + Builtins.typeName(target) + "' object does not support item assignment");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            checkHashable(pairs[i]);
            m.put(pairs[i], pairs[i + 1]);
        }
    }

    @SuppressWarnings("unchecked")
    static void addItems(Object target, Object[] items) {
        if (!(target instanceof Set<?> s) || target instanceof PyFrozenSet) {
            throw new UnpicklingError("'" + Builtins.typeName(target) + "' object has no attribute 'add'");
        }
        checkHashable(items);
        Collections.addAll((Set<Object>) s, items);
    }

    /** Python's {@code hash()} of each item: TypeError "unhashable type: 'list'" naming what it met first. */
    static void checkHashable(Object... items) {
        for (Object o : items) {
            if (!PyTuple.isHashable(o)) {
                throw Numbers.typeError("unhashable type: '" + Builtins.typeName(unhashableItem(o)) + "'");
            }
        }
    }

    /** The first unhashable item {@code hash(o)} meets: depth first through tuples, in order (no recursion). */
    private static Object unhashableItem(Object o) {
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(o);
        while (!todo.isEmpty()) {
            Object x = todo.pop();
            if (!(x instanceof PyTuple t)) {
                if (!PyTuple.isHashable(x)) {
                    return x;
                }
            } else if (!t.isHashable()) {
                for (int i = t.size() - 1; i >= 0; i--) {
                    todo.push(t.get(i));
                }
            }
        }
        return o;
    }
}
