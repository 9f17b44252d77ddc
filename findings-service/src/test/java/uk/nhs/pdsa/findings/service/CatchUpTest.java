package uk.nhs.pdsa.findings.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CatchUpTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void shouldDeferWhileTheConsumerReadsOldRecordsAndResumeOnceItIsIdleOrLive() {
        FindingWorker.CatchUp catchUp = new FindingWorker.CatchUp(Duration.ofSeconds(10), Duration.ofSeconds(1));
        assertThat(catchUp.defer(NOW)).as("nothing consumed yet").isFalse();

        catchUp.batchConsumed(NOW, NOW.minus(Duration.ofHours(3)));
        assertThat(catchUp.defer(NOW.plusMillis(500))).as("a rebuild batch half a second ago").isTrue();
        assertThat(catchUp.defer(NOW.plusMillis(1001))).as("no batch for over a second: caught up").isFalse();

        catchUp.batchConsumed(NOW, NOW.minusMillis(40));
        assertThat(catchUp.defer(NOW.plusMillis(10))).as("live records").isFalse();

        catchUp.batchConsumed(NOW, NOW.minusSeconds(10));
        assertThat(catchUp.defer(NOW)).as("exactly at the threshold counts as live").isFalse();

        catchUp.batchConsumed(NOW, NOW.minusSeconds(30));
        catchUp.batchConsumed(NOW.plusMillis(200), NOW.plusMillis(150));
        assertThat(catchUp.defer(NOW.plusMillis(250))).as("back to live records: at once, no idle wait").isFalse();
    }
}
