package uk.nhs.pdsa.bench;

import java.util.Arrays;

/** Latency samples in milliseconds; percentiles by the nearest-rank method. Thread-safe. */
public final class Percentiles {
    private long[] samples = new long[1 << 16];
    private int count;

    public synchronized void add(long millis) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = millis;
    }

    public synchronized int count() {
        return count;
    }

    /** The smallest sample with at least {@code p} percent of the samples at or below it; -1 when empty. */
    public synchronized long percentile(double p) {
        if (count == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    public String summary() {
        return String.format("p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (%d samples)", percentile(50), percentile(95),
                percentile(99), percentile(100), count());
    }
}
