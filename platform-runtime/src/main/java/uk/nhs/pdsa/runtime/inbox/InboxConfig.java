package uk.nhs.pdsa.runtime.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pdsa.inbox")
public interface InboxConfig {
    /**
     * Attempts per event before the channel gives up. With the defaults: waits of 0.5, 1, 2, 4, 8, 16 and 30 s,
     * so a database or broker blip of about a minute heals without a restart.
     */
    @WithDefault("8")
    int maxAttempts();

    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();
}
