package uk.nhs.pdsa.ingest.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.ingest.service.ResultSubmission;

public final class AuditResultMapper {
    private AuditResultMapper() {
    }

    public static AuditResultRecorded toEvent(UUID id, int revision, ResultSubmission s, Metric metric,
            Instant recordedAt) {
        return new AuditResultRecorded(id, revision, s.audit(), s.metric(), metric.type, metric.direction,
                metric.target, s.organisation(), s.microsystem(), s.period(), s.numerator(), s.denominator(), s.value(),
                s.expected(), recordedAt);
    }

    /** The withdrawal of a stored result: its key, no numbers, the reason. */
    public static AuditResultRecorded withdrawn(uk.nhs.pdsa.ingest.AuditResult r, Metric metric, Instant at) {
        return new AuditResultRecorded(r.id, r.revision, r.audit, r.metric, metric.type, metric.direction,
                metric.target, r.organisation, r.microsystem, r.period, null, null, null, null, at,
                new AuditResultRecorded.Withdrawal(r.withdrawnReason, at));
    }

    /** One event per revision, with an id that stays the same if the relay publishes it twice. */
    public static UUID eventId(UUID resultId, int revision) {
        return UUID.nameUUIDFromBytes((resultId + "#" + revision).getBytes(StandardCharsets.UTF_8));
    }

    /** The Kafka key: audit/metric, so one consumer sees every organisation's series of a metric, in order. */
    public static String key(AuditResultRecorded event) {
        return event.audit() + "/" + event.metric();
    }
}
