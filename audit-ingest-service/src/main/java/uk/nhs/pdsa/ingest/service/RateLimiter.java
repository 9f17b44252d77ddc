package uk.nhs.pdsa.ingest.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Submissions per organisation: a token bucket of {@code burst} requests refilled at {@code perMinute} a
 * minute, per instance of the service. A request beyond it is 429 with {@code Retry-After} (whole seconds
 * until one request is allowed again) and is not read at all.
 */
@ApplicationScoped
public class RateLimiter {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(@ConfigProperty(name = "pdsa.ingest.rate-limit.per-minute") int perMinute,
            @ConfigProperty(name = "pdsa.ingest.rate-limit.burst") int burst) {
        this(perMinute, burst, System::nanoTime);
    }

    RateLimiter(int perMinute, int burst, LongSupplier nanos) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("rate limit and burst must be at least 1");
        }
        this.perNano = perMinute / 60e9;
        this.burst = burst;
        this.nanos = nanos;
    }

    /** Takes one request from the organisation's bucket, or throws 429 with the wait. */
    public void acquire(String organisation) {
        long wait = buckets.computeIfAbsent(organisation, o -> new Bucket(burst, nanos.getAsLong())).take(nanos.getAsLong());
        if (wait > 0) {
            throw ProblemException.tooManyRequests("Organisation " + organisation + " has sent more than its "
                    + Math.round(perNano * 60e9) + " requests a minute (bursts up to " + (long) burst + "); retry after "
                    + wait + " s", wait);
        }
    }

    private final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        /** 0 when a token was taken, else the whole seconds until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - at) * perNano);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano / 1e9);
        }
    }
}
