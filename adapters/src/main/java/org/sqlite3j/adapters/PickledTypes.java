package org.sqlite3j.adapters;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.sqlite3j.pickle.DispatchTable;
import org.sqlite3j.pickle.Globals;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.pickle.PyClass;
import org.sqlite3j.pickle.PyGlobal;
import org.sqlite3j.pickle.PyTuple;
import org.sqlite3j.pickle.Pickler;
import org.sqlite3j.pickle.Reduction;
import org.sqlite3j.pickle.Unpickler;
import org.sqlite3j.pickle.UnpicklingError;

/**
 * Pickled objects through the adapters: Java classes stored as pickle BLOBs that CPython writes and
 * reads too. Each Java class is paired with a Python class ({@code app.models.Point}); an instance is
 * pickled as CPython pickles a plain instance of that class — {@code copyreg.__newobj__(cls)} then
 * its {@code __dict__} as the BUILD state — and a column declared (or named, with PARSE_COLNAMES)
 * with the type name ({@code PICKLE} by default) is loaded by an {@link Unpickler} that allows only
 * the registered classes and Python's data types: deny by default, never a class found by name.
 *
 * <pre>{@code
 * record Point(int x, int y) {}
 * PickledTypes.create()
 *         .record(Point.class, "app.models", "Point")
 *         .registerOn(con.adapters(), con.converters());
 * con.execute("CREATE TABLE shapes(p PICKLE)");
 * con.execute("INSERT INTO shapes VALUES (?)", new Point(1, 2));     // a BLOB Python unpickles
 * Point p = (Point) con.execute("SELECT p FROM shapes").fetchone().get(0);  // with PARSE_DECLTYPES
 * }</pre>
 *
 * <p>Instances of one registration are immutable once registered on a registry; build a new one to
 * change it. Thread-safe after {@link #registerOn}.
 */
public final class PickledTypes {

    private final int protocol;
    private final String typename;
    private final List<Mapping<?>> mappings = new ArrayList<>();

    private PickledTypes(int protocol, String typename) {
        this.protocol = protocol;
        this.typename = typename;
    }

    /** Pickles at CPython's default protocol ({@link Pickle#DEFAULT_PROTOCOL}), read under "PICKLE". */
    public static PickledTypes create() {
        return new PickledTypes(Pickle.DEFAULT_PROTOCOL, "PICKLE");
    }

    /** The pickle protocol written (0 to 5). */
    public PickledTypes protocol(int protocol) {
        if (protocol < 0 || protocol > Pickle.HIGHEST_PROTOCOL) {
            throw new IllegalArgumentException("pickle protocol must be 0.." + Pickle.HIGHEST_PROTOCOL
                    + ", got " + protocol);
        }
        PickledTypes copy = new PickledTypes(protocol, typename);
        copy.mappings.addAll(mappings);
        return copy;
    }

    /** The converter's type name (the declared column type), compared case-insensitively. */
    public PickledTypes typename(String name) {
        PickledTypes copy = new PickledTypes(protocol, Objects.requireNonNull(name, "name"));
        copy.mappings.addAll(mappings);
        return copy;
    }

    /**
     * A record stored as the Python class {@code module.name} whose {@code __dict__} holds the record's
     * components by name (ints, floats, str, bytes, None, lists, dicts, other registered records...).
     * Loading passes each attribute to the canonical constructor, narrowing Python ints to the
     * component's int/short/byte (range-checked) and widening them for double/float components.
     */
    public <R extends Record> PickledTypes record(Class<R> type, String module, String name) {
        RecordCodec<R> codec = new RecordCodec<>(type);
        return with(new Mapping<>(type, new PyGlobal(module, name), codec::state, codec::fromState));
    }

    /**
     * Any class, with its Python attributes given by {@code state} and rebuilt by {@code fromState}
     * (which receives the unpickled {@code __dict__}: attribute names to values).
     */
    public <T> PickledTypes type(Class<T> type, String module, String name,
            Function<? super T, Map<String, Object>> state, Function<Map<Object, Object>, ? extends T> fromState) {
        return with(new Mapping<>(type, new PyGlobal(module, name), state, fromState));
    }

    private PickledTypes with(Mapping<?> mapping) {
        PickledTypes copy = new PickledTypes(protocol, typename);
        copy.mappings.addAll(mappings);
        copy.mappings.add(mapping);
        return copy;
    }

    /** Registers one adapter per class and the converter for {@link #typename}. */
    public void registerOn(Adapters adapters, Converters converters) {
        DispatchTable table = DispatchTable.global().copy();
        Globals.Builder allowed = Globals.builtins().toBuilder();
        for (Mapping<?> m : mappings) {
            m.registerReducer(table);
            allowed.register(m.pyClass.module(), m.pyClass.name(), PyClass.fromState(state -> m.load(state)));
        }
        Globals globals = allowed.build();
        int p = protocol;
        for (Mapping<?> m : mappings) {
            adapters.register(m.type, value -> dump(value, p, table));
        }
        converters.register(typename, bytes -> new Unpickler(bytes).globals(globals).load());
    }

    private static byte[] dump(Object value, int protocol, DispatchTable table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        new Pickler(out, protocol).dispatchTable(table).dump(value);
        return out.toByteArray();
    }

    private static final PyGlobal RECONSTRUCTOR = new PyGlobal("copyreg", "_reconstructor");
    private static final PyGlobal OBJECT = new PyGlobal("builtins", "object");

    /** One Java class ↔ Python class pairing. */
    private static final class Mapping<T> {
        final Class<T> type;
        final PyGlobal pyClass;
        final Function<? super T, Map<String, Object>> state;
        final Function<Map<Object, Object>, ? extends T> fromState;

        Mapping(Class<T> type, PyGlobal pyClass, Function<? super T, Map<String, Object>> state,
                Function<Map<Object, Object>, ? extends T> fromState) {
            this.type = Objects.requireNonNull(type, "type");
            this.pyClass = pyClass;
            this.state = state;
            this.fromState = fromState;
        }

        void registerReducer(DispatchTable table) {
            table.register(type, (obj, protocol) -> {
                Map<Object, Object> dict = new LinkedHashMap<>(state.apply(obj));
                // CPython's object.__reduce_ex__: copyreg._reconstructor below protocol 2, NEWOBJ from 2
                return protocol < 2
                        ? new Reduction(RECONSTRUCTOR, PyTuple.of(pyClass, OBJECT, null), dict)
                        : Reduction.newObj(pyClass, PyTuple.EMPTY, dict);
            });
        }

        @SuppressWarnings("unchecked")
        Object load(Object state) {
            if (!(state instanceof Map)) {
                throw new UnpicklingError(pyClass.module() + "." + pyClass.name()
                        + " expects its __dict__ as the state, got " + (state == null ? "None" : state.getClass().getSimpleName()));
            }
            return fromState.apply((Map<Object, Object>) state);
        }
    }

    /** A record's components as Python attributes, and back through its {@link RecordShape}. */
    private static final class RecordCodec<R extends Record> {
        private final RecordShape<R> shape;

        RecordCodec(Class<R> type) {
            this.shape = RecordShape.of(type);
        }

        Map<String, Object> state(R record) {
            Map<String, Object> state = new LinkedHashMap<>();
            for (int i = 0; i < shape.size(); i++) {
                Object v = shape.get(record, i);
                state.put(shape.name(i), v instanceof Integer || v instanceof Short || v instanceof Byte
                        ? Long.valueOf(((Number) v).longValue()) : v instanceof Float ? ((Float) v).doubleValue() : v);
            }
            return state;
        }

        R fromState(Map<Object, Object> state) {
            Object[] args = new Object[shape.size()];
            try {
                for (int i = 0; i < args.length; i++) {
                    String name = shape.name(i);
                    if (!state.containsKey(name)) {
                        throw new UnpicklingError(shape.type().getSimpleName() + " needs the attribute '" + name
                                + "', the pickle has " + state.keySet());
                    }
                    args[i] = shape.fit(i, state.get(name), "the pickle", "None");
                }
                return shape.construct(args);
            } catch (RecordShape.Misfit e) {
                throw e.getCause() == null ? new UnpicklingError(e.getMessage())
                        : new UnpicklingError(e.getMessage(), e.getCause());
            }
        }
    }
}
