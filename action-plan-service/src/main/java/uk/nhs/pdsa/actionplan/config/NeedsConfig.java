package uk.nhs.pdsa.actionplan.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "pdsa.needs")
public interface NeedsConfig {
    /** How long a team has to answer a need (start a PDSA cycle or record a decision). */
    Duration answerWithin();

    /** Escalation steps after the due date, e.g. {@code 0d:owner,14d:clinical-lead,28d:medical-director}. */
    String escalation();

    /** How often the overdue watch runs (a Quarkus scheduler period such as {@code 15m}, or {@code off}). */
    String checkEvery();

    /** How long after start the first watch runs. */
    String checkDelay();
}
