package uk.lifeline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, next to JMH's wall-clock score: on a machine shared with other builds, time the
 * benchmark thread spends waiting for a core inflates the wall-clock figure but not these. Two figures:
 * {@code cpu.worker} counts only the benchmark threads; {@code cpu.process} counts the whole JVM, so it adds
 * the garbage collector's share of the work (and whatever the JIT compiler still does). Used with
 * {@code -prof uk.lifeline.bench.CpuTimeProfiler}. One instance per fork, called from JMH's runner thread.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private Map<Long, Long> workerCpuAtStart = new HashMap<>();
    private long processCpuAtStart;

    @Override
    public String getDescription() {
        return "CPU time per operation: the benchmark threads, and the whole JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workerCpuAtStart = workerCpu();
        processCpuAtStart = os.getProcessCpuTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // InternalProfiler declares the raw Result.
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long processNanos = os.getProcessCpuTime() - processCpuAtStart;
        long workerNanos = 0;
        for (Map.Entry<Long, Long> now : workerCpu().entrySet()) {
            // A worker started during the iteration was at zero when it began.
            workerNanos += now.getValue() - workerCpuAtStart.getOrDefault(now.getKey(), 0L);
        }
        // All operations, not just the measured ones: the CPU clock ran for the whole iteration.
        double ops = result.getMetadata().getAllOps();
        return Arrays.asList(
                new ScalarResult("cpu.worker", workerNanos / 1e3 / ops, "µs/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process", processNanos / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            // JMH names its benchmark threads "<benchmark>-jmh-worker-<n>".
            if (info != null && info.getThreadName().contains("-jmh-worker-")) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
