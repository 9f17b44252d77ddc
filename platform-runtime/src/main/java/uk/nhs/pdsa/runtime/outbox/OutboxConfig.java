package uk.nhs.pdsa.runtime.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pdsa.outbox")
public interface OutboxConfig {
    /** CloudEvents {@code source} of everything this service publishes. */
    String source();

    /**
     * False keeps events in the outbox unpublished ({@code OUTBOX_RELAY}): for an instance that rebuilds its state
     * from the topics to be compared, whose events would only repeat what was published before.
     */
    @WithDefault("true")
    boolean relay();

    /** How often the relay looks for rows anyway; a commit that wrote outbox rows wakes it at once. */
    @WithDefault("1s")
    Duration pollInterval();

    /** When the first poll runs after start. */
    @WithDefault("1s")
    Duration pollDelay();

    /** How long a stopping service waits for the batch in hand ({@code SHUTDOWN_TIMEOUT}). */
    @WithDefault("30s")
    Duration shutdownTimeout();

    /** Rows per relay batch: one select, one in-doubt mark, one flush of the producer and one delete each. */
    @WithDefault("2000")
    int batchSize();

    /** How long to wait for the broker's acknowledgement before the batch is retried. */
    @WithDefault("35s")
    Duration sendTimeout();
}
