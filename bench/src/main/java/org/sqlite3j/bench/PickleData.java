package org.sqlite3j.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sqlite3j.pickle.Pickle;

/**
 * The three pickle workloads, built exactly as {@code bench_cpython.py} builds them, so that both
 * sides pickle the same object graph (same types, same insertion order, same shared objects):
 *
 * <ul>
 * <li><b>small</b>: {@code [{'id': i, 'name': f'name-{i}', 'score': i * 0.25, 'tags': [f't{i % 10}', 'x']}
 *     for i in range(records)]} — a list of small dicts, the common case of a pickled column or
 *     message. Literal keys and {@code 'x'} are one shared object each on both sides (interned
 *     literals), so they hit the memo the same way.
 * <li><b>bytes</b>: one {@code bytes} value of {@code BYTES} (10 MiB), byte {@code k} = {@code k % 256}
 *     ({@code bytes(range(256)) * 40960}).
 * <li><b>deep</b>: {@code CHAINS} chains of nested dicts {@code {'level': d, 'next': <child or None>}},
 *     {@code DEPTH} deep each, in one list: deep recursion and memo traffic, 100,000 dicts.
 * </ul>
 *
 * {@code java -cp benchmarks.jar org.sqlite3j.bench.PickleData} prints the SHA-256 of each pickle this
 * module writes; {@code bench_cpython.py --pickle-digests} prints CPython's, and {@code run.sh} checks
 * that they are the same bytes.
 */
public final class PickleData {

    private PickleData() {
    }

    /** Records in the small-dicts workload. */
    public static final int RECORDS = 100_000;
    /** Size of the bytes workload: 10 MiB. */
    public static final int BYTES = 10 * 1024 * 1024;
    /** Chains and depth of the deep workload (CHAINS x DEPTH dicts). */
    public static final int CHAINS = 1000;
    public static final int DEPTH = 100;

    /** The small-dicts workload as sqlite3j's value model (LinkedHashMap, ArrayList, Long, Double). */
    public static List<Object> small(int records) {
        List<Object> list = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            Map<String, Object> d = new LinkedHashMap<>(8);
            d.put("id", (long) i);
            d.put("name", "name-" + i);
            d.put("score", i * 0.25);
            List<Object> tags = new ArrayList<>(2);
            tags.add("t" + (i % 10));
            tags.add("x");
            d.put("tags", tags);
            list.add(d);
        }
        return list;
    }

    /**
     * The floor under any identity-memo pickler of this data: visits every container, entry and item in
     * the order a pickler does, takes the identity hash of every object an identity memo must look up
     * (containers and strings) and reads every character of every string, and writes nothing. What this
     * costs a record is time no {@code dumps} of the same data in this JVM can go below.
     */
    public static long walk(Object o) {
        if (o instanceof String s) {
            long t = System.identityHashCode(s);
            for (int i = 0; i < s.length(); i++) {
                t += s.charAt(i);
            }
            return t;
        } else if (o instanceof Long l) {
            return l;
        } else if (o instanceof Double d) {
            return Double.doubleToRawLongBits(d);
        } else if (o instanceof Map<?, ?> m) {
            long t = System.identityHashCode(m);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                t += walk(e.getKey()) + walk(e.getValue());
            }
            return t;
        } else if (o instanceof List<?> l) {
            long t = System.identityHashCode(l);
            for (int i = 0; i < l.size(); i++) {
                t += walk(l.get(i));
            }
            return t;
        }
        throw new IllegalArgumentException("not in the workloads: " + (o == null ? "None" : o.getClass()));
    }

    /** The variable text of the small-dicts workload as a pickle holds it: record i's name and tag as bytes. */
    public static byte[][] smallText(int records) {
        byte[][] text = new byte[2 * records][];
        for (int i = 0; i < records; i++) {
            text[2 * i] = ("name-" + i).getBytes(StandardCharsets.UTF_8);
            text[2 * i + 1] = ("t" + (i % 10)).getBytes(StandardCharsets.UTF_8);
        }
        return text;
    }

    /**
     * The floor under any {@code loads} of the small-dicts pickle into this value model: allocates what a
     * loader must (the list, each dict with its table and entries, two new strings from their bytes, a
     * Long, a Double, the tag list), the keys and {@code 'x'} one object each as the memo hands them out,
     * and parses, dispatches and memoizes nothing. What this costs a record is time no {@code loads} of
     * the same pickle in this JVM can go below.
     */
    public static List<Object> build(byte[][] text) {
        int records = text.length / 2;
        String id = "id";
        String name = "name";
        String score = "score";
        String tags = "tags";
        String x = "x";
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            Map<String, Object> d = new LinkedHashMap<>(8);
            d.put(id, (long) i);
            d.put(name, new String(text[2 * i], StandardCharsets.ISO_8859_1));
            d.put(score, i * 0.25);
            List<Object> t = new ArrayList<>(2);
            t.add(new String(text[2 * i + 1], StandardCharsets.ISO_8859_1));
            t.add(x);
            d.put(tags, t);
            list.add(d);
        }
        return list;
    }

    /**
     * A second floor for {@code loads}: an interpreter of exactly the opcodes CPython writes for the small
     * dicts at protocol 5, stack and memo in plain arrays (the memo in 16,384-entry chunks, as ours: one
     * growing array becomes a humongous G1 object rescanned at every young collection, 3x slower), its
     * state in locals, and no checks beyond Java's own (no bounds on lengths or memo, no frame or mark
     * validation, no hostile input handled).
     * Not a loader, a measure: what the stack-machine walk of this pickle costs on this JVM, one opcode
     * at a time as the format is written, when nothing else is done.
     */
    @SuppressWarnings("unchecked")
    public static Object loadsUnchecked(byte[] b) {
        int pos = 0;
        int sp = 0;
        Object[] stack = new Object[64];
        int[] marks = new int[16];
        int markCount = 0;
        Object[][] memo = new Object[8][];
        int memoSize = 0;
        while (true) {
            int op = b[pos++] & 0xff;
            switch (op) {
                case 0x80 -> pos++; // PROTO
                case 0x95 -> pos += 8; // FRAME
                case ']' -> stack[sp++] = new ArrayList<>(0);
                case '}' -> stack[sp++] = new LinkedHashMap<>(8);
                case 0x94 -> { // MEMOIZE
                    int chunk = memoSize >>> MEMO_SHIFT;
                    if (chunk == memo.length) {
                        memo = Arrays.copyOf(memo, chunk * 2);
                    }
                    if (memo[chunk] == null) {
                        memo[chunk] = new Object[1 << MEMO_SHIFT];
                    }
                    memo[chunk][memoSize++ & MEMO_MASK] = stack[sp - 1];
                }
                case '(' -> {
                    if (markCount == marks.length) {
                        marks = Arrays.copyOf(marks, markCount * 2);
                    }
                    marks[markCount++] = sp;
                }
                case 'h' -> stack[sp++] = memo[0][b[pos++] & 0xff]; // BINGET
                case 'j' -> { // LONG_BINGET
                    int i = le32(b, pos);
                    stack[sp++] = memo[i >>> MEMO_SHIFT][i & MEMO_MASK];
                    pos += 4;
                }
                case 'K' -> stack[sp++] = (long) (b[pos++] & 0xff); // BININT1
                case 'M' -> { // BININT2
                    stack[sp++] = (long) ((b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8);
                    pos += 2;
                }
                case 'J' -> { // BININT
                    stack[sp++] = (long) le32(b, pos);
                    pos += 4;
                }
                case 0x8c -> { // SHORT_BINUNICODE, ASCII here
                    int n = b[pos++] & 0xff;
                    stack[sp++] = new String(b, pos, n, StandardCharsets.ISO_8859_1);
                    pos += n;
                }
                case 'G' -> { // BINFLOAT
                    long v = 0;
                    for (int i = 0; i < 8; i++) {
                        v = v << 8 | (b[pos + i] & 0xff);
                    }
                    pos += 8;
                    stack[sp++] = Double.longBitsToDouble(v);
                }
                case 'e' -> { // APPENDS
                    int m = marks[--markCount];
                    ArrayList<Object> l = (ArrayList<Object>) stack[m - 1];
                    l.ensureCapacity(l.size() + sp - m);
                    for (int i = m; i < sp; i++) {
                        l.add(stack[i]);
                    }
                    sp = m;
                }
                case 'u' -> { // SETITEMS
                    int m = marks[--markCount];
                    Map<Object, Object> d = (Map<Object, Object>) stack[m - 1];
                    for (int i = m; i < sp; i += 2) {
                        d.put(stack[i], stack[i + 1]);
                    }
                    sp = m;
                }
                case '.' -> {
                    return stack[sp - 1];
                }
                default -> throw new IllegalArgumentException("not an opcode of the small-dicts pickle: " + op);
            }
            if (sp + 2 >= stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
            }
        }
    }

    private static final int MEMO_SHIFT = 14;
    private static final int MEMO_MASK = (1 << MEMO_SHIFT) - 1;

    private static int le32(byte[] b, int pos) {
        return (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | b[pos + 3] << 24;
    }

    /** The 10 MiB bytes value. */
    public static byte[] bytes() {
        byte[] b = new byte[BYTES];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) k;
        }
        return b;
    }

    /** The deep workload: CHAINS chains of DEPTH nested dicts. */
    public static List<Object> deep() {
        List<Object> chains = new ArrayList<>(CHAINS);
        for (int c = 0; c < CHAINS; c++) {
            Object node = null;
            for (int d = DEPTH - 1; d >= 0; d--) {
                Map<String, Object> m = new LinkedHashMap<>(4);
                m.put("level", (long) d);
                m.put("next", node);
                node = m;
            }
            chains.add(node);
        }
        return chains;
    }

    /** Fails the benchmark when a loaded small-dicts value is not the expected one (checked once per trial). */
    public static void checkSmall(String what, Object loaded, int records) {
        if (!(loaded instanceof List<?> list) || list.size() != records) {
            throw new IllegalStateException(what + " gave " + describe(loaded) + ", expected " + records + " dicts");
        }
        Object last = list.get(records - 1);
        if (!(last instanceof Map<?, ?> m) || !("name-" + (records - 1)).equals(m.get("name"))
                || ((Number) m.get("id")).longValue() != records - 1) {
            throw new IllegalStateException(what + ": last record is " + last);
        }
    }

    /** Fails the benchmark when a loaded deep value is not CHAINS chains of DEPTH dicts. */
    public static void checkDeep(String what, Object loaded) {
        if (!(loaded instanceof List<?> list) || list.size() != CHAINS) {
            throw new IllegalStateException(what + " gave " + describe(loaded) + ", expected " + CHAINS + " chains");
        }
        for (Object chain : list) {
            int depth = 0;
            Object node = chain;
            while (node != null) {
                node = ((Map<?, ?>) node).get("next");
                depth++;
            }
            if (depth != DEPTH) {
                throw new IllegalStateException(what + ": a chain " + depth + " deep, expected " + DEPTH);
            }
        }
    }

    /** Fails the benchmark when a loaded bytes value is not the original. */
    public static void checkBytes(String what, Object loaded, byte[] expected) {
        if (!(loaded instanceof byte[] b) || !java.util.Arrays.equals(b, expected)) {
            throw new IllegalStateException(what + " gave " + describe(loaded) + ", expected the " + expected.length
                    + "-byte value");
        }
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getName()
                + (o instanceof List<?> l ? " of " + l.size() : o instanceof byte[] b ? " of " + b.length : "");
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints "name protocol length sha256" for each workload's pickle, in bench_cpython.py's format. */
    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : RECORDS;
        Object[][] cases = {{"small", small(records)}, {"bytes", bytes()}, {"deep", deep()}};
        for (Object[] c : cases) {
            for (int protocol : new int[] {4, 5}) {
                byte[] p = Pickle.dumps(c[1], protocol);
                System.out.println(c[0] + " " + protocol + " " + p.length + " " + sha256(p));
            }
        }
    }
}
