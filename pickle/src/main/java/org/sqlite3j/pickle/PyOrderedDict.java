package org.sqlite3j.pickle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Python's {@code collections.OrderedDict}. A plain {@code dict} is a {@link LinkedHashMap} (dicts keep
 * insertion order too); this subclass only marks the Python type, so it round-trips as OrderedDict.
 */
public final class PyOrderedDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    /** An empty OrderedDict. */
    public PyOrderedDict() {
    }

    /** An OrderedDict with the entries of {@code m}, in its iteration order. */
    public PyOrderedDict(Map<?, ?> m) {
        super(m);
    }
}
