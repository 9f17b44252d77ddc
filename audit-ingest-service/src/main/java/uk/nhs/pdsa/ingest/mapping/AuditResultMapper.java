package uk.nhs.pdsa.ingest.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.ingest.AuditResult;
import uk.nhs.pdsa.ingest.Metric;

public final class AuditResultMapper {
    private AuditResultMapper() {
    }

    public static AuditResultRecorded toEvent(AuditResult result, Metric metric, Instant recordedAt) {
        return new AuditResultRecorded(result.id, result.revision, result.audit, result.metric, metric.type,
                metric.direction, metric.target, result.organisation, result.microsystem, result.period,
                result.numerator, result.denominator, result.value, recordedAt);
    }

    /** One event per revision, with an id that stays the same if the relay publishes it twice. */
    public static UUID eventId(AuditResult result) {
        return UUID.nameUUIDFromBytes((result.id + "#" + result.revision).getBytes(StandardCharsets.UTF_8));
    }
}
