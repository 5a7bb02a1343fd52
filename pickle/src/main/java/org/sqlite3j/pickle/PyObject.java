package org.sqlite3j.pickle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An inert stand-in for an instance of a Python class the {@link Globals} policy has no constructor
 * for (stub mode, or a name allowed as a stub). It records how the pickle built the object — which
 * opcode ({@link Kind}), the callable or class, the arguments — and what was later applied to it
 * (BUILD state, APPEND list items, SETITEM dict items), so dumping it writes the same opcodes back.
 * Nothing is executed; nothing is resolved to a Java class.
 *
 * <p>Equality is by value over all recorded parts (for tests and comparisons); a stub that contains
 * itself must not be compared or hashed.
 */
public final class PyObject {
    /** The opcode that created the object. */
    public enum Kind {
        /** {@code callable(*args)} via REDUCE (including {@code copyreg._reconstructor}). */
        REDUCE,
        /** {@code cls.__new__(cls, *args)} via NEWOBJ. */
        NEWOBJ,
        /** {@code cls.__new__(cls, *args, **kwargs)} via NEWOBJ_EX. */
        NEWOBJ_EX,
        /** The protocol-0 INST opcode. */
        INST,
        /** The protocol-1 OBJ opcode. */
        OBJ
    }

    private final Kind kind;
    private final Object callable;
    private final PyTuple args;
    private final Map<Object, Object> kwargs;
    private Object state;
    private final List<Object> listItems = new ArrayList<>();
    private final Map<Object, Object> dictItems = new LinkedHashMap<>();

    /**
     * @param kind how the object was created
     * @param callable the REDUCE callable or the class (normally a {@link PyGlobal})
     * @param args the positional arguments
     * @param kwargs keyword arguments (NEWOBJ_EX only), else empty
     */
    public PyObject(Kind kind, Object callable, PyTuple args, Map<Object, Object> kwargs) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.callable = callable;
        this.args = Objects.requireNonNull(args, "args");
        this.kwargs = kwargs == null ? new LinkedHashMap<>() : kwargs;
    }

    /** A stub of {@code kind} created by {@code callable(*args)}. */
    public static PyObject of(Kind kind, Object callable, PyTuple args) {
        return new PyObject(kind, callable, args, null);
    }

    /** How the object was created. */
    public Kind kind() {
        return kind;
    }

    /** The REDUCE callable or the class as it appeared in the stream. */
    public Object callable() {
        return callable;
    }

    /**
     * The Python class this stands for: the class of NEWOBJ/INST/OBJ, the first argument of
     * {@code copyreg._reconstructor} / {@code copyreg.__newobj__}, else the REDUCE callable itself
     * ({@code null} when that is not a global).
     */
    public PyGlobal type() {
        if (callable instanceof PyGlobal g && kind == Kind.REDUCE && "copyreg".equals(g.module())
                && (g.name().equals("_reconstructor") || g.name().startsWith("__newobj"))
                && !args.isEmpty() && args.get(0) instanceof PyGlobal cls) {
            return cls;
        }
        return callable instanceof PyGlobal g ? g : null;
    }

    /** The module of {@link #type()}, e.g. {@code "__main__"}. */
    public String module() {
        PyGlobal t = type();
        return t == null ? null : t.module();
    }

    /** The class name of {@link #type()}. */
    public String name() {
        PyGlobal t = type();
        return t == null ? null : t.name();
    }

    /** The positional arguments. */
    public PyTuple args() {
        return args;
    }

    /** The keyword arguments (NEWOBJ_EX), else empty. */
    public Map<Object, Object> kwargs() {
        return kwargs;
    }

    /** The BUILD state, {@code null} when none was applied. */
    public Object state() {
        return state;
    }

    /** Sets the BUILD state (what Python passes to {@code __setstate__}). */
    public void setState(Object newState) {
        this.state = newState;
    }

    /** Items appended with APPEND/APPENDS (live list). */
    public List<Object> listItems() {
        return listItems;
    }

    /** Items set with SETITEM/SETITEMS (live map, insertion order). */
    public Map<Object, Object> dictItems() {
        return dictItems;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyObject p && kind == p.kind && Objects.equals(callable, p.callable)
                && args.equals(p.args) && kwargs.equals(p.kwargs) && Objects.equals(state, p.state)
                && listItems.equals(p.listItems) && dictItems.equals(p.dictItems);
    }

    /** Stable while the stub is filled in: only the kind and the callable take part. */
    @Override
    public int hashCode() {
        return Objects.hash(kind, callable);
    }

    @Override
    public String toString() {
        return "PyObject[" + kind + " " + callable + args + (state == null ? "" : " state=" + state) + "]";
    }
}
