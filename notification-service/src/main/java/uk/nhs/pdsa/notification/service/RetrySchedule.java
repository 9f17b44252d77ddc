package uk.nhs.pdsa.notification.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: the configured delays, one per retry (e.g. 10s, 1m, 5m, 30m, 2h),
 * each stretched or shrunk by up to {@code jitter} (0.2 = ±20 %) so that receivers that failed together are not
 * hit together again. After the last delay the delivery is dead-lettered.
 */
public final class RetrySchedule {
    private final List<Duration> delays;
    private final double jitter;

    private RetrySchedule(List<Duration> delays, double jitter) {
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
    }

    /** @param text delays like {@code 10s,1m,5m,30m,2h} */
    public static RetrySchedule parse(String text, double jitter) {
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (!p.matches("\\d+[smhd]")) {
                throw new IllegalArgumentException("retry delay '" + p + "' must read <number><s|m|h|d>, e.g. 30s or 5m");
            }
            long n = Long.parseLong(p.substring(0, p.length() - 1));
            delays.add(switch (p.charAt(p.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be at least 0 and below 1");
        }
        return new RetrySchedule(delays, jitter);
    }

    /** How many attempts in all: the first and one per delay. */
    public int attempts() {
        return delays.size() + 1;
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} have failed (1 = the first), or empty when
     * every retry is used.
     *
     * @param random uniform in [0, 1)
     */
    public Optional<Duration> next(int failedAttempts, DoubleSupplier random) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempts - 1);
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.round(base.toMillis() * factor)));
    }
}
