package uk.nhs.pdsa.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.runtime.problem.ProblemException;

class RateLimiterTest {
    private final AtomicLong clock = new AtomicLong();
    /** 60 a minute (one a second), bursts of 3. */
    private final RateLimiter limiter = new RateLimiter(60, 3, clock::get);

    @Test
    void shouldAllowTheBurstThenOneASecondAndSayHowLongToWait() {
        limiter.acquire("RXH");
        limiter.acquire("RXH");
        limiter.acquire("RXH");
        assertThatThrownBy(() -> limiter.acquire("RXH")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.headers()).containsEntry("Retry-After", "1");
            assertThat(e.getMessage()).contains("RXH", "60 requests a minute", "bursts up to 3");
        });
        clock.addAndGet(400_000_000L); // 0.4 s: 0.4 of a request back, 0.6 s still to wait -> 1 s
        assertThatThrownBy(() -> limiter.acquire("RXH")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.headers()).containsEntry("Retry-After", "1"));
        clock.addAndGet(600_000_000L);
        limiter.acquire("RXH");
    }

    @Test
    void shouldKeepEachOrganisationsBucketApart() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("RJ1");
        }
        assertThatThrownBy(() -> limiter.acquire("RJ1")).isInstanceOf(ProblemException.class);
        limiter.acquire("RXH");
    }

    @Test
    void shouldRefillNoFurtherThanTheBurstAndWaitLongerWhenSlow() {
        clock.addAndGet(3_600_000_000_000L); // an hour idle still allows only the burst
        RateLimiter slow = new RateLimiter(2, 1, clock::get); // one every 30 s
        slow.acquire("RXH");
        assertThatThrownBy(() -> slow.acquire("RXH")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.headers()).containsEntry("Retry-After", "30"));
        for (int i = 0; i < 3; i++) {
            limiter.acquire("RXH");
        }
        assertThatThrownBy(() -> limiter.acquire("RXH")).isInstanceOf(ProblemException.class);
    }
}
