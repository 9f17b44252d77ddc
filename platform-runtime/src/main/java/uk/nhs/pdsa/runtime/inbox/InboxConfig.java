package uk.nhs.pdsa.runtime.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pdsa.inbox")
public interface InboxConfig {
    /** Attempts per event before the channel gives up (5 attempts from 500 ms: about 15 s of retries). */
    @WithDefault("5")
    int maxAttempts();

    @WithDefault("500ms")
    Duration initialBackoff();
}
