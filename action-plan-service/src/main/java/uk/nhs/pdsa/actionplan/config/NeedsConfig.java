package uk.nhs.pdsa.actionplan.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "pdsa.needs")
public interface NeedsConfig {
    /** How long a team has to answer a need. */
    Duration answerWithin();
}
