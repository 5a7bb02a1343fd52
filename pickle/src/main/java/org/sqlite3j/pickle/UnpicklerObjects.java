package org.sqlite3j.pickle;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How the {@link Unpickler} turns globals into objects: resolution through the {@link Globals} policy
 * (deny by default; stubs when asked), REDUCE / NEWOBJ / NEWOBJ_EX / INST / OBJ, the copyreg helpers
 * {@code _reconstructor}, {@code __newobj__} and {@code __newobj_ex__}, EXT codes, and BUILD. Owned by
 * one Unpickler; not thread-safe.
 */
final class UnpicklerObjects {
    private Globals globals = Globals.builtins();
    private boolean stubUnknownGlobals;
    private ExtensionRegistry extensions = ExtensionRegistry.global();
    private final Map<PyGlobal, PyClass> resolved = new HashMap<>();
    private final Map<Object, PyClass> creators = new IdentityHashMap<>();

    void globals(Globals policy) {
        this.globals = policy;
        resolved.clear();
    }

    void stubUnknownGlobals(boolean stub) {
        this.stubUnknownGlobals = stub;
        resolved.clear();
    }

    void extensions(ExtensionRegistry registry) {
        this.extensions = registry;
    }

    PyGlobal findClass(String module, String name, boolean python2Names) {
        PyGlobal g = python2Names ? CompatNames.toPython3(module, name) : new PyGlobal(module, name);
        resolveName(g);
        return g;
    }

    /** The class {@code g} stands for, to be called or instantiated: forbidden unless the policy allows it. */
    PyClass resolve(PyGlobal g) {
        PyClass c = resolveName(g);
        if (c == Globals.OWNER) {
            throw new UnpicklingError("global '" + g.qualifiedName() + "' is forbidden");
        }
        return c;
    }

    /** As {@link #resolve}, also accepting a name that only encloses an allowed nested name. */
    private PyClass resolveName(PyGlobal g) {
        PyClass c = resolved.get(g);
        if (c == null) {
            c = globals.lookup(g);
            if (c == null) {
                if (!stubUnknownGlobals) {
                    throw new UnpicklingError("global '" + g.qualifiedName() + "' is forbidden");
                }
                c = Globals.STUB;
            }
            resolved.put(g, c);
        }
        return c;
    }

    Object extension(int code) {
        if (code <= 0) {
            throw new UnpicklingError("EXT specifies code <= 0");
        }
        PyGlobal g = extensions.lookup(code);
        if (g == null) {
            throw new UnpicklingError("unregistered extension code " + code);
        }
        resolve(g);
        return g;
    }

    /**
     * REDUCE. {@code argsMemoized}: whether the argument tuple went through the memo, which tells
     * {@code getattr(owner, name)} as CPython reduces a bound method (memoized: a {@link PyAttribute})
     * from the getattr chain {@code save_global} writes for a nested name below protocol 4 (not
     * memoized: the dotted {@link PyGlobal} {@code owner.name}, resolved like any global).
     */
    Object reduce(Object callable, Object args, boolean argsMemoized) {
        if (callable instanceof PyObject p && args instanceof PyTuple t) {
            if (p.kind() == PyObject.Kind.REDUCE && Builtins.PARTIAL_GLOBAL.equals(p.callable())
                    && resolve(Builtins.PARTIAL_GLOBAL) == Builtins.PARTIAL) {
                return callPartial(p, t);
            }
            return PyObject.of(PyObject.Kind.REDUCE, callable, t); // calling an inert stub stays inert
        }
        if (callable instanceof PyAttribute a && args instanceof PyTuple t && a.name().equals("__new__")) {
            if (t.isEmpty()) {
                throw new UnpicklingError("object.__new__(): not enough arguments");
            }
            return newObject(null, t.get(0), PyTuple.copyOf(t.asList().subList(1, t.size())), null, "__new__");
        }
        if (callable instanceof PyAttribute a && args instanceof PyTuple t) {
            PyGlobal dotted = a.asGlobal();
            PyClass c = resolve(dotted);
            if (c == Globals.STUB) {
                return PyObject.of(PyObject.Kind.REDUCE, a, t);
            }
            return created(c, c.call(t), PyObject.Kind.REDUCE, a, t);
        }
        if (!(callable instanceof PyGlobal g)) {
            throw new UnpicklingError("'" + Builtins.typeName(callable) + "' object is not callable");
        }
        if (!(args instanceof PyTuple t)) {
            throw new UnpicklingError("argument list must be a tuple, not " + Builtins.typeName(args));
        }
        PyClass c = resolve(g);
        if (c == Globals.STUB) {
            return PyObject.of(PyObject.Kind.REDUCE, g, t);
        }
        if (c == Builtins.GETATTR) {
            if (t.size() != 2 || !(t.get(0) instanceof PyGlobal owner) || !(t.get(1) instanceof String name)) {
                throw new UnpicklingError("getattr is only supported on a global with a str name");
            }
            PyAttribute a = new PyAttribute(owner, name);
            if (!name.equals("__new__")) {
                resolve(a.asGlobal()); // cls.__new__ creates only classes the policy resolves when called
            }
            return argsMemoized ? a : a.asGlobal();
        }
        if (c == Builtins.PARTIAL) {
            if (t.isEmpty()) {
                throw new UnpicklingError("type 'partial' takes at least one argument");
            }
            return PyObject.of(PyObject.Kind.REDUCE, g, t); // inert until the stream calls it
        }
        if (c == Builtins.RECONSTRUCTOR) {
            return reconstruct(g, t);
        }
        if (c == Builtins.NEWOBJ) {
            if (t.isEmpty()) {
                throw new UnpicklingError("copyreg.__newobj__ expects the class first");
            }
            Object r = newObject(null, t.get(0), PyTuple.copyOf(t.asList().subList(1, t.size())), null, "__newobj__");
            return r instanceof PyObject ? PyObject.of(PyObject.Kind.REDUCE, g, t) : r;
        }
        if (c == Builtins.NEWOBJ_EX) {
            if (t.size() != 3 || !(t.get(1) instanceof PyTuple a) || !(t.get(2) instanceof Map<?, ?> kw)) {
                throw new UnpicklingError("copyreg.__newobj_ex__ expects (cls, args, kwargs)");
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> k = (Map<Object, Object>) kw;
            Object r = newObject(null, t.get(0), a, k, "__newobj_ex__");
            return r instanceof PyObject ? PyObject.of(PyObject.Kind.REDUCE, g, t) : r;
        }
        return created(c, c.call(t), PyObject.Kind.REDUCE, g, t);
    }

    /**
     * Calls a loaded {@code functools.partial}: its function with the bound then the given arguments.
     * {@code partial(cls.__new__, cls, *args, **kwargs)()} is CPython's NEWOBJ_EX below protocol 4 and
     * creates the object as NEWOBJ_EX does; keyword arguments are accepted for {@code __new__} only.
     */
    private Object callPartial(PyObject partial, PyTuple callArgs) {
        Object func;
        PyTuple bound;
        Map<?, ?> kwargs = Map.of();
        Object state = partial.state();
        if (state == null) {
            func = partial.args().get(0);
            bound = PyTuple.copyOf(partial.args().asList().subList(1, partial.args().size()));
        } else if (state instanceof PyTuple s && s.size() == 4 && s.get(1) instanceof PyTuple a
                && (s.get(2) == null || s.get(2) instanceof Map) && (s.get(3) == null || s.get(3) instanceof Map)) {
            if (s.get(3) instanceof Map<?, ?> attrs && !attrs.isEmpty()) {
                throw new UnpicklingError("functools.partial instance attributes are not supported: " + attrs.keySet());
            }
            func = s.get(0);
            bound = a;
            if (s.get(2) instanceof Map<?, ?> k) {
                kwargs = k;
            }
        } else {
            throw new UnpicklingError("invalid partial state: expected (func, args, kwargs, dict), got "
                    + Builtins.typeName(state));
        }
        Object[] all = new Object[bound.size() + callArgs.size()];
        for (int i = 0; i < bound.size(); i++) {
            all[i] = bound.get(i);
        }
        for (int i = 0; i < callArgs.size(); i++) {
            all[bound.size() + i] = callArgs.get(i);
        }
        if (func instanceof PyAttribute a && a.name().equals("__new__")
                || func instanceof PyGlobal g && g.name().endsWith(".__new__")) {
            if (all.length == 0) {
                throw new UnpicklingError("object.__new__(): not enough arguments");
            }
            return newObject(PyObject.Kind.NEWOBJ_EX, all[0], PyTuple.copyOf(java.util.Arrays.asList(all).subList(1, all.length)),
                    new java.util.LinkedHashMap<>(kwargs), "__new__");
        }
        if (!kwargs.isEmpty()) {
            throw new UnpicklingError("functools.partial with keyword arguments is only supported for cls.__new__, not "
                    + func);
        }
        return reduce(func, PyTuple.of(all), true);
    }

    private Object created(PyClass c, Object result, PyObject.Kind kind, Object g, PyTuple args) {
        if (result == null) {
            return PyObject.of(kind, g, args); // a known type java.time/BigDecimal cannot hold: keep it inert
        }
        creators.put(result, c);
        return result;
    }

    private Object reconstruct(PyGlobal self, PyTuple t) {
        if (t.size() != 3 || !(t.get(0) instanceof PyGlobal cls)) {
            throw new UnpicklingError("copyreg._reconstructor expects (cls, base, state)");
        }
        PyClass c = resolve(cls);
        if (c == Globals.STUB || !(t.get(1) instanceof PyGlobal)) {
            return PyObject.of(PyObject.Kind.REDUCE, self, t);
        }
        PyTuple a = t.get(2) == null ? PyTuple.EMPTY : PyTuple.of(t.get(2));
        return created(c, c.newObject(a, new java.util.LinkedHashMap<>()), PyObject.Kind.REDUCE, self, t);
    }

    Object newObject(PyObject.Kind kind, Object cls, PyTuple args, Map<Object, Object> kwargs, String op) {
        if (!(cls instanceof PyGlobal g)) {
            throw new UnpicklingError(op + " class argument must be a type, not " + Builtins.typeName(cls));
        }
        PyClass c = resolve(g);
        if (c == Globals.STUB || c == Builtins.RECONSTRUCTOR || c == Builtins.NEWOBJ || c == Builtins.NEWOBJ_EX) {
            if (c != Globals.STUB) {
                throw new UnpicklingError(op + " class argument must be a type, not builtin_function_or_method");
            }
            return new PyObject(kind == null ? PyObject.Kind.NEWOBJ : kind, g, args, kwargs);
        }
        Map<Object, Object> kw = kwargs == null ? new java.util.LinkedHashMap<>() : kwargs;
        return created(c, c.newObject(args, kw), kind == null ? PyObject.Kind.NEWOBJ : kind, g, args);
    }

    Object instantiate(PyObject.Kind kind, Object cls, PyTuple args) {
        if (!(cls instanceof PyGlobal g)) {
            throw new UnpicklingError("'" + Builtins.typeName(cls) + "' object is not callable");
        }
        PyClass c = resolve(g);
        if (c == Globals.STUB) {
            return PyObject.of(kind, g, args);
        }
        if (c == Builtins.GETATTR || c == Builtins.PARTIAL || c == Builtins.RECONSTRUCTOR || c == Builtins.NEWOBJ
                || c == Builtins.NEWOBJ_EX) {
            // functions, not classes: INST and OBJ call them with the arguments, as REDUCE does (CPython's
            // _instantiate calls klass(*args)); their PyClass markers are never called themselves
            return reduce(g, args, false);
        }
        return created(c, c.call(args), kind, g, args);
    }

    /** BUILD: applies {@code state} to {@code inst}; returns the object that now stands for it. */
    Object build(Object inst, Object state) {
        if (inst instanceof PyObject p) {
            p.setState(state);
            return inst;
        }
        PyClass c = creators.get(inst);
        if (c == null) {
            throw new UnpicklingError("cannot BUILD: a " + Builtins.typeName(inst) + " takes no state");
        }
        Object replaced = c.build(inst, state);
        if (replaced != inst) {
            creators.remove(inst);
            creators.put(replaced, c);
        }
        return replaced;
    }
}
