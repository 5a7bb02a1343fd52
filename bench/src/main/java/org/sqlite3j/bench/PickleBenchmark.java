package org.sqlite3j.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.sqlite3j.pickle.Pickle;

/**
 * Issue 4/8: {@link Pickle#dumps}/{@link Pickle#loads} on the three {@link PickleData} workloads
 * against Pyrolite ({@code net.razorvine:pickle} 1.5, comparison target only) on the same data and
 * {@code bench_cpython.py}'s C pickle.
 *
 * <p>Pyrolite writes only protocol 2 and with its defaults (memo on, values compared by
 * {@code equals}/{@code hashCode}); its loads reads the very protocol-5 bytes ours reads (which are
 * byte for byte CPython's). One operation = one whole workload (100,000 dicts, 10 MiB, 100,000
 * nested dicts); records/s = 100,000 / time per operation, MB/s = 10.49 MB / time.
 *
 * <p>Every operation's result is returned (JMH consumes it); each is run and checked once in the
 * setup (round trip to the same records, Pyrolite included), so a broken benchmark fails the run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1) // G1 sizes its young generation over the first seconds of a load loop
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class PickleBenchmark {

    /** Records of the small-dicts workload (bench_cpython.py --pickle-records). */
    @Param("100000")
    public int records;

    private List<Object> small;
    private byte[] bytes;
    private List<Object> deep;
    private byte[] small5;
    private byte[] bytes5;
    private byte[] deep5;
    private byte[][] smallText;

    @Setup(Level.Trial)
    public void build() throws IOException {
        small = PickleData.small(records);
        bytes = PickleData.bytes();
        deep = PickleData.deep();
        small5 = Pickle.dumps(small, 5);
        bytes5 = Pickle.dumps(bytes, 5);
        deep5 = Pickle.dumps(deep, 5);
        smallText = PickleData.smallText(records);
        PickleData.checkSmall("build(smallText)", PickleData.build(smallText), records);
        PickleData.checkSmall("loadsUnchecked(dumps(small, 5))", PickleData.loadsUnchecked(small5), records);
        PickleData.checkSmall("loads(dumps(small, 5))", Pickle.loads(small5), records);
        PickleData.checkSmall("loads(dumps(small, 4))", Pickle.loads(Pickle.dumps(small, 4)), records);
        PickleData.checkBytes("loads(dumps(bytes, 5))", Pickle.loads(bytes5), bytes);
        PickleData.checkDeep("loads(dumps(deep, 5))", Pickle.loads(deep5));
        // Pyrolite reads what it writes, and our (CPython's) protocol 5
        PickleData.checkSmall("Pyrolite loads(Pyrolite dumps(small))", pyroliteLoads(pyroliteDumps(small)), records);
        PickleData.checkSmall("Pyrolite loads(small, protocol 5)", pyroliteLoads(small5), records);
        PickleData.checkBytes("Pyrolite loads(bytes, protocol 5)", pyroliteLoads(bytes5), bytes);
        PickleData.checkBytes("Pyrolite loads(Pyrolite dumps(bytes))", pyroliteLoads(pyroliteDumps(bytes)), bytes);
        PickleData.checkDeep("Pyrolite loads(deep, protocol 5)", pyroliteLoads(deep5));
        PickleData.checkDeep("Pyrolite loads(Pyrolite dumps(deep))", pyroliteLoads(pyroliteDumps(deep)));
    }

    private static byte[] pyroliteDumps(Object o) throws IOException {
        return new net.razorvine.pickle.Pickler().dumps(o);
    }

    private static Object pyroliteLoads(byte[] b) throws IOException {
        return new net.razorvine.pickle.Unpickler().loads(b);
    }

    // ------------------------------------------------------------------------------ small dicts

    @Benchmark
    public byte[] smallDumps5() {
        return Pickle.dumps(small, 5);
    }

    @Benchmark
    public byte[] smallDumps4() {
        return Pickle.dumps(small, 4);
    }

    /** No pickle: the cost of only visiting the data as a pickler must ({@link PickleData#walk}), a floor for dumps. */
    @Benchmark
    public long smallWalk() {
        return PickleData.walk(small);
    }

    /** Protocol 2, the one Pyrolite writes: the like-for-like comparison with {@link #pyroliteSmallDumps}. */
    @Benchmark
    public byte[] smallDumps2() {
        return Pickle.dumps(small, 2);
    }

    @Benchmark
    public Object smallLoads5() {
        return Pickle.loads(small5);
    }

    /** No pickle: only building the loaded value from its text read ahead ({@link PickleData#build}), a floor for loads. */
    @Benchmark
    public Object smallBuild() {
        return PickleData.build(smallText);
    }

    /** No checks: a bare interpreter of this pickle's opcodes ({@link PickleData#loadsUnchecked}), a floor for loads. */
    @Benchmark
    public Object smallLoadsUnchecked() {
        return PickleData.loadsUnchecked(small5);
    }

    @Benchmark
    public byte[] pyroliteSmallDumps() throws IOException {
        return pyroliteDumps(small);
    }

    @Benchmark
    public Object pyroliteSmallLoads5() throws IOException {
        return pyroliteLoads(small5);
    }

    // ------------------------------------------------------------------------------ 10 MiB bytes
    // One call a millisecond: the code that assembles the result reaches C2 only after 7-10 s here, and
    // until then the 10 MiB array is zeroed before it is filled (C2 leaves out zeroing what a copy
    // straight after the allocation fills). 15 warm-up seconds measure the steady state, for both libraries.

    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public byte[] bytesDumps5() {
        return Pickle.dumps(bytes, 5);
    }

    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public Object bytesLoads5() {
        return Pickle.loads(bytes5);
    }

    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public byte[] pyroliteBytesDumps() throws IOException {
        return pyroliteDumps(bytes);
    }

    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public Object pyroliteBytesLoads5() throws IOException {
        return pyroliteLoads(bytes5);
    }

    // ------------------------------------------------------------------------------ deep graph

    @Benchmark
    public byte[] deepDumps5() {
        return Pickle.dumps(deep, 5);
    }

    @Benchmark
    public Object deepLoads5() {
        return Pickle.loads(deep5);
    }

    @Benchmark
    public byte[] pyroliteDeepDumps() throws IOException {
        return pyroliteDumps(deep);
    }

    @Benchmark
    public Object pyroliteDeepLoads5() throws IOException {
        return pyroliteLoads(deep5);
    }
}
