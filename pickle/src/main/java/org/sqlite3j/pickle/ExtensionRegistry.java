package org.sqlite3j.pickle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * copyreg's extension registry: globals written as compact EXT1/EXT2/EXT4 codes (protocol ≥ 2).
 * Thread-safe. {@link #global()} is the process-wide default (like {@code copyreg}'s); pass a
 * {@link #copy()} or a fresh instance to a Pickler/Unpickler to keep changes local.
 */
public final class ExtensionRegistry {
    private static final ExtensionRegistry GLOBAL = new ExtensionRegistry();

    private final Map<PyGlobal, Integer> codes = new ConcurrentHashMap<>();
    private final Map<Integer, PyGlobal> names = new ConcurrentHashMap<>();

    /** An empty registry. */
    public ExtensionRegistry() {
    }

    /** The process-wide registry (empty unless someone registers codes). */
    public static ExtensionRegistry global() {
        return GLOBAL;
    }

    /** A snapshot copy. */
    public synchronized ExtensionRegistry copy() {
        ExtensionRegistry r = new ExtensionRegistry();
        r.codes.putAll(codes);
        r.names.putAll(names);
        return r;
    }

    /**
     * {@code copyreg.add_extension(module, name, code)}: code in 1..0x7fffffff; re-registering the same
     * pair is a no-op; a clash raises IllegalArgumentException with copyreg's message.
     */
    public synchronized void addExtension(String module, String name, int code) {
        if (code <= 0) {
            throw new IllegalArgumentException("code out of range");
        }
        PyGlobal key = new PyGlobal(module, name);
        Integer old = codes.get(key);
        PyGlobal oldKey = names.get(code);
        if (old != null && old == code && key.equals(oldKey)) {
            return;
        }
        if (old != null) {
            throw new IllegalArgumentException("key " + key + " is already registered with code " + old);
        }
        if (oldKey != null) {
            throw new IllegalArgumentException("code " + code + " is already in use for key " + oldKey);
        }
        codes.put(key, code);
        names.put(code, key);
    }

    /** {@code copyreg.remove_extension(module, name, code)}. */
    public synchronized void removeExtension(String module, String name, int code) {
        PyGlobal key = new PyGlobal(module, name);
        Integer old = codes.get(key);
        if (old == null || old != code || !key.equals(names.get(code))) {
            throw new IllegalArgumentException("key " + key + " is not registered with code " + code);
        }
        codes.remove(key);
        names.remove(code);
    }

    /** The code for a global, or {@code null}. */
    public Integer code(PyGlobal g) {
        return codes.get(g);
    }

    /** The global for a code, or {@code null}. */
    public PyGlobal lookup(int code) {
        return names.get(code);
    }
}
