package org.sqlite3j.dbapi;

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
 * and every exception becomes the error message Python gives — no Java exception crosses native
 * code.
 */
final class UserFunctions {

    private UserFunctions() {
    }

    static final String FUNCTION_ERROR = "user-defined function raised exception";

    /**
     * SQLite's SQLITE_TOOBIG text, which CPython sets with {@code sqlite3_result_error_toobig} for an
     * int result beyond 64 bits; sqlite-jdbc only binds {@code sqlite3_result_error}, so the error
     * arrives as SQLITE_ERROR with this message and {@link ErrorTable} restores DataError/SQLITE_TOOBIG.
     */
    static final String TOO_BIG = "string or blob too big";

    /** Where a call's result goes: sqlite-jdbc's protected {@code result}/{@code error} methods. */
    private interface Results {
        void none() throws SQLException;

        void integer(long value) throws SQLException;

        void real(double value) throws SQLException;

        void text(String value) throws SQLException;

        void blob(byte[] value) throws SQLException;

        void error(String message) throws SQLException;
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
    private static void deliver(Results out, Object value, String failure) throws SQLException {
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
            out.error(TOO_BIG); // CPython: sqlite3_result_error_toobig; ErrorTable maps it back
        } else {
            out.error(failure);
        }
    }

    /** A scalar function; a null {@code fn} keeps the name but fails every call, as Python's None does. */
    static Function scalar(DB db, ScalarFunction fn) {
        return new ScalarBridge(db, fn);
    }


    private static final class ScalarBridge extends Function {
        private final DB db;
        private final ScalarFunction fn;
        private final Results out = new Results() {
            public void none() throws SQLException { result(); }
            public void integer(long v) throws SQLException { result(v); }
            public void real(double v) throws SQLException { result(v); }
            public void text(String v) throws SQLException { result(v); }
            public void blob(byte[] v) throws SQLException { result(v); }
            public void error(String m) throws SQLException { ScalarBridge.this.error(m); }
        };

        ScalarBridge(DB db, ScalarFunction fn) {
            this.db = db;
            this.fn = fn;
        }

        @Override
        protected void xFunc() throws SQLException {
            Object value;
            try {
                if (fn == null) {
                    throw new IllegalStateException("function removed with a null callable");
                }
                value = fn.call(arguments(db, this, args()));
                if (value instanceof String) {
                    Sqlite3.UnicodeEncodeError.check((String) value);
                }
            } catch (Sqlite3.OverflowError e) {
                error(TOO_BIG); // CPython: an OverflowError in a function is SQLITE_TOOBIG
                return;
            } catch (Exception | StackOverflowError e) {
                error(FUNCTION_ERROR);
                return;
            }
            deliver(out, value, FUNCTION_ERROR);
        }
    }

    /**
     * Stands for a removed window function of a given arity (sqlite-jdbc can only unregister
     * variadic ones): every use fails with SQLite's "no such function: NAME" — when the statement
     * runs rather than when it is prepared.
     */
    static Function missing(String name) {
        return new Function.Window() {
            private final String message = "no such function: " + name;

            @Override
            protected void xStep() throws SQLException {
                error(message);
            }

            @Override
            protected void xInverse() throws SQLException {
                error(message);
            }

            @Override
            protected void xValue() throws SQLException {
                error(message);
            }

            @Override
            protected void xFinal() throws SQLException {
                error(message);
            }
        };
    }

    private static String methodError(String method) {
        return "user-defined aggregate's '" + method + "' method raised error";
    }

    /** One group's state: the user instance, made at the first call by the factory (Python's __init__). */
    private static final class Group {
        private final Supplier<? extends Aggregate> factory;
        private Aggregate instance;
        private boolean failed;

        Group(Supplier<? extends Aggregate> factory) {
            this.factory = factory;
        }

        /** The instance, or null after reporting the factory's failure. */
        private Aggregate instance(Results out) throws SQLException {
            if (instance == null && !failed) {
                try {
                    instance = factory == null ? null : factory.get();
                } catch (RuntimeException | StackOverflowError e) {
                    instance = null;
                }
                failed = instance == null;
            }
            if (failed) {
                out.error(methodError("__init__"));
            }
            return instance;
        }

        void step(Object[] args, Results out) throws SQLException {
            Aggregate a = instance(out);
            if (a != null) {
                try {
                    a.step(args);
                } catch (Exception | StackOverflowError e) {
                    out.error(methodError("step"));
                }
            }
        }

        void inverse(Object[] args, Results out) throws SQLException {
            Aggregate a = instance(out);
            if (a != null) {
                try {
                    ((WindowFunction) a).inverse(args);
                } catch (Exception | StackOverflowError e) {
                    out.error(methodError("inverse"));
                }
            }
        }

        void value(Results out) throws SQLException {
            Aggregate a = instance(out);
            if (a != null) {
                Object v;
                try {
                    v = ((WindowFunction) a).value();
                } catch (Exception | StackOverflowError e) {
                    out.error(methodError("value"));
                    return;
                }
                deliver(out, v, "unable to set result from user-defined aggregate's 'value' method");
            }
        }

        void finish(Results out) throws SQLException {
            if (instance == null && !failed) {
                out.none(); // a group without rows: NULL, and no instance is made
                return;
            }
            Aggregate a = instance(out);
            if (a != null) {
                Object v;
                try {
                    v = a.finalizeValue();
                } catch (Exception | StackOverflowError e) {
                    out.error(methodError("finalize"));
                    return;
                }
                deliver(out, v, methodError("finalize"));
            }
        }
    }

    /** An aggregate; sqlite-jdbc clones it per group, and each clone starts a fresh {@link Group}. */
    static Function.Aggregate aggregate(DB db, Supplier<? extends Aggregate> factory) {
        return new AggregateBridge(db, factory);
    }

    /** A window function; cloned per window like {@link #aggregate}. */
    static Function.Window window(DB db, Supplier<? extends WindowFunction> factory) {
        return new WindowBridge(db, factory);
    }

    private static final class AggregateBridge extends Function.Aggregate {
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

        AggregateBridge(DB db, Supplier<? extends org.sqlite3j.dbapi.Aggregate> factory) {
            this.db = db;
            this.factory = factory;
            this.group = new Group(factory);
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
            copy.group = new Group(factory);
            copy.out = copy.results();
            return copy;
        }
    }

    private static final class WindowBridge extends Function.Window {
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

        WindowBridge(DB db, Supplier<? extends WindowFunction> factory) {
            this.db = db;
            this.factory = factory;
            this.group = new Group(factory);
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
            copy.group = new Group(factory);
            copy.out = copy.results();
            return copy;
        }
    }

    /**
     * A collation. The comparator's exceptions cannot cross native code: the first one is kept by
     * the engine and rethrown when the statement's step returns, and meanwhile the strings compare
     * equal, as in CPython while its error is pending.
     */
    static Collation collation(Comparator<String> comparator, Engine engine) {
        return new Collation() {
            @Override
            protected int xCompare(String a, String b) {
                try {
                    return Integer.signum(comparator.compare(a, b));
                } catch (RuntimeException e) {
                    engine.callbackFailed(e);
                    return 0;
                } catch (StackOverflowError e) {
                    engine.callbackFailed(new Sqlite3.OperationalError(
                            "the collation overflowed the stack"));
                    return 0;
                }
            }
        };
    }
}
