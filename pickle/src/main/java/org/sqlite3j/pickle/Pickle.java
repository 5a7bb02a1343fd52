package org.sqlite3j.pickle;

import java.io.ByteArrayInputStream;
import java.util.Objects;

/**
 * Python's {@code pickle} module: {@code dumps}/{@code loads} over the value model below, with
 * {@link Pickler}/{@link Unpickler} for streams and options. Reads every pickle CPython writes
 * (protocols 0–5); writes pickles CPython reads back to equal values of the same types, byte for
 * byte what CPython's C pickler writes for the same values.
 *
 * <table>
 *   <caption>Python type ⇄ Java type</caption>
 *   <tr><th>Python</th><th>Java (loads gives / dumps accepts)</th></tr>
 *   <tr><td>{@code None}</td><td>{@code null}</td></tr>
 *   <tr><td>{@code bool}</td><td>{@link Boolean}</td></tr>
 *   <tr><td>{@code int}</td><td>{@link Long} when it fits 64 bits, else {@link java.math.BigInteger}
 *       (dumps also takes Integer, Short, Byte)</td></tr>
 *   <tr><td>{@code float}</td><td>{@link Double} (dumps also takes Float)</td></tr>
 *   <tr><td>{@code complex}</td><td>{@link PyComplex}</td></tr>
 *   <tr><td>{@code str}</td><td>{@link String} (lone surrogates kept)</td></tr>
 *   <tr><td>{@code bytes}</td><td>{@code byte[]}</td></tr>
 *   <tr><td>{@code bytearray}</td><td>{@link PyByteArray}</td></tr>
 *   <tr><td>{@code tuple}</td><td>{@link PyTuple} (immutable, value equality, never equal to a list)</td></tr>
 *   <tr><td>{@code list}</td><td>{@link java.util.ArrayList} (dumps: any {@link java.util.List})</td></tr>
 *   <tr><td>{@code dict}</td><td>{@link java.util.LinkedHashMap}, insertion order kept (dumps: any Map)</td></tr>
 *   <tr><td>{@code collections.OrderedDict}</td><td>{@link PyOrderedDict}</td></tr>
 *   <tr><td>{@code set}</td><td>{@link java.util.LinkedHashSet}, stream order kept (dumps: any Set)</td></tr>
 *   <tr><td>{@code frozenset}</td><td>{@link PyFrozenSet}</td></tr>
 *   <tr><td>{@code datetime.date}</td><td>{@link java.time.LocalDate}</td></tr>
 *   <tr><td>{@code datetime.time} naive / with fixed offset</td><td>{@link java.time.LocalTime} /
 *       {@link java.time.OffsetTime}</td></tr>
 *   <tr><td>{@code datetime.datetime} naive / with fixed offset</td><td>{@link java.time.LocalDateTime} /
 *       {@link java.time.OffsetDateTime} (microseconds kept)</td></tr>
 *   <tr><td>{@code datetime.datetime} with a {@code zoneinfo.ZoneInfo}</td><td>{@link java.time.ZonedDateTime}
 *       (fold ⇄ the later offset of an overlap)</td></tr>
 *   <tr><td>{@code datetime.timedelta}</td><td>{@link java.time.Duration}</td></tr>
 *   <tr><td>{@code zoneinfo.ZoneInfo}</td><td>{@link java.time.ZoneId} (a region)</td></tr>
 *   <tr><td>{@code datetime.timezone} (unnamed)</td><td>{@link java.time.ZoneOffset}</td></tr>
 *   <tr><td>{@code decimal.Decimal} (finite, not -0)</td><td>{@link java.math.BigDecimal}</td></tr>
 *   <tr><td>a class or function reference</td><td>{@link PyGlobal}; {@code getattr(global, name)} (bound
 *       classmethods): {@link PyAttribute}</td></tr>
 *   <tr><td>{@code pickle.PickleBuffer}</td><td>{@link PickleBuffer}</td></tr>
 *   <tr><td>an instance of another class</td><td>a registered {@link PyClass}'s object, or a
 *       {@link PyObject} stub (allowed names / stub mode); dumps: {@link DispatchTable} reducers</td></tr>
 * </table>
 *
 * <p>Shared and recursive references are kept: the memo is by identity, so two equal lists stay two
 * lists and a list that contains itself loads as one. Values Python has and java.time/BigDecimal
 * cannot hold (fold=1 on a naive or fixed-offset value, a wall time in a DST gap, a named timezone,
 * {@code time} with a ZoneInfo, NaN/Infinity/-0 decimals) load as {@link PyObject}
 * stubs of their known class and dump back unchanged.
 *
 * <p>Loading is deny by default: see {@link Globals}.
 */
public final class Pickle {
    /** The highest protocol this module reads and writes: 5. */
    public static final int HIGHEST_PROTOCOL = 5;
    /** CPython 3.13's {@code pickle.DEFAULT_PROTOCOL}: 4. */
    public static final int DEFAULT_PROTOCOL = 4;

    private Pickle() {
    }

    /** {@code pickle.dumps(obj)} at {@link #DEFAULT_PROTOCOL}. */
    public static byte[] dumps(Object obj) {
        return dumps(obj, DEFAULT_PROTOCOL);
    }

    /** {@code pickle.dumps(obj, protocol)}; a negative protocol means {@link #HIGHEST_PROTOCOL}. */
    public static byte[] dumps(Object obj, int protocol) {
        PickleOutput out = new PickleOutput(null);
        new Pickler(out, protocol).dump(obj);
        return out.toByteArray();
    }

    /** {@code pickle.loads(data)} with the default {@link Globals#builtins()} policy. */
    public static Object loads(byte[] data) {
        return new Unpickler(Objects.requireNonNull(data, "data")).load();
    }

    /** {@code pickle.loads(data)} with the given global policy. */
    public static Object loads(byte[] data, Globals globals) {
        return new Unpickler(data).globals(globals).load();
    }

    /** A convenience for tests and tools: loads from a copy of {@code data} read as a stream. */
    static Object loadsStreaming(byte[] data) {
        return new Unpickler(new ByteArrayInputStream(data)).load();
    }
}
