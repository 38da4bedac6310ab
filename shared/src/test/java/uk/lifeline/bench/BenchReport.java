package uk.lifeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JMH JSON of a {@code bin/bench-codes} run (throughput, with {@link CpuTimeProfiler}) into the
 * Markdown table and target check that docs/performance.md shows, so the document is copied from a run rather
 * than retyped. Stateless.
 */
public final class BenchReport {

    /** Encode and decode may cost at most this many times the per-code KDF and AES-GCM tag. */
    static final double MAX_RATIO_TO_MAC = 2.0;
    /** Codes a second on one core once the ECDH secret is known. */
    static final double MIN_CODES_PER_SECOND = 100_000;

    private BenchReport() {}

    /** One benchmark's figures: wall-clock throughput and the CPU times, each with JMH's 99.9% error. */
    private record Row(
            String name,
            String blocks,
            double opsPerSecond,
            double opsError,
            double threadMicros,
            double threadError,
            double jvmMicros,
            double jvmError) {

        static Row of(JsonNode run) {
            JsonNode wall = run.get("primaryMetric");
            JsonNode thread = run.path("secondaryMetrics").path("cpu.worker");
            JsonNode jvm = run.path("secondaryMetrics").path("cpu.process");
            return new Row(
                    run.get("benchmark").asText().replaceFirst("^.*\\.bench\\.", ""),
                    run.path("params").path("blocks").asText(""),
                    wall.get("score").asDouble(),
                    wall.get("scoreError").asDouble(),
                    thread.path("score").asDouble(Double.NaN),
                    thread.path("scoreError").asDouble(Double.NaN),
                    jvm.path("score").asDouble(Double.NaN),
                    jvm.path("scoreError").asDouble(Double.NaN));
        }

        String key() {
            return name + "/" + blocks;
        }

        double wallMicros() {
            return 1e6 / opsPerSecond;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchReport JMH-RESULT.json");
            System.exit(64);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonNode run : new ObjectMapper().readTree(Paths.get(args[0]).toFile())) {
            Row row = Row.of(run);
            rows.put(row.key(), row);
        }
        System.out.println("| benchmark | blocks | ops/s (wall) | µs/op (wall) | CPU µs/op (thread) | CPU µs/op (JVM) |"
                + " × mac (thread CPU) | × mac (wall) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows.values()) {
            // Looked up by key, not by position: JMH runs "mac" after "decode" and "encode".
            Row mac = rows.get("CodeBenchmark.mac/" + row.blocks());
            // First-order error of 1/x: the same relative error as the throughput.
            double wallError = row.wallMicros() * row.opsError() / row.opsPerSecond();
            System.out.println("| " + row.name() + " | " + row.blocks() + " | "
                    + format("%,.0f ± %,.0f", row.opsPerSecond(), row.opsError()) + " | "
                    + plusMinus(row.wallMicros(), wallError) + " | " + plusMinus(row.threadMicros(), row.threadError())
                    + " | " + plusMinus(row.jvmMicros(), row.jvmError()) + " | "
                    + (mac == null ? "" : format("%.2f", row.threadMicros() / mac.threadMicros())) + " | "
                    + (mac == null ? "" : format("%.2f", row.wallMicros() / mac.wallMicros())) + " |");
        }
        System.out.println();
        Row sha = rows.get("PrimitiveBenchmark.sha256/");
        Row gcm = rows.get("PrimitiveBenchmark.aesGcmTag/");
        Row oneBlockMac = rows.get("CodeBenchmark.mac/1");
        if (sha != null && gcm != null && oneBlockMac != null) {
            double bare = sha.threadMicros() + gcm.threadMicros();
            System.out.println(format(
                    "- bare SHA-256 + AES-GCM tag: %.3f µs of thread CPU; CodeKey.mac (1 block) is" + " %.2f × that",
                    bare, oneBlockMac.threadMicros() / bare));
        }
        for (String blocks : new String[] {"1", "2", "3"}) {
            Row mac = rows.get("CodeBenchmark.mac/" + blocks);
            for (String side : new String[] {"encode", "decode"}) {
                Row row = rows.get("CodeBenchmark." + side + "/" + blocks);
                if (mac == null || row == null) {
                    continue;
                }
                double ratio = row.threadMicros() / mac.threadMicros();
                // One core's worth: the whole JVM's CPU per code, so the collector's share counts too.
                double perCore = 1e6 / row.jvmMicros();
                boolean met = ratio <= MAX_RATIO_TO_MAC && perCore >= MIN_CODES_PER_SECOND;
                System.out.println(format(
                        "- %s, %s block(s): %.2f × mac (thread CPU), %,.0f codes/s per core (JVM CPU),"
                                + " %,.0f codes/s wall: %s",
                        side, blocks, ratio, perCore, row.opsPerSecond(), met ? "target met" : "TARGET MISSED"));
            }
        }
    }

    private static String plusMinus(double value, double error) {
        return Double.isNaN(value) ? "" : format("%.3f ± %.3f", value, error);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
