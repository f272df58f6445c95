package io.attune.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The table printed at the end. */
final class Report {
    private final List<String> lines = new ArrayList<>();

    void row(String label, String value) {
        lines.add(String.format(Locale.ROOT, "%-19s %s", label, value));
    }

    void latencyHeader() {
        lines.add(String.format(Locale.ROOT, "%-19s %8s %8s %8s %8s %8s", "latency (ms)", "n", "p50", "p95",
                "p99", "max"));
    }

    void latency(String label, List<ExecutionRecord> records, Function<ExecutionRecord, Optional<Duration>> of) {
        latency(label, records.stream().map(of).flatMap(Optional::stream).mapToLong(Duration::toNanos).toArray());
    }

    void latency(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            lines.add(String.format(Locale.ROOT, "%-19s %8d", label, 0));
            return;
        }
        lines.add(String.format(Locale.ROOT, "%-19s %8d %8.1f %8.1f %8.1f %8.1f", label, sorted.length,
                millis(percentile(sorted, 50)), millis(percentile(sorted, 95)), millis(percentile(sorted, 99)),
                millis(sorted[sorted.length - 1])));
    }

    void print() {
        lines.forEach(System.out::println);
    }

    /** Nearest rank: the smallest value with at least {@code p} percent of the values at or below it. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
