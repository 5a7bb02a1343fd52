package org.sqlite3j.shelve;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.pickle.Pickle;

/**
 * Python's {@code shelve.Shelf}: a persistent {@code Map<String, Object>} over any {@link DbmFile}.
 * Keys are stored encoded with the shelf's key encoding (UTF-8 unless given), values as pickles
 * written at the shelf's protocol ({@link Pickle#DEFAULT_PROTOCOL}, 4, as Python 3.13's shelve,
 * unless given) and read with its {@link ShelfCodec} — deny by default: a class the codec does not
 * know raises {@link org.sqlite3j.pickle.UnpicklingError} naming it, or loads as an inert stub when
 * the codec says so.
 *
 * <table>
 * <caption>Python's calls and these</caption>
 * <tr><th>Python</th><th>Java</th></tr>
 * <tr><td>{@code shelve.Shelf(d, protocol=None, writeback=False, keyencoding="utf-8")}</td>
 *     <td>{@link #Shelf(DbmFile, Integer, boolean, Charset, ShelfCodec)} and shorter forms</td></tr>
 * <tr><td>{@code s[k]} (KeyError when missing)</td><td>{@link #getItem(String)}</td></tr>
 * <tr><td>{@code s.get(k)}, {@code s.get(k, d)}</td><td>{@link #get(Object)}, {@link #getOrDefault}</td></tr>
 * <tr><td>{@code s[k] = v}</td><td>{@link #setItem(String, Object)} ({@link #put} also returns the old value)</td></tr>
 * <tr><td>{@code del s[k]} (KeyError when missing)</td><td>{@link #delItem(String)} ({@link #remove(Object)}: the old value or null)</td></tr>
 * <tr><td>{@code k in s}, {@code len(s)}, {@code iter(s)}</td><td>{@link #containsKey}, {@link #size()}, {@link #keySet()}</td></tr>
 * <tr><td>{@code s.sync()}, {@code s.close()}, {@code with}</td><td>{@link #sync()}, {@link #close()}, try-with-resources</td></tr>
 * <tr><td>{@code s.dict}</td><td>{@link #dict()}</td></tr>
 * </table>
 *
 * <p><b>writeback</b>: when false (the default), a value read is a fresh copy each time, and changing
 * it changes nothing stored ({@code s["list"].add(5)} is lost). When true, every value read or written
 * is kept in a cache and the same object is returned on each read; {@link #sync()} and {@link #close()}
 * pickle every cached value again and store it, so mutations are kept (and the cache is emptied). A
 * write is stored at once in both modes.
 *
 * <p>Errors, as Python's: any use after {@link #close()} raises {@link IllegalStateException}
 * "invalid operation on closed shelf" (Python's ValueError; {@code close()} and {@code sync()} on a
 * closed shelf do nothing); a missing key {@link Dbm.KeyError} with the encoded key (Python's
 * KeyError); a write to a read-only file the backend's {@link Dbm.Error}; a key the key encoding
 * cannot encode {@link IllegalArgumentException} (Python's UnicodeEncodeError).
 *
 * <p>Not thread-safe, like the {@link DbmFile} underneath: one thread at a time.
 */
public class Shelf extends AbstractMap<String, Object> implements AutoCloseable {
    private static final String CLOSED = "invalid operation on closed shelf";

    private DbmFile dict;
    private final int protocol;
    private final boolean writeback;
    private final Charset keyencoding;
    private final ShelfCodec codec;
    private final Map<String, Object> cache = new LinkedHashMap<>();
    private Set<Map.Entry<String, Object>> entries;

    /** {@code shelve.Shelf(dict)}: protocol 4, no writeback, UTF-8 keys, {@link ShelfCodec#defaults()}. */
    public Shelf(DbmFile dict) {
        this(dict, null, false);
    }

    /** {@code shelve.Shelf(dict, protocol, writeback)}; a null protocol is {@link Pickle#DEFAULT_PROTOCOL}. */
    public Shelf(DbmFile dict, Integer protocol, boolean writeback) {
        this(dict, protocol, writeback, StandardCharsets.UTF_8, ShelfCodec.defaults());
    }

    /** {@code shelve.Shelf(dict, protocol, writeback)} loading and dumping with {@code codec}. */
    public Shelf(DbmFile dict, Integer protocol, boolean writeback, ShelfCodec codec) {
        this(dict, protocol, writeback, StandardCharsets.UTF_8, codec);
    }

    /**
     * {@code shelve.Shelf(dict, protocol, writeback, keyencoding)} with {@code codec}.
     *
     * @param dict the open dbm file (any backend); the shelf closes it on {@link #close()}
     * @param protocol the pickle protocol written, 0 to 5 (negative: 5, as Python); null for 4
     * @param writeback whether values read are cached and written back at {@link #sync()}/{@link #close()}
     * @param keyencoding how keys become bytes (Python's {@code keyencoding}, "utf-8" by default)
     * @param codec which classes load and how Java classes are pickled
     */
    public Shelf(DbmFile dict, Integer protocol, boolean writeback, Charset keyencoding, ShelfCodec codec) {
        this.dict = Objects.requireNonNull(dict, "dict");
        int p = protocol == null ? Pickle.DEFAULT_PROTOCOL : protocol < 0 ? Pickle.HIGHEST_PROTOCOL : protocol;
        if (p > Pickle.HIGHEST_PROTOCOL) {
            throw new IllegalArgumentException("pickle protocol must be <= " + Pickle.HIGHEST_PROTOCOL + ", got " + p);
        }
        this.protocol = p;
        this.writeback = writeback;
        this.keyencoding = Objects.requireNonNull(keyencoding, "keyencoding");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** A key encoding by Python's name ("utf-8", "latin-1", "ascii", ...) or Java's. */
    public static Charset keyencoding(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        switch (n) {
            case "latin-1": case "latin1": case "l1": case "iso-8859-1": return StandardCharsets.ISO_8859_1;
            case "ascii": case "us-ascii": return StandardCharsets.US_ASCII;
            case "utf8": case "utf-8": return StandardCharsets.UTF_8;
            default: return Charset.forName(name);
        }
    }

    // ---- Python's mapping ----

    /** {@code s[key]}: the value (the cached one in writeback mode); {@link Dbm.KeyError} when missing. */
    public Object getItem(String key) {
        DbmFile d = open();
        if (writeback && cache.containsKey(key)) {
            return cache.get(key);
        }
        Object value = codec.loads(d.getItem(encode(key)));
        if (writeback) {
            cache.put(key, value);
        }
        return value;
    }

    /** {@code s.get(key)}: the value, or null when the key is missing (or not a String). */
    @Override
    public Object get(Object key) {
        return getOrDefault(key, null);
    }

    /** {@code s.get(key, default)}. */
    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        DbmFile d = open();
        if (!(key instanceof String k)) {
            return defaultValue;
        }
        return d.containsKey(encode(k)) ? getItem(k) : defaultValue;
    }

    /** {@code s[key] = value}: pickled and stored at once (and cached in writeback mode). */
    public void setItem(String key, Object value) {
        DbmFile d = open();
        Objects.requireNonNull(key, "key");
        byte[] k = encode(key);
        byte[] pickle = codec.dumps(value, protocol);
        if (writeback) {
            cache.put(key, value);
        }
        d.put(k, pickle);
    }

    /**
     * {@code s[key] = value}, returning the previous value as {@link Map#put} does — which means loading
     * it first (an unloadable old value fails before anything is written); {@link #setItem} does not load.
     */
    @Override
    public Object put(String key, Object value) {
        Object old = get(key);
        setItem(key, value);
        return old;
    }

    /** {@code del s[key]}: {@link Dbm.KeyError} when missing; also drops the cached value. */
    public void delItem(String key) {
        DbmFile d = open();
        d.remove(encode(key));
        cache.remove(key);
    }

    /** {@code s.pop(key, None)}: deletes the key and returns its value (loaded first), or null when missing. */
    @Override
    public Object remove(Object key) {
        Object old = get(key);
        if (key instanceof String k && dict.containsKey(encode(k))) {
            delItem(k);
        }
        return old;
    }

    /** {@code key in s}. */
    @Override
    public boolean containsKey(Object key) {
        DbmFile d = open();
        return key instanceof String k && d.containsKey(encode(k));
    }

    /** {@code len(s)}. */
    @Override
    public int size() {
        return open().size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * {@code s.clear()}: deletes every key and empties the cache (without loading the values, which
     * Python's {@code MutableMapping.clear} does one {@code popitem} at a time).
     */
    @Override
    public void clear() {
        DbmFile d = open();
        cache.clear();
        for (byte[] k : d.keys()) {
            d.remove(k);
        }
    }

    /**
     * The entries: iteration is over a snapshot of the keys in the backend's order (Python's
     * {@code iter(s)}), each value loaded when asked for; {@code Iterator.remove} and
     * {@code Entry.setValue} write through.
     */
    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        if (entries == null) {
            entries = new Entries();
        }
        return entries;
    }

    // ---- sync, close ----

    /**
     * {@code s.sync()}: in writeback mode pickles and stores every cached value again and empties the
     * cache; then syncs the dbm file. Does nothing on a closed shelf (as Python's).
     */
    public void sync() {
        if (dict == null) {
            return;
        }
        if (writeback && !cache.isEmpty()) {
            for (Map.Entry<String, Object> e : cache.entrySet()) {
                dict.put(encode(e.getKey()), codec.dumps(e.getValue(), protocol));
            }
            cache.clear();
        }
        dict.sync();
    }

    /**
     * {@code s.close()}: {@link #sync()}, then closes the dbm file — closed even when the sync fails
     * (whose error is then thrown); afterwards every operation raises "invalid operation on closed
     * shelf". A second close does nothing.
     */
    @Override
    public void close() {
        if (dict == null) {
            return;
        }
        DbmFile d = dict;
        try {
            sync();
        } finally {
            dict = null;
            cache.clear();
            d.close();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return dict == null;
    }

    // ---- what Python exposes as attributes ----

    /** {@code s.dict}: the dbm file underneath ({@link IllegalStateException} once closed). */
    public DbmFile dict() {
        return open();
    }

    /** {@code s._protocol}: the pickle protocol values are written with. */
    public int protocol() {
        return protocol;
    }

    /** {@code s.writeback}. */
    public boolean writeback() {
        return writeback;
    }

    /** {@code s.keyencoding}. */
    public Charset keyencoding() {
        return keyencoding;
    }

    /** The codec values are pickled and loaded with. */
    public ShelfCodec codec() {
        return codec;
    }

    /** The class and backend, without loading any value (Python's repr shows neither). */
    @Override
    public String toString() {
        return getClass().getSimpleName() + (dict == null ? "[closed]" : "[" + dict.backend() + "]");
    }

    // ---- for subclasses ----

    /** The open dbm file, or {@link IllegalStateException} "invalid operation on closed shelf". */
    protected final DbmFile open() {
        if (dict == null) {
            throw new IllegalStateException(CLOSED);
        }
        return dict;
    }

    /** The cache of writeback mode (empty otherwise). */
    protected final Map<String, Object> cache() {
        return cache;
    }

    /** {@code key.encode(keyencoding)}, strictly: {@link IllegalArgumentException} for what it cannot encode. */
    protected final byte[] encode(String key) {
        Objects.requireNonNull(key, "key");
        try {
            ByteBuffer b = keyencoding.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(key));
            return Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the key '" + key + "' cannot be encoded in the shelf's keyencoding "
                    + keyencoding.name() + " (Python: UnicodeEncodeError)", e);
        }
    }

    /** {@code key.decode(keyencoding)}, strictly: {@link IllegalArgumentException} for bytes it cannot decode. */
    protected final String decode(byte[] key) {
        try {
            return keyencoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the key " + new String(key, StandardCharsets.ISO_8859_1)
                    + " is not " + keyencoding.name() + " (Python: UnicodeDecodeError)", e);
        }
    }

    /** {@code pickle.loads(data)} with the shelf's codec. */
    protected final Object load(byte[] pickle) {
        return codec.loads(pickle);
    }

    /** The entry set: a view over the keys at the time each iteration starts. */
    private final class Entries extends AbstractSet<Map.Entry<String, Object>> {
        @Override
        public int size() {
            return Shelf.this.size();
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof Map.Entry<?, ?> e && containsKey(e.getKey())
                    && Objects.equals(get(e.getKey()), e.getValue());
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
            List<byte[]> keys = open().keys();
            return new Iterator<>() {
                private int next;
                private String last;

                @Override
                public boolean hasNext() {
                    return next < keys.size();
                }

                @Override
                public Map.Entry<String, Object> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    last = decode(keys.get(next++));
                    return new LazyEntry(last);
                }

                @Override
                public void remove() {
                    if (last == null) {
                        throw new IllegalStateException("next() first");
                    }
                    delItem(last);
                    last = null;
                }
            };
        }
    }

    /** One entry whose value is loaded on first use. */
    private final class LazyEntry implements Map.Entry<String, Object> {
        private final String key;
        private Object value;
        private boolean loaded;

        LazyEntry(String key) {
            this.key = key;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            if (!loaded) {
                value = getItem(key);
                loaded = true;
            }
            return value;
        }

        @Override
        public Object setValue(Object v) {
            Object old = getValue();
            setItem(key, v);
            value = v;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
