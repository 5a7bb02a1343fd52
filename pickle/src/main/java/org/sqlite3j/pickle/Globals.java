package org.sqlite3j.pickle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Python globals an {@link Unpickler} may build, and how: Java's {@code find_class}, deny by
 * default. Immutable and thread-safe; derive a variant with {@link #toBuilder()}.
 *
 * <p>A global named in the stream (GLOBAL, STACK_GLOBAL, INST, EXT codes) is, after the
 * {@code fix_imports} mapping, one of:
 * <ul>
 *   <li><b>registered</b> — a {@link PyClass} registered for the exact {@code (module, name)} (the
 *       {@link #builtins()} set holds those Python data needs: {@code set}, {@code frozenset},
 *       {@code bytearray}, {@code bytes}, {@code complex}, {@code _codecs.encode},
 *       {@code copyreg._reconstructor}/{@code __newobj__}/{@code __newobj_ex__}, {@code datetime.*},
 *       {@code decimal.Decimal}, {@code collections.OrderedDict}, {@code zoneinfo.ZoneInfo} and a few more;
 *       {@code builtins.getattr} is among them but only composes a dotted name, which must itself be
 *       allowed);</li>
 *   <li><b>allowed as a stub</b> — named by {@link Builder#allow(String, String)} or under a module
 *       prefix given to {@link Builder#allowModule(String)}: instances load as inert {@link PyObject}s;</li>
 *   <li><b>forbidden</b> — anything else: {@code UnpicklingError("global 'mod.name' is forbidden")},
 *       unless the Unpickler was asked to load unknown globals as stubs.</li>
 * </ul>
 * The enclosing classes of an allowed nested name ({@code Outer} for {@code Outer.Inner}) may be named
 * too, because below protocol 4 CPython writes a nested class as {@code getattr(Outer, 'Inner')}; such
 * an owner loads as its {@link PyGlobal} name and cannot be called or instantiated.
 * {@code functools.partial} loads as an inert {@link PyObject}; called in the stream, it calls its
 * function through the same policy (CPython's NEWOBJ_EX below protocol 4).
 * Nothing is ever resolved by reflection on a name from the stream.
 */
public final class Globals {
    /** Returned by {@link #lookup} for a name allowed as a stub. */
    static final PyClass STUB = args -> {
        throw new IllegalStateException("stub marker is never called");
    };

    private static final Globals BUILTINS = Builtins.register(new Builder(Map.of(), Set.of(), List.of())).build();
    private static final Globals NONE = new Builder(Map.of(), Set.of(), List.of()).build();

    /** Returned by {@link #lookup} for a class that encloses an allowed nested name, and nothing more. */
    static final PyClass OWNER = args -> {
        throw new IllegalStateException("owner marker is never called");
    };

    private final Map<PyGlobal, PyClass> classes;
    private final Set<PyGlobal> stubs;
    private final List<String> stubModules;
    /** The enclosing names of every dotted registered or stub name: {@code A} and {@code A.B} for {@code A.B.c}. */
    private final Set<PyGlobal> owners;

    private Globals(Map<PyGlobal, PyClass> classes, Set<PyGlobal> stubs, List<String> stubModules) {
        this.classes = Map.copyOf(classes);
        this.stubs = Set.copyOf(stubs);
        this.stubModules = List.copyOf(stubModules);
        Set<PyGlobal> enclosing = new HashSet<>();
        for (Set<PyGlobal> names : List.of(classes.keySet(), stubs)) {
            for (PyGlobal g : names) {
                for (int dot = g.name().indexOf('.'); dot > 0; dot = g.name().indexOf('.', dot + 1)) {
                    enclosing.add(new PyGlobal(g.module(), g.name().substring(0, dot)));
                }
            }
        }
        this.owners = Set.copyOf(enclosing);
    }

    /** The Python builtins needed for data (see the class comment); the Unpickler's default. */
    public static Globals builtins() {
        return BUILTINS;
    }

    /** No globals at all: only pickles of plain data (no set below protocol 4, no datetime...) load. */
    public static Globals none() {
        return NONE;
    }

    /** A builder starting from {@link #builtins()}. */
    public static Builder builder() {
        return BUILTINS.toBuilder();
    }

    /** A builder starting from this policy's entries. */
    public Builder toBuilder() {
        return new Builder(classes, stubs, stubModules);
    }

    /** Whether {@code module.name} may be loaded (registered or allowed as a stub). */
    public boolean isAllowed(String module, String name) {
        PyClass c = lookup(new PyGlobal(module, name));
        return c != null && c != OWNER;
    }

    /** The registered class, {@link #STUB} when allowed as a stub, or {@code null} when forbidden. */
    PyClass lookup(PyGlobal g) {
        PyClass c = classes.get(g);
        if (c != null) {
            return c;
        }
        if (stubs.contains(g)) {
            return STUB;
        }
        for (String prefix : stubModules) {
            String m = g.module();
            if (m.equals(prefix) || (m.startsWith(prefix) && m.charAt(prefix.length()) == '.')) {
                return STUB;
            }
        }
        return owners.contains(g) ? OWNER : null;
    }

    /** Collects entries for an immutable {@link Globals}; not thread-safe. */
    public static final class Builder {
        private final Map<PyGlobal, PyClass> classes;
        private final Set<PyGlobal> stubs;
        private final List<String> stubModules;

        Builder(Map<PyGlobal, PyClass> classes, Set<PyGlobal> stubs, List<String> stubModules) {
            this.classes = new HashMap<>(classes);
            this.stubs = new HashSet<>(stubs);
            this.stubModules = new ArrayList<>(stubModules);
        }

        /** Registers (or replaces) the constructor for {@code module.name}. */
        public Builder register(String module, String name, PyClass cls) {
            classes.put(new PyGlobal(module, name), cls);
            return this;
        }

        /** Allows {@code module.name} to load as a {@link PyObject} stub. */
        public Builder allow(String module, String name) {
            stubs.add(new PyGlobal(module, name));
            return this;
        }

        /** Allows every global of {@code module} and its submodules to load as stubs. */
        public Builder allowModule(String module) {
            stubModules.add(module);
            return this;
        }

        /** Removes any entry for {@code module.name} (it becomes forbidden unless a module prefix allows it). */
        public Builder forbid(String module, String name) {
            PyGlobal g = new PyGlobal(module, name);
            classes.remove(g);
            stubs.remove(g);
            return this;
        }

        /** The immutable policy. */
        public Globals build() {
            return new Globals(classes, stubs, stubModules);
        }
    }
}
