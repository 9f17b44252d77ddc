package uk.nhs.pdsa.ingest.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pdsa.ingest.AuditResult;
import uk.nhs.pdsa.ingest.AuditResultRevision;
import uk.nhs.pdsa.ingest.service.AuditResultService.Outcome;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditResultView(UUID id, String audit, String metric, String organisation, String microsystem,
        String period, int revision, Long numerator, Long denominator, BigDecimal value, Instant updatedAt,
        String outcome) {

    public static AuditResultView of(AuditResult r, Outcome outcome) {
        return new AuditResultView(r.id, r.audit, r.metric, r.organisation, r.microsystem, r.period, r.revision,
                r.numerator, r.denominator, r.value, r.updatedAt, outcome == null ? null : outcome.name().toLowerCase());
    }

    public record Revision(int revision, Long numerator, Long denominator, BigDecimal value, Instant recordedAt,
            String submittedBy) {
    }

    public record WithHistory(AuditResultView result, List<Revision> revisions) {
    }

    public static WithHistory withHistory(AuditResult r, List<AuditResultRevision> revisions) {
        return new WithHistory(of(r, null), revisions.stream()
                .map(v -> new Revision(v.revision, v.numerator, v.denominator, v.value, v.recordedAt, v.submittedBy))
                .toList());
    }
}
