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
 * Paired A/B timing of {@code Pickle.dumps} on the small-dicts workload, for changes too small to
 * see across separate JMH runs on a noisy machine (the same jar measured 57 and 84 ms per dumps an hour
 * apart here). Each variant is a directory of {@code org/sqlite3j/pickle} classes put in front of this
 * jar in its own class loader, with its own copy of the data; the variants take turns, one dumps each,
 * and the report gives each variant's median and the median of its per-round ratio to the first one.
 * Each round starts with the next variant, so that none gains from always coming after another.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp bench/target/benchmarks.jar org.sqlite3j.bench.PairedDumps \
 *      bench/target/benchmarks.jar 5 60 OTHER_CLASSES - pyrolite
 * </pre>
 *
 * where {@code OTHER_CLASSES} is a directory holding another build's {@code org/sqlite3j/pickle/*}
 * (unzipped from its benchmarks.jar), {@code -} the jar's own classes.
 *
 * Arguments: the jar, the protocol, the rounds (the first 10 are warm-up), then the variants; a variant
 * written {@code dir@p} uses protocol {@code p}, and {@code pyrolite} is Pyrolite's dumps of the same data.
 * An identical pair reads within 0.95–1.05 here.
 */
public final class PairedDumps {
    private PairedDumps() {
    }

    /** Times one {@code dumps} of the small-dicts workload (its own copy), in records per second. */
    abstract static class Timed implements ToDoubleFunction<Integer> {
        final List<Object> small = PickleData.small(PickleData.RECORDS);

        abstract byte[] dumps(int protocol) throws java.io.IOException;

        @Override
        public double applyAsDouble(Integer protocol) {
            long t0 = System.nanoTime();
            byte[] b;
            try {
                b = dumps(protocol);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long dt = System.nanoTime() - t0;
            if (b.length < PickleData.RECORDS) {
                throw new IllegalStateException("pickle too short: " + b.length);
            }
            return PickleData.RECORDS / (dt / 1e9);
        }
    }

    /** One variant's {@code Pickle.dumps}, loaded in the variant's class loader. */
    public static final class Runner extends Timed {
        public Runner() {
        }

        @Override
        byte[] dumps(int protocol) {
            return Pickle.dumps(small, protocol);
        }
    }

    /** Pyrolite's {@code Pickler().dumps} (protocol 2) of the same workload: the variant named {@code pyrolite}. */
    public static final class PyroliteRunner extends Timed {
        public PyroliteRunner() {
        }

        @Override
        byte[] dumps(int ignored) throws java.io.IOException {
            return new net.razorvine.pickle.Pickler().dumps(small);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || Integer.parseInt(args[2]) <= 10) {
            System.err.println("usage: PairedDumps JAR PROTOCOL ROUNDS VARIANT...   (ROUNDS > 10; VARIANT: class dir, '-', dir@protocol or pyrolite)");
            System.exit(2);
        }
        URL jar = Path.of(args[0]).toUri().toURL();
        int protocol = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<String> names = List.of(args).subList(3, args.length);
        List<ToDoubleFunction<Integer>> runners = new ArrayList<>();
        List<Integer> protocols = new ArrayList<>();
        for (String name : names) {
            int at = name.indexOf('@');
            String dir = at < 0 ? name : name.substring(0, at);
            protocols.add(at < 0 ? protocol : Integer.parseInt(name.substring(at + 1)));
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
