package org.sqlite3j.dbapi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.function.Supplier;

import org.sqlite.Collation;
import org.sqlite.Function;
import org.sqlite.core.DB;

/**
 * The bridge between user callbacks and sqlite-jdbc's {@link Function}, {@link Function.Aggregate},
 * {@link Function.Window} and {@link Collation} (CPython's callback code in {@code connection.c}):
 * SQLite values become Python-typed Java values, results are converted as bound parameters are,
 * and every exception (any {@link Throwable}) becomes the error message Python gives — no Java
 * exception crosses native code. The exception is handed to the {@link Engine}, which makes it the
 * cause of the Python error the statement raises.
 *
 * <p><b>Re-entrancy.</b> A callback may run SQL that calls it again (CPython allows any depth).
 * sqlite-jdbc keeps the SQLite context of the current call in fields of the registered
 * {@link Function} object and clears them when a call returns, so after a nested call of the same
 * scalar function the outer call could no longer set its result. A scalar call therefore reads its
 * context when it starts and sets its result through {@link DB}'s {@code result_*(context, ...)}
 * with it ({@link #CONTEXT}). Aggregates and window functions need nothing: sqlite-jdbc calls a clone
 * per group, which no other call shares.
 */
final class UserFunctions {

    private UserFunctions() {
    }

    static final String FUNCTION_ERROR = "user-defined function raised exception";

    /**
     * sqlite-jdbc's package-private {@code Function.context} (the {@code sqlite3_context*} of the
     * call in progress), or null where the package is not open to this code (on the module path,
     * without {@code --add-opens org.xerial.sqlitejdbc/org.sqlite=org.sqlite3j.dbapi}); then a
     * scalar function that runs SQL calling itself fails with {@link #FUNCTION_ERROR}, the cause
     * saying why.
     */
    private static final VarHandle CONTEXT = contextHandle();

    private static VarHandle contextHandle() {
        try {
            return MethodHandles.privateLookupIn(Function.class, MethodHandles.lookup())
                    .findVarHandle(Function.class, "context", long.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * An exception whose text is exactly its message: thrown out of a callback when no SQLite
     * context is left to set an error on, so that sqlite-jdbc, which then sets the exception's
     * {@code toString()} as the error, sets Python's message and no Java class name.
     */
    private static final class PythonMessage extends RuntimeException {
        PythonMessage(String message) {
            super(message, null, false, false);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /**
     * SQLite's SQLITE_TOOBIG text, which CPython sets with {@code sqlite3_result_error_toobig} for an
     * int result beyond 64 bits; sqlite-jdbc only binds {@code sqlite3_result_error}, so the error
     * arrives as SQLITE_ERROR with this message, and the {@link ResultTooBig} noted with it makes
     * {@link ErrorTable} restore DataError/SQLITE_TOOBIG.
     */
    static final String TOO_BIG = "string or blob too big";

    /**
     * The typed marker of a too-big result (not its message text: a function may raise any message):
     * noted as the callback's exception, attached by {@link Engine} to SQLite's error, read by
     * {@link ErrorTable#translate}. Its cause is the exception behind it (an OverflowError), if any.
     */
    static final class ResultTooBig extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResultTooBig(Throwable cause) {
            super(TOO_BIG, cause, false, false);
        }
    }

    /** Where a call's result goes: sqlite-jdbc's protected {@code result}/{@code error} methods. */
    private interface Results {
        void none() throws SQLException;

        void integer(long value) throws SQLException;

        void real(double value) throws SQLException;

        void text(String value) throws SQLException;

        void blob(byte[] value) throws SQLException;

        void error(String message) throws SQLException;
    }

    /** Results set on one call's SQLite context, captured when the call began (see {@link #CONTEXT}). */
    private static final class ContextResults implements Results {
        private final DB db;
        private final long context;

        ContextResults(DB db, long context) {
            this.db = db;
            this.context = context;
        }

        public void none() throws SQLException {
            db.result_null(context);
        }

        public void integer(long v) throws SQLException {
            db.result_long(context, v);
        }

        public void real(double v) throws SQLException {
            db.result_double(context, v);
        }

        public void text(String v) throws SQLException {
            db.result_text(context, v);
        }

        public void blob(byte[] v) throws SQLException {
            db.result_blob(context, v);
        }

        public void error(String m) throws SQLException {
            db.result_error(context, m);
        }
    }

    /** The SQLite arguments of the current call of {@code f} as Long, Double, String, byte[] or null. */
    private static Object[] arguments(DB db, Function f, int count) throws SQLException {
        Object[] args = new Object[count];
        for (int i = 0; i < count; i++) {
            switch (db.value_type(f, i)) {
                case Engine.SQLITE_INTEGER:
                    args[i] = db.value_long(f, i);
                    break;
                case Engine.SQLITE_FLOAT:
                    args[i] = db.value_double(f, i);
                    break;
                case Engine.SQLITE_TEXT:
                    args[i] = db.value_text(f, i);
                    break;
                case Engine.SQLITE_BLOB:
                    byte[] blob = db.value_blob(f, i);
                    args[i] = blob == null ? new byte[0] : blob;
                    break;
                default:
                    args[i] = null;
                    break;
            }
        }
        return args;
    }

    /** Sets a result converted as a bound parameter would be; {@code failure} when it has no SQLite type. */
    private static void deliver(JdbcEngine engine, Results out, Object value, String failure) throws SQLException {
        if (value == null) {
            out.none();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.integer(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            out.integer((Boolean) value ? 1 : 0);
        } else if (value instanceof Double || value instanceof Float) {
            out.real(((Number) value).doubleValue());
        } else if (value instanceof String) {
            out.text((String) value);
        } else if (value instanceof byte[]) {
            out.blob((byte[]) value);
        } else if (value instanceof ByteBuffer) {
            out.blob((byte[]) Binder.sqliteValue(value, 0));
        } else if (value instanceof BigInteger && ((BigInteger) value).bitLength() <= 63) {
            out.integer(((BigInteger) value).longValue());
        } else if (value instanceof BigInteger) {
            engine.callbackRaised(TOO_BIG, new ResultTooBig(null));
            out.error(TOO_BIG); // CPython: sqlite3_result_error_toobig; ErrorTable maps it back
        } else {
            engine.callbackRaised(failure, new Sqlite3.TypeError("the callback returned a "
                    + value.getClass().getName() + ", which is not an SQLite value (Long, Double,"
                    + " String, byte[], null)"));
            out.error(failure);
        }
    }

    /** A scalar function; a null {@code fn} keeps the name but fails every call, as Python's None does. */
    static Function scalar(JdbcEngine engine, ScalarFunction fn) {
        return new ScalarBridge(engine, fn);
    }

    private static final class ScalarBridge extends Function {
        private final JdbcEngine engine;
        private final DB db;
        private final ScalarFunction fn;
        /** The results of a call where {@link #CONTEXT} cannot be read: sqlite-jdbc's own methods. */
        private final Results own = new Results() {
            public void none() throws SQLException { result(); }
            public void integer(long v) throws SQLException { result(v); }
            public void real(double v) throws SQLException { result(v); }
            public void text(String v) throws SQLException { result(v); }
            public void blob(byte[] v) throws SQLException { result(v); }
            public void error(String m) throws SQLException { ScalarBridge.this.error(m); }
        };

        ScalarBridge(JdbcEngine engine, ScalarFunction fn) {
            this.engine = engine;
            this.db = engine.db();
            this.fn = fn;
        }

        @Override
        protected void xFunc() throws SQLException {
            Results out = CONTEXT == null ? own : new ContextResults(db, (long) CONTEXT.get(this));
            Object[] args = arguments(db, this, args());
            try {
                call(out, args);
            } catch (SQLException e) {
                // only without CONTEXT: a nested call of this function cleared sqlite-jdbc's context
                engine.callbackRaised(FUNCTION_ERROR, new IllegalStateException("a function that runs SQL"
                        + " calling itself needs sqlite-jdbc's package org.sqlite open to sqlite3j"
                        + " (--add-opens org.xerial.sqlitejdbc/org.sqlite=org.sqlite3j.dbapi)", e));
                throw new PythonMessage(FUNCTION_ERROR);
            }
        }

        private void call(Results out, Object[] args) throws SQLException {
            Object value;
            try {
                if (fn == null) {
                    throw new IllegalStateException("function removed with a null callable");
                }
                value = fn.call(args);
                if (value instanceof String) {
                    Sqlite3.UnicodeEncodeError.check((String) value);
                }
            } catch (Sqlite3.OverflowError e) {
                engine.callbackRaised(TOO_BIG, new ResultTooBig(e));
                out.error(TOO_BIG); // CPython: an OverflowError in a function is SQLITE_TOOBIG
                return;
            } catch (Throwable e) {
                engine.callbackRaised(FUNCTION_ERROR, e);
                out.error(FUNCTION_ERROR);
                return;
            }
            deliver(engine, out, value, FUNCTION_ERROR);
        }
    }

    private static String methodError(String method) {
        return "user-defined aggregate's '" + method + "' method raised error";
    }

    /** One group's state: the user instance, made at the first call by the factory (Python's __init__). */
    private static final class Group {
        private final JdbcEngine engine;
        private final Supplier<? extends Aggregate> factory;
        private Aggregate instance;
        private boolean failed;
        /** A method failed: the statement is failing, and SQLite's clean-up still calls xFinal. */
        private boolean erred;

        Group(JdbcEngine engine, Supplier<? extends Aggregate> factory) {
            this.engine = engine;
            this.factory = factory;
        }

        /**
         * Sets CPython's error of {@code method}; the first failure also hands {@code cause} to the
         * engine (a later one comes from SQLite's clean-up of the failing statement and must not
         * replace it).
         */
        private void fail(Results out, String method, Throwable cause) throws SQLException {
            if (!erred) {
                erred = true;
                engine.callbackRaised(methodError(method), cause);
            }
            out.error(methodError(method));
        }

        /** The instance, or null after reporting the factory's failure. */
        private Aggregate instance(Results out) throws SQLException {
            Throwable cause = null;
            if (instance == null && !failed) {
                try {
                    instance = factory == null ? null : factory.get();
                    if (instance == null) {
                        cause = new Sqlite3.TypeError(factory == null ? "the aggregate was registered with"
                                + " a null factory" : "the aggregate's factory returned null");
                    }
                } catch (Throwable e) {
                    instance = null;
                    cause = e;
                }
                failed = instance == null;
            }
            if (failed) {
                fail(out, "__init__", cause);
            }
            return instance;
        }

        void step(Object[] args, Results out) throws SQLException {
            Aggregate a = instance(out);
            if (a != null) {
                try {
                    a.step(args);
                } catch (Throwable e) {
                    fail(out, "step", e);
                }
            }
        }

        void inverse(Object[] args, Results out) throws SQLException {
            Aggregate a = instance(out);
            if (a != null) {
                try {
                    ((WindowFunction) a).inverse(args);
                } catch (Throwable e) {
                    fail(out, "inverse", e);
                }
            }
        }

        void value(Results out) throws SQLException {
            Aggregate a = instance(out);
            if (a != null) {
                Object v;
                try {
                    v = ((WindowFunction) a).value();
                } catch (Throwable e) {
                    fail(out, "value", e);
                    return;
                }
                deliver(engine, out, v, "unable to set result from user-defined aggregate's 'value' method");
            }
        }

        void finish(Results out) throws SQLException {
            if (instance == null && !failed) {
                out.none(); // a group without rows: NULL, and no instance is made
                return;
            }
            Aggregate a = instance(out);
            if (a != null && erred) {
                try {
                    a.finalizeValue(); // CPython calls finalize even then, keeping step's error
                } catch (Throwable ignored) {
                    // the statement fails with the earlier method's error
                }
                return;
            }
            if (a != null) {
                Object v;
                try {
                    v = a.finalizeValue();
                } catch (Throwable e) {
                    fail(out, "finalize", e);
                    return;
                }
                deliver(engine, out, v, methodError("finalize"));
            }
        }
    }

    /** An aggregate; sqlite-jdbc clones it per group, and each clone starts a fresh {@link Group}. */
    static Function.Aggregate aggregate(JdbcEngine engine, Supplier<? extends Aggregate> factory) {
        return new AggregateBridge(engine, factory);
    }

    /** A window function; cloned per window like {@link #aggregate}. */
    static Function.Window window(JdbcEngine engine, Supplier<? extends WindowFunction> factory) {
        return new WindowBridge(engine, factory);
    }

    private static final class AggregateBridge extends Function.Aggregate {
        private final JdbcEngine engine;
        private final DB db;
        private final Supplier<? extends org.sqlite3j.dbapi.Aggregate> factory;
        private Group group;
        private Results out = results();

        private Results results() {
            return new Results() {
                public void none() throws SQLException { result(); }
                public void integer(long v) throws SQLException { result(v); }
                public void real(double v) throws SQLException { result(v); }
                public void text(String v) throws SQLException { result(v); }
                public void blob(byte[] v) throws SQLException { result(v); }
                public void error(String m) throws SQLException { AggregateBridge.this.error(m); }
            };
        }

        AggregateBridge(JdbcEngine engine, Supplier<? extends org.sqlite3j.dbapi.Aggregate> factory) {
            this.engine = engine;
            this.db = engine.db();
            this.factory = factory;
            this.group = new Group(engine, factory);
        }

        @Override
        protected void xStep() throws SQLException {
            group.step(arguments(db, this, args()), out);
        }

        @Override
        protected void xFinal() throws SQLException {
            group.finish(out);
        }

        /** sqlite-jdbc's clone per group: a copy bound to SQLite's context, with a fresh group. */
        @Override
        public Object clone() throws CloneNotSupportedException {
            AggregateBridge copy = (AggregateBridge) super.clone();
            copy.group = new Group(engine, factory);
            copy.out = copy.results();
            return copy;
        }
    }

    private static final class WindowBridge extends Function.Window {
        private final JdbcEngine engine;
        private final DB db;
        private final Supplier<? extends WindowFunction> factory;
        private Group group;
        private Results out = results();

        private Results results() {
            return new Results() {
                public void none() throws SQLException { result(); }
                public void integer(long v) throws SQLException { result(v); }
                public void real(double v) throws SQLException { result(v); }
                public void text(String v) throws SQLException { result(v); }
                public void blob(byte[] v) throws SQLException { result(v); }
                public void error(String m) throws SQLException { WindowBridge.this.error(m); }
            };
        }

        WindowBridge(JdbcEngine engine, Supplier<? extends WindowFunction> factory) {
            this.engine = engine;
            this.db = engine.db();
            this.factory = factory;
            this.group = new Group(engine, factory);
        }

        @Override
        protected void xStep() throws SQLException {
            group.step(arguments(db, this, args()), out);
        }

        @Override
        protected void xInverse() throws SQLException {
            group.inverse(arguments(db, this, args()), out);
        }

        @Override
        protected void xValue() throws SQLException {
            group.value(out);
        }

        @Override
        protected void xFinal() throws SQLException {
            group.finish(out);
        }

        /** sqlite-jdbc's clone per window: a copy bound to SQLite's context, with a fresh group. */
        @Override
        public Object clone() throws CloneNotSupportedException {
            WindowBridge copy = (WindowBridge) super.clone();
            copy.group = new Group(engine, factory);
            copy.out = copy.results();
            return copy;
        }
    }

    /**
     * A collation. The comparator's exceptions cannot cross native code: the first one is kept by
     * the engine and rethrown as itself when the statement's step returns (CPython raises the
     * collation's own exception), and meanwhile the comparator is not called again and the strings
     * compare equal, as in CPython while its error is pending.
     */
    static Collation collation(Comparator<String> comparator, JdbcEngine engine) {
        return new Collation() {
            @Override
            protected int xCompare(String a, String b) {
                if (engine.collationFailed()) {
                    return 0;
                }
                try {
                    return Integer.signum(comparator.compare(a, b));
                } catch (StackOverflowError e) {
                    engine.collationFailed(new Sqlite3.OperationalError(
                            "the collation overflowed the stack"));
                    return 0;
                } catch (Throwable e) {
                    engine.collationFailed(e);
                    return 0;
                }
            }
        };
    }
}
