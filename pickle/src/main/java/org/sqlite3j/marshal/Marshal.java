package org.sqlite3j.marshal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.sqlite3j.pickle.PyGlobal;

/**
 * Python's {@code marshal} module (CPython 3.13) over the pickle module's value model: the format
 * of {@code .pyc} files and of {@code marshal.dumps}, versions 0–4.
 *
 * <table>
 *   <caption>Python type ⇄ Java type (loads gives / dumps accepts)</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>{@code None}</td><td>{@code null}</td></tr>
 *   <tr><td>{@code bool}</td><td>{@link Boolean}</td></tr>
 *   <tr><td>{@code int}</td><td>{@link Long} when it fits 64 bits, else {@link java.math.BigInteger}
 *       (dumps also takes Integer, Short, Byte)</td></tr>
 *   <tr><td>{@code float}</td><td>{@link Double} (dumps also takes Float)</td></tr>
 *   <tr><td>{@code complex}</td><td>{@link org.sqlite3j.pickle.PyComplex}</td></tr>
 *   <tr><td>{@code str}</td><td>{@link String} (lone surrogates kept)</td></tr>
 *   <tr><td>{@code bytes}</td><td>{@code byte[]} (dumps also takes {@link org.sqlite3j.pickle.PyByteArray},
 *       written as bytes as CPython writes any buffer)</td></tr>
 *   <tr><td>{@code tuple}</td><td>{@link org.sqlite3j.pickle.PyTuple}</td></tr>
 *   <tr><td>{@code list}</td><td>{@link java.util.ArrayList} (dumps: any {@link java.util.List})</td></tr>
 *   <tr><td>{@code dict}</td><td>{@link java.util.LinkedHashMap} (dumps: any Map but
 *       {@link org.sqlite3j.pickle.PyOrderedDict}, which CPython's marshal refuses too)</td></tr>
 *   <tr><td>{@code set}</td><td>{@link java.util.LinkedHashSet} (dumps: any Set)</td></tr>
 *   <tr><td>{@code frozenset}</td><td>{@link org.sqlite3j.pickle.PyFrozenSet}</td></tr>
 *   <tr><td>{@code Ellipsis}, {@code StopIteration}</td><td>{@link #ELLIPSIS}, {@link #STOP_ITERATION}</td></tr>
 *   <tr><td>code object</td><td>{@link PyCode} (loads only)</td></tr>
 * </table>
 *
 * <p>Versions 0–2 write CPython's exact bytes (sets in CPython's sorted order). Versions 3–4 add
 * references: a container (list, dict, set, frozenset, tuple), bytes, bytearray, str of 64 chars or
 * more or int beyond 64 bits met again (the same Java object) is written as a reference to its first
 * occurrence, so CPython loads the same values with the same sharing, recursive containers included;
 * smaller immutables are written in full each time. (CPython flags the objects whose reference count
 * exceeds one, so its bytes can differ; the rule is {@code MarshalWriter}'s.)
 * Everything CPython writes loads, references and recursive lists and dicts included.
 *
 * <p>Errors are CPython's, as {@link MarshalError} subclasses: {@link ValueError}, {@link EOFError},
 * {@link TypeError}, {@link UnicodeDecodeError}, {@link SystemError}. Hostile input never allocates
 * beyond what the data holds nor recurses deeper than 2000 levels. Stateless and thread-safe.
 */
public final class Marshal {
    /** CPython 3.13's {@code marshal.version}: 4, the version {@link #dumps(Object)} writes. */
    public static final int VERSION = 4;
    /** Python's {@code Ellipsis} ({@code ...}): the same {@link PyGlobal} pickle gives for it. */
    public static final PyGlobal ELLIPSIS = new PyGlobal("builtins", "Ellipsis");
    /** Python's {@code StopIteration} class, which marshal stores as a singleton; pickle's {@link PyGlobal}. */
    public static final PyGlobal STOP_ITERATION = new PyGlobal("builtins", "StopIteration");

    private Marshal() {
    }

    /** {@code marshal.dumps(value)}: version {@link #VERSION}. */
    public static byte[] dumps(Object value) {
        return dumps(value, VERSION);
    }

    /**
     * {@code marshal.dumps(value, version)}. As in CPython any int is accepted: below 3 no references,
     * below 2 text floats, from 4 the short ASCII and small tuple forms.
     *
     * @throws ValueError {@code "unmarshallable object"} for a value outside the table above (or a
     *     {@link PyCode}), {@code "object too deeply nested to marshal"} beyond 2000 levels
     * @throws TypeError {@code "unhashable type: 'list'"} for a map key or set element no Python dict or
     *     set could hold (a list, dict, set, or a tuple holding one)
     */
    public static byte[] dumps(Object value, int version) {
        return MarshalWriter.dumps(value, version);
    }

    /** {@code marshal.dump(value, file)}: writes {@code dumps(value)} to {@code out}. */
    public static void dump(Object value, OutputStream out) throws IOException {
        dump(value, out, VERSION);
    }

    /** {@code marshal.dump(value, file, version)}: writes {@code dumps(value, version)} to {@code out}. */
    public static void dump(Object value, OutputStream out, int version) throws IOException {
        out.write(dumps(value, version));
    }

    /** {@code marshal.loads(data)}: the first value in {@code data}; bytes after it are ignored. */
    public static Object loads(byte[] data) {
        return loads(data, true);
    }

    /**
     * {@code marshal.loads(data, allow_code=allowCode)}.
     *
     * @throws MarshalError for malformed, truncated or hostile data, with CPython's class and message
     */
    public static Object loads(byte[] data, boolean allowCode) {
        Objects.requireNonNull(data, "data");
        return MarshalReader.loads(data, 0, data.length, allowCode);
    }

    /**
     * {@code marshal.load(file)}: reads exactly one value's bytes from {@code in}, leaving the stream
     * just after it (it reads byte by byte where the format needs it: wrap a slow stream in a
     * {@link java.io.BufferedInputStream}, which may then read ahead).
     */
    public static Object load(InputStream in) throws IOException {
        return load(in, true);
    }

    /** {@code marshal.load(file, allow_code=allowCode)}: as {@link #load(InputStream)}. */
    public static Object load(InputStream in, boolean allowCode) throws IOException {
        Objects.requireNonNull(in, "in");
        try {
            return MarshalReader.load(in, allowCode);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads a {@code .pyc} compiled by CPython 3.11–3.13: the header and the module's code object.
     *
     * @throws ValueError for a bad magic number (another CPython release, or not a pyc) or bad flags
     * @throws MarshalError for a malformed body, as {@link #loads(byte[])}
     */
    public static Pyc loadPyc(byte[] data) {
        return Pyc.parse(Objects.requireNonNull(data, "data"));
    }

    /** {@link #loadPyc(byte[])} of a file's content. */
    public static Pyc loadPyc(Path file) throws IOException {
        return Pyc.parse(Files.readAllBytes(file));
    }
}
