package org.sqlite3j.shelve;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.sqlite3j.pickle.DispatchTable;
import org.sqlite3j.pickle.Globals;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.pickle.Pickler;
import org.sqlite3j.pickle.PyClass;
import org.sqlite3j.pickle.PyGlobal;
import org.sqlite3j.pickle.PyTuple;
import org.sqlite3j.pickle.Reduction;
import org.sqlite3j.pickle.Unpickler;
import org.sqlite3j.pickle.UnpicklingError;

/**
 * How a {@link Shelf} turns values into pickles and back: the pickle module's {@link Globals} policy
 * (which Python classes load, and as which Java classes), the {@link DispatchTable} that pickles Java
 * classes as Python ones, and whether an unknown class is an error or an inert stub.
 *
 * <p>Deny by default, as the rest of sqlite3j: {@link #defaults()} loads Python's data types only
 * ({@link Globals#builtins()}); an instance of any other class raises {@link UnpicklingError}
 * {@code "global 'app.models.Point' is forbidden"}. {@link #stubUnknown(boolean) stubUnknown(true)}
 * loads such instances as {@link org.sqlite3j.pickle.PyObject} stubs instead: nothing is instantiated,
 * and a stub stored back is pickled exactly as it was read, so a Java program can rewrite a shelf of
 * Python objects without losing them.
 *
 * <pre>{@code
 * ShelfCodec codec = ShelfCodec.defaults()
 *         .type(Point.class, "app.models", "Point",
 *               Point::toDict,              // its __dict__: a LinkedHashMap, in attribute order
 *               d -> new Point(((Long) d.get("x")).intValue(), ((Long) d.get("y")).intValue()));
 * }</pre>
 *
 * <p>Immutable and thread-safe; every method returns a new codec. The dispatch table given to
 * {@link #dispatchTable(DispatchTable)} is copied before {@link #type} adds to it.
 */
public final class ShelfCodec {
    private static final ShelfCodec DEFAULTS = new ShelfCodec(Globals.builtins(), null, false);

    private final Globals globals;
    /** Null: the Pickler's default, {@link DispatchTable#global()}. */
    private final DispatchTable dispatchTable;
    private final boolean stubUnknown;

    private ShelfCodec(Globals globals, DispatchTable dispatchTable, boolean stubUnknown) {
        this.globals = globals;
        this.dispatchTable = dispatchTable;
        this.stubUnknown = stubUnknown;
    }

    /** Python's data types only ({@link Globals#builtins()}), the global dispatch table, unknown classes refused. */
    public static ShelfCodec defaults() {
        return DEFAULTS;
    }

    /** This codec loading with {@code policy} (registered classes, names allowed as stubs). */
    public ShelfCodec globals(Globals policy) {
        return new ShelfCodec(Objects.requireNonNull(policy, "globals"), dispatchTable, stubUnknown);
    }

    /** This codec pickling Java classes with {@code table} (not copied: later registrations show). */
    public ShelfCodec dispatchTable(DispatchTable table) {
        return new ShelfCodec(globals, Objects.requireNonNull(table, "dispatchTable"), stubUnknown);
    }

    /**
     * When true, a class the policy does not know loads as an inert stub that dumps back identically;
     * when false (the default) it raises {@link UnpicklingError} naming the class.
     */
    public ShelfCodec stubUnknown(boolean stub) {
        return new ShelfCodec(globals, dispatchTable, stub);
    }

    /**
     * Pairs the Java class {@code type} with the Python class {@code module.name}, as
     * {@code PickledTypes.type} does for columns: an instance is pickled as CPython pickles a plain
     * instance of that class ({@code copyreg.__newobj__(cls)} then BUILD with its {@code __dict__}, which
     * {@code state} gives; {@code copyreg._reconstructor} below protocol 2), and such a pickle loads
     * through {@code fromState}, which receives the unpickled {@code __dict__}. Give {@code state} an
     * ordered map (attribute order, as CPython's {@code __dict__}) to write the bytes CPython writes.
     */
    public <T> ShelfCodec type(Class<T> type, String module, String name,
            Function<? super T, Map<String, Object>> state, Function<Map<Object, Object>, ? extends T> fromState) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(fromState, "fromState");
        PyGlobal cls = new PyGlobal(module, name);
        DispatchTable table = (dispatchTable != null ? dispatchTable : DispatchTable.global()).copy();
        table.register(type, (obj, protocol) -> {
            Map<Object, Object> dict = new LinkedHashMap<>(state.apply(obj));
            return protocol < 2
                    ? new Reduction(RECONSTRUCTOR, PyTuple.of(cls, OBJECT, null), dict)
                    : Reduction.newObj(cls, PyTuple.EMPTY, dict);
        });
        Globals policy = globals.toBuilder().register(module, name, PyClass.fromState(s -> {
            if (!(s instanceof Map<?, ?> m)) {
                throw new UnpicklingError(module + "." + name + " expects its __dict__ as the state, got "
                        + (s == null ? "None" : s.getClass().getSimpleName()));
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> attributes = (Map<Object, Object>) m;
            return fromState.apply(attributes);
        })).build();
        return new ShelfCodec(policy, table, stubUnknown);
    }

    private static final PyGlobal RECONSTRUCTOR = new PyGlobal("copyreg", "_reconstructor");
    private static final PyGlobal OBJECT = new PyGlobal("builtins", "object");

    /** The loading policy. */
    public Globals globals() {
        return globals;
    }

    /** The dispatch table, or null for {@link DispatchTable#global()}. */
    public DispatchTable dispatchTable() {
        return dispatchTable;
    }

    /** Whether unknown classes load as stubs. */
    public boolean stubUnknown() {
        return stubUnknown;
    }

    /** {@code pickle.dumps(value, protocol)} with this codec's dispatch table. */
    public byte[] dumps(Object value, int protocol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        Pickler pickler = new Pickler(out, protocol);
        if (dispatchTable != null) {
            pickler.dispatchTable(dispatchTable);
        }
        pickler.dump(value);
        return out.toByteArray();
    }

    /** {@code pickle.loads(data)} with this codec's policy; {@link UnpicklingError} for what it refuses. */
    public Object loads(byte[] data) {
        return new Unpickler(data).globals(globals).stubUnknownGlobals(stubUnknown).load();
    }

    /** The protocol a shelf writes when given none: Python 3.13's {@code pickle.DEFAULT_PROTOCOL}, 4. */
    static final int DEFAULT_PROTOCOL = Pickle.DEFAULT_PROTOCOL;
}
