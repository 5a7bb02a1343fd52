package org.sqlite3j.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@code -prof org.sqlite3j.bench.CpuTimeProfiler}: the CPU time the whole benchmark JVM used per
 * operation (all threads: the benchmark thread, GC, JIT), as secondary metric {@code cpu.time}.
 *
 * <p>Wall-clock time, JMH's score, grows when other processes compete for the cores; CPU time
 * hardly does, so it is the steadier figure on a shared machine. On an idle machine the two agree
 * up to the work the JVM does on other threads (a parallel GC makes CPU time the larger).
 * {@code bench_cpython.py} reports the same measure for CPython ({@code time.process_time}).
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long startCpu;

    @Override
    public String getDescription() {
        return "process CPU time per operation (all JVM threads)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startCpu = OS.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = OS.getProcessCpuTime() - startCpu;
        long ops = Math.max(1, result.getMetadata().getMeasuredOps());
        return List.of(new ScalarResult("cpu.time", cpu / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }
}
