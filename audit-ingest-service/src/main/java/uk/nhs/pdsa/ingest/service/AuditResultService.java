package uk.nhs.pdsa.ingest.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.AuditResult;
import uk.nhs.pdsa.ingest.AuditResultRevision;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.ingest.mapping.AuditResultMapper;
import uk.nhs.pdsa.runtime.outbox.Outbox;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Stores submitted results. A batch is all-or-nothing: every item is checked before anything is
 * written, and the writes and their outbox events share one transaction.
 */
@ApplicationScoped
public class AuditResultService {
    private final Outbox outbox;
    private final EntityManager em;

    public AuditResultService(Outbox outbox, EntityManager em) {
        this.outbox = outbox;
        this.em = em;
    }

    /** What happened to one submitted item. */
    public enum Outcome { CREATED, REVISED, UNCHANGED }

    public record Stored(AuditResult result, Outcome outcome) {
    }

    /**
     * Checks every item (errors found while reading it included) and, only if all pass, stores them all.
     *
     * @throws ProblemException listing every invalid field of every item; nothing is stored then
     */
    @Transactional
    public List<Stored> submit(List<SubmissionReader.Read> items, String submittedBy) {
        Map<String, Optional<Audit>> audits = new HashMap<>();
        ResultRules rules = new ResultRules(code -> audits.computeIfAbsent(code, c -> Audit.findByIdOptional(c)));
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> firstPointerOfKey = new HashMap<>();
        for (SubmissionReader.Read item : items) {
            errors.addAll(item.errors());
            ResultSubmission s = item.submission();
            if (s == null) {
                continue;
            }
            errors.addAll(rules.check(s, item.pointer()));
            String first = firstPointerOfKey.putIfAbsent(s.naturalKey(), item.pointer());
            if (first != null) {
                errors.add(new FieldError(item.pointer(), "duplicates item " + first.substring(1) + ": the same audit,"
                        + " metric, organisation, microsystem and period may appear once per batch"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s); nothing was stored", errors);
        }
        Instant now = Instant.now();
        List<Stored> stored = new ArrayList<>(items.size());
        for (ResultSubmission s : items.stream().map(SubmissionReader.Read::submission).toList()) {
            Audit audit = audits.get(s.audit()).orElseThrow();
            stored.add(store(s, audit, audit.metric(s.metric()).orElseThrow(), submittedBy, now));
        }
        return stored;
    }

    private Stored store(ResultSubmission s, Audit audit, Metric metric, String submittedBy, Instant now) {
        UUID id = AuditResult.idOf(s.audit(), s.metric(), s.organisation(), s.microsystem(), s.period());
        // Claim the row first (revision 0 until filled in), then lock it: two requests racing on a new natural key
        // queue on the row instead of one of them failing on the primary key.
        em.createNativeQuery("insert into audit_result (id, audit, metric, organisation, microsystem, period, revision,"
                        + " created_at, updated_at) values (:id, :audit, :metric, :organisation, :microsystem, :period, 0,"
                        + " :now, :now) on conflict do nothing")
                .setParameter("id", id)
                .setParameter("audit", s.audit())
                .setParameter("metric", s.metric())
                .setParameter("organisation", s.organisation())
                .setParameter("microsystem", s.microsystem())
                .setParameter("period", s.period())
                .setParameter("now", now)
                .executeUpdate();
        AuditResult result = AuditResult.findById(id, LockModeType.PESSIMISTIC_WRITE);
        Outcome outcome;
        if (result.revision == 0) {
            result.revision = 1;
            outcome = Outcome.CREATED;
        } else if (result.hasSameMeasures(s.numerator(), s.denominator(), s.value())) {
            return new Stored(result, Outcome.UNCHANGED);
        } else {
            result.revision++;
            outcome = Outcome.REVISED;
        }
        result.numerator = s.numerator();
        result.denominator = s.denominator();
        result.value = s.value();
        result.updatedAt = now;
        result.persist();

        AuditResultRevision revision = new AuditResultRevision();
        revision.resultId = id;
        revision.revision = result.revision;
        revision.numerator = s.numerator();
        revision.denominator = s.denominator();
        revision.value = s.value();
        revision.recordedAt = now;
        revision.submittedBy = submittedBy;
        revision.persist();

        var event = AuditResultMapper.toEvent(result, metric, now);
        outbox.publish(EventType.AUDIT_RESULT_RECORDED, AuditResultMapper.eventId(result), event.seriesKey().asText(),
                event.seriesKey().withPeriod(result.period), event);
        return new Stored(result, outcome);
    }

    public AuditResult find(UUID id) {
        return AuditResult.<AuditResult>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No audit result " + id));
    }

    public List<AuditResultRevision> revisions(UUID id) {
        return AuditResultRevision.list("resultId = ?1 order by revision", id);
    }
}
