package uk.nhs.pdsa.ingest.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pdsa.ingest.AuditResult;
import uk.nhs.pdsa.ingest.AuditResultRevision;
import uk.nhs.pdsa.ingest.service.AuditResultService.Outcome;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditResultView", description = "The current revision of one result; outcome says what the submission did",
        example = """
        {"id": "3d9a5f0e-8f6e-3c1b-9b7e-2f0a4c6d8e10", "audit": "nhfd", "metric": "surgery-within-36h",
         "organisation": "RXH", "microsystem": "trauma-ward-2", "period": "2026-01", "revision": 1, "numerator": 41,
         "denominator": 52, "updatedAt": "2026-02-03T09:15:00Z", "outcome": "created"}""")
public record AuditResultView(UUID id, String audit, String metric, String organisation, String microsystem,
        String period, int revision, Long numerator, Long denominator, BigDecimal value, BigDecimal expected,
        Instant updatedAt, String outcome,
        @Schema(description = "Set when the trust withdrew the result: why and when; the numbers are the last ones it"
                + " sent") Withdrawal withdrawal) {

    @Schema(name = "Withdrawal", example = """
            {"reason": "Submitted against the wrong ward", "withdrawnAt": "2026-02-10T11:02:00Z"}""")
    public record Withdrawal(String reason, Instant withdrawnAt) {
    }

    public static AuditResultView of(AuditResult r, Outcome outcome) {
        return new AuditResultView(r.id, r.audit, r.metric, r.organisation, r.microsystem, r.period, r.revision,
                r.numerator, r.denominator, r.value, r.expected, r.updatedAt, outcome == null ? null : outcome.name().toLowerCase(),
                r.withdrawnAt == null ? null : new Withdrawal(r.withdrawnReason, r.withdrawnAt));
    }

    @Schema(name = "Revision", description = "One accepted version of a result: its numbers, when and by whom", example = """
            {"revision": 2, "numerator": 43, "denominator": 52, "recordedAt": "2026-02-10T11:02:00Z", "submittedBy": "anonymous"}""")
    public record Revision(int revision, Long numerator, Long denominator, BigDecimal value, BigDecimal expected,
            @Schema(description = "Set on a withdrawal (a revision without numbers)") String withdrawnReason,
            Instant recordedAt,
            String submittedBy) {
    }

    @Schema(name = "WithHistory", description = "A result and every revision, oldest first", example = """
            {"result": {"id": "3d9a5f0e-8f6e-3c1b-9b7e-2f0a4c6d8e10", "audit": "nhfd", "metric": "surgery-within-36h",
             "organisation": "RXH", "period": "2026-01", "revision": 2, "numerator": 43, "denominator": 52,
             "updatedAt": "2026-02-10T11:02:00Z"},
             "revisions": [{"revision": 1, "numerator": 41, "denominator": 52, "recordedAt": "2026-02-03T09:15:00Z", "submittedBy": "anonymous"},
                           {"revision": 2, "numerator": 43, "denominator": 52, "recordedAt": "2026-02-10T11:02:00Z", "submittedBy": "anonymous"}]}""")
    public record WithHistory(AuditResultView result, List<Revision> revisions) {
    }

    public static WithHistory withHistory(AuditResult r, List<AuditResultRevision> revisions) {
        return new WithHistory(of(r, null), revisions.stream()
                .map(v -> new Revision(v.revision, v.numerator, v.denominator, v.value, v.expected, v.withdrawnReason, v.recordedAt, v.submittedBy))
                .toList());
    }
}
