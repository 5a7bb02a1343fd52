package org.sqlite3j.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.sqlite3j.pickle.Pickle;

/**
 * Paired A/B timing of {@code Pickle.dumps} (or {@code Pickle.loads}) on the small-dicts workload, for changes too small to
 * see across separate JMH runs on a noisy machine (the same jar measured 57 and 84 ms per dumps an hour
 * apart here). Each variant is a directory of {@code org/sqlite3j/pickle} classes put in front of this
 * jar in its own class loader, with its own copy of the data; the variants take turns, one dumps each,
 * and the report gives each variant's median and the median of its per-round ratio to the first one.
 * Each round starts with the next variant, so that none gains from always coming after another.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp bench/target/benchmarks.jar org.sqlite3j.bench.PairedPickle \
 *      bench/target/benchmarks.jar 5 60 OTHER_CLASSES - pyrolite
 * </pre>
 *
 * where {@code OTHER_CLASSES} is a directory holding another build's {@code org/sqlite3j/pickle/*}
 * (unzipped from its benchmarks.jar), {@code -} the jar's own classes.
 *
 * Arguments: the jar, the protocol, the rounds (the first 10 are warm-up), then the variants; a variant
 * written {@code dir@p} uses protocol {@code p}, and {@code pyrolite} is Pyrolite's dumps of the same data.
 * A protocol written {@code loadsP} (for instance {@code loads5}) times {@code Pickle.loads} of the
 * workload's protocol-P pickle instead, each variant reading the bytes its own build wrote.
 * An identical pair reads within 0.95–1.05 here.
 */
public final class PairedPickle {
    private PairedPickle() {
    }

    /** With {@code -Dpaired.cpu=true}, times this thread's CPU time instead of wall time. */
    private static final boolean CPU = Boolean.getBoolean("paired.cpu");
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    static long now() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** A protocol argument {@code loadsP}: times loads of a protocol-P pickle (encoded as -1 - P). */
    private static final String LOADS = "loads";

    /**
     * Times one {@code dumps} of the small-dicts workload (its own copy), in records per second; a
     * negative protocol {@code -1 - P} times one {@code loads} of its protocol-P pickle instead.
     */
    abstract static class Timed implements ToDoubleFunction<Integer> {
        final List<Object> small = PickleData.small(PickleData.RECORDS);
        private byte[] pickled;

        abstract byte[] dumps(int protocol) throws java.io.IOException;

        Object loads(byte[] data) {
            throw new UnsupportedOperationException("this variant only dumps");
        }

        @Override
        public double applyAsDouble(Integer protocol) {
            if (protocol < 0) {
                if (pickled == null) {
                    pickled = Pickle.dumps(small, -1 - protocol);
                }
                // each loads keeps all it builds until it returns, so which round a young collection lands
                // in decides its time (p25-p75 spread 2x): start every loads from an empty young generation
                System.gc();
            }
            long t0 = now();
            int size;
            try {
                size = protocol < 0 ? ((List<?>) loads(pickled)).size() : dumps(protocol).length;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long dt = now() - t0;
            if (size < PickleData.RECORDS) {
                throw new IllegalStateException("result too short: " + size);
            }
            return PickleData.RECORDS / (dt / 1e9);
        }
    }

    /** One variant's {@code Pickle.dumps} / {@code Pickle.loads}, loaded in the variant's class loader. */
    public static final class Runner extends Timed {
        public Runner() {
        }

        @Override
        byte[] dumps(int protocol) {
            return Pickle.dumps(small, protocol);
        }

        @Override
        Object loads(byte[] data) {
            return Pickle.loads(data);
        }
    }

    /**
     * Pyrolite's {@code Pickler().dumps} (protocol 2) of the same workload, or its {@code Unpickler().loads}
     * of the same bytes ours reads: the variant named {@code pyrolite}.
     */
    public static final class PyroliteRunner extends Timed {
        public PyroliteRunner() {
        }

        @Override
        byte[] dumps(int ignored) throws java.io.IOException {
            return new net.razorvine.pickle.Pickler().dumps(small);
        }

        @Override
        Object loads(byte[] data) {
            try {
                return new net.razorvine.pickle.Unpickler().loads(data);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** {@code P} for dumps at protocol P, {@code loadsP} for loads of a protocol-P pickle (as -1 - P). */
    private static int protocolCode(String arg) {
        return arg.startsWith(LOADS) ? -1 - Integer.parseInt(arg.substring(LOADS.length())) : Integer.parseInt(arg);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || Integer.parseInt(args[2]) <= 10) {
            System.err.println("usage: PairedPickle JAR PROTOCOL ROUNDS VARIANT...   (PROTOCOL: P or loadsP; ROUNDS > 10;"
                    + " VARIANT: class dir, '-', dir@protocol or pyrolite)");
            System.exit(2);
        }
        URL jar = Path.of(args[0]).toUri().toURL();
        int protocol = protocolCode(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<String> names = List.of(args).subList(3, args.length);
        List<ToDoubleFunction<Integer>> runners = new ArrayList<>();
        List<Integer> protocols = new ArrayList<>();
        for (String name : names) {
            int at = name.indexOf('@');
            String dir = at < 0 ? name : name.substring(0, at);
            protocols.add(at < 0 ? protocol : protocolCode(name.substring(at + 1)));
            List<URL> urls = new ArrayList<>();
            boolean pyrolite = dir.equals("pyrolite");
            if (!dir.equals("-") && !pyrolite) {
                urls.add(Path.of(dir).toUri().toURL());
            }
            urls.add(jar);
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            @SuppressWarnings("unchecked")
            ToDoubleFunction<Integer> r = (ToDoubleFunction<Integer>) loader
                    .loadClass((pyrolite ? PyroliteRunner.class : Runner.class).getName())
                    .getDeclaredConstructor().newInstance();
            runners.add(r);
        }
        List<List<Double>> results = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            results.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < runners.size(); j++) {
                int i = (round + j) % runners.size(); // each round starts at the next variant: no position bias
                double v = runners.get(i).applyAsDouble(protocols.get(i));
                if (round >= 10) {
                    results.get(i).add(v);
                }
            }
        }
        for (int i = 0; i < runners.size(); i++) {
            List<Double> l = new ArrayList<>(results.get(i));
            Collections.sort(l);
            System.out.printf("%-40s median %,.0f records/s (p25 %,.0f, p75 %,.0f)%n", names.get(i),
                    l.get(l.size() / 2), l.get(l.size() / 4), l.get(3 * l.size() / 4));
        }
        for (int i = 1; i < runners.size(); i++) {
            List<Double> q = new ArrayList<>();
            for (int k = 0; k < results.get(0).size(); k++) {
                q.add(results.get(i).get(k) / results.get(0).get(k));
            }
            Collections.sort(q);
            System.out.printf("%-40s / %s: median ratio %.3f (p25 %.3f, p75 %.3f)%n", names.get(i), names.get(0),
                    q.get(q.size() / 2), q.get(q.size() / 4), q.get(3 * q.size() / 4));
        }
    }
}
