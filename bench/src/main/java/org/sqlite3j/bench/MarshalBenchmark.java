package org.sqlite3j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sqlite3j.marshal.Marshal;

/**
 * Issue 18: {@link Marshal#dumps}/{@link Marshal#loads} (version 4, CPython 3.13's default) of the
 * small-dicts workload ({@link PickleData#small}, 100,000 dicts), against {@code bench_persistence.py}'s
 * {@code marshal.dumps}/{@code marshal.loads} of the same list.
 *
 * <p>{@code smallLoads} loads the bytes CPython 3.13 writes (made in the setup by
 * {@code bench_persistence.py --write marshal}, with {@code $PYTHON}, else pyenv's 3.13, else
 * {@code python3}): the same input both sides load. Our version-4 bytes differ from CPython's (the dict
 * keys and {@code 'x'}, which CPython interns and references, are written in full; see
 * {@code MarshalWriter}), so loading our own is {@code smallLoadsOwn}, for context. Every result is
 * checked once in the setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class MarshalBenchmark {

    /** Dicts in the workload (as PickleBenchmark's). */
    @Param("100000")
    public int records;

    private List<Object> small;
    private byte[] cpython;
    private byte[] own;

    @Setup(Level.Trial)
    public void setup() throws IOException, InterruptedException {
        small = PickleData.small(records);
        own = Marshal.dumps(small);
        cpython = cpythonBytes();
        PickleData.checkSmall("Marshal.loads(CPython's marshal.dumps)", Marshal.loads(cpython), records);
        PickleData.checkSmall("Marshal.loads(Marshal.dumps)", Marshal.loads(own), records);
        if (!Marshal.loads(cpython).equals(small) || !Marshal.loads(own).equals(small)) {
            throw new IllegalStateException("marshal round trip: not the workload");
        }
        System.out.println("\nmarshal version 4: ours " + own.length + " bytes, CPython's " + cpython.length);
    }

    private byte[] cpythonBytes() throws IOException, InterruptedException {
        String python = System.getenv("PYTHON");
        if (python == null || python.isEmpty()) {
            Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv/versions/3.13.0/bin/python3");
            python = Files.isExecutable(pyenv) ? pyenv.toString() : "python3";
        }
        Path script = Stream.of("src/main/python/bench_persistence.py", "bench/src/main/python/bench_persistence.py")
                .map(Path::of).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("bench_persistence.py not found from "
                        + Path.of("").toAbsolutePath() + "; run from bench/ or the project root"));
        Path file = Files.createTempFile("sqlite3j-bench-marshal", ".bin");
        try {
            Process p = new ProcessBuilder(python, script.toString(), "--write", "marshal", file.toString(),
                    "--keys", Integer.toString(records)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(python + " could not write the marshal file: " + out);
            }
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Benchmark
    public byte[] smallDumps() {
        return Marshal.dumps(small);
    }

    /**
     * No marshal: only visiting the workload as {@code dumps} must (every list item, dict item, and the
     * chars of every str; no identity hash, nothing written), a floor under {@code smallDumps} in this
     * JVM: the cost of the data's layout in the heap (after a young collection has moved it).
     */
    @Benchmark
    public long smallVisit() {
        return visit(small);
    }

    private static long visit(Object v) {
        if (v instanceof String s) {
            long t = s.length();
            for (int i = 0; i < s.length(); i++) {
                t += s.charAt(i);
            }
            return t;
        } else if (v instanceof Long l) {
            return l;
        } else if (v instanceof Double d) {
            return Double.doubleToRawLongBits(d);
        } else if (v instanceof Map<?, ?> m) {
            long t = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                t += visit(e.getKey()) + visit(e.getValue());
            }
            return t;
        } else if (v instanceof List<?> l) {
            long t = 0;
            for (int i = 0; i < l.size(); i++) {
                t += visit(l.get(i));
            }
            return t;
        }
        throw new IllegalArgumentException("not in the workload: " + (v == null ? "None" : v.getClass()));
    }

    /** Loads the bytes CPython's {@code marshal.dumps} wrote. */
    @Benchmark
    public Object smallLoads() {
        return Marshal.loads(cpython);
    }

    /** Loads our own version-4 bytes (no references: nothing in this workload is a repeated container). */
    @Benchmark
    public Object smallLoadsOwn() {
        return Marshal.loads(own);
    }
}
