package uk.nhs.pdsa.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A concerning finding has become someone's job: an improvement need for one organisation (and
 * microsystem) and metric, to be answered by {@code dueBy}.
 * Schema: {@code docs/events/nhs.pdsa.improvement-need.opened.v1.schema.json}.
 */
public record ImprovementNeedOpened(
        UUID needId,
        String organisation,
        String microsystem,
        String audit,
        String metric,
        UUID findingId,
        String period,
        Instant openedAt,
        LocalDate dueBy) {
}
