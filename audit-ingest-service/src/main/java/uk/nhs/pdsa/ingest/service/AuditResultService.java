package uk.nhs.pdsa.ingest.service;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.ingest.AuditResult;
import uk.nhs.pdsa.ingest.AuditResultRevision;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.ingest.mapping.AuditResultMapper;
import uk.nhs.pdsa.runtime.outbox.Outbox;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Stores submitted results. A batch is all-or-nothing: every item is checked before anything is written,
 * and the writes and their outbox events share one transaction. The writes are set-based (three statements
 * per request whatever its size: results, revisions, outbox), so a 10,000-item batch costs about as many
 * round trips as a single result.
 */
@ApplicationScoped
public class AuditResultService {
    /**
     * One statement for the whole batch: new results are inserted at revision 1; existing ones whose numbers
     * differ get the next revision (the conflict locks each row, in id order, so concurrent batches queue
     * rather than deadlock); existing ones with the same numbers are left alone and not returned.
     */
    private static final String UPSERT = "insert into audit_result (id, audit, metric, organisation, microsystem, period,"
            + " revision, numerator, denominator, value, expected, created_at, updated_at)"
            + " select u.id, u.audit, u.metric, u.organisation, u.microsystem, u.period, 1, u.numerator, u.denominator,"
            + " u.value, u.expected, ?, ? from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::varchar[], ?::bigint[], ?::bigint[], ?::numeric[], ?::numeric[])"
            + " as u(id, audit, metric, organisation, microsystem, period, numerator, denominator, value, expected)"
            + " order by u.id"
            + " on conflict (id) do update set revision = audit_result.revision + 1, numerator = excluded.numerator,"
            + " denominator = excluded.denominator, value = excluded.value, expected = excluded.expected,"
            + " updated_at = excluded.updated_at, withdrawn_reason = null, withdrawn_at = null"
            + " where (audit_result.numerator, audit_result.denominator, audit_result.value, audit_result.expected)"
            + " is distinct from (excluded.numerator, excluded.denominator, excluded.value, excluded.expected)"
            + " or audit_result.withdrawn_at is not null"
            + " returning id, revision";
    private static final String REVISIONS = "insert into audit_result_revision (result_id, revision, numerator,"
            + " denominator, value, expected, recorded_at, submitted_by) select u.id, u.revision, u.numerator,"
            + " u.denominator, u.value, u.expected, ?, ? from unnest(?::uuid[], ?::int[], ?::bigint[], ?::bigint[],"
            + " ?::numeric[], ?::numeric[]) as u(id, revision, numerator, denominator, value, expected)";
    private static final String CURRENT = "select id, revision from audit_result where id = any(?)";

    private final Outbox outbox;
    private final EntityManager em;
    private final int periodGraceDays;

    /** @param periodGraceDays how many days before a period begins its results are accepted (0: once it has begun) */
    public AuditResultService(Outbox outbox, EntityManager em,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "pdsa.ingest.period-grace-days",
                    defaultValue = "0") int periodGraceDays) {
        this.outbox = outbox;
        this.em = em;
        this.periodGraceDays = periodGraceDays;
    }

    /** What happened to one submitted item. */
    public enum Outcome { CREATED, REVISED, UNCHANGED }

    /** One stored item: its id, current revision and what this submission did to it. */
    public record Stored(UUID id, ResultSubmission submission, int revision, Outcome outcome, Instant updatedAt) {
    }

    /** A catalogue read once for the current transaction. */
    public CatalogueLookup catalogue() {
        return new CatalogueSnapshot(em);
    }

    /**
     * Checks every item (errors found while reading it included) and, only if all pass, stores them all.
     *
     * @throws ProblemException listing every invalid field of every item; nothing is stored then
     */
    @Transactional(TxType.MANDATORY)
    public List<Stored> submit(List<SubmissionReader.Read> items, CatalogueLookup catalogue, String submittedBy) {
        ResultRules rules = new ResultRules(catalogue, java.time.LocalDate.now().plusDays(periodGraceDays));
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
        List<ResultSubmission> submissions = items.stream().map(SubmissionReader.Read::submission).toList();
        return store(submissions, catalogue, submittedBy);
    }

    private List<Stored> store(List<ResultSubmission> submissions, CatalogueLookup catalogue, String submittedBy) {
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        int n = submissions.size();
        UUID[] ids = new UUID[n];
        for (int i = 0; i < n; i++) {
            ResultSubmission s = submissions.get(i);
            ids[i] = AuditResult.idOf(s.audit(), s.metric(), s.organisation(), s.microsystem(), s.period());
        }
        Map<UUID, Integer> written = new HashMap<>();
        Map<UUID, Integer> unchanged = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            // Plan each statement for its actual arrays: a generic plan may scan all results for "id = any(?)".
            try (var custom = connection.createStatement()) {
                custom.execute("set local plan_cache_mode = force_custom_plan");
            }
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setTimestamp(1, at);
                upsert.setTimestamp(2, at);
                upsert.setArray(3, connection.createArrayOf("uuid", ids));
                upsert.setArray(4, connection.createArrayOf("varchar", column(submissions, ResultSubmission::audit)));
                upsert.setArray(5, connection.createArrayOf("varchar", column(submissions, ResultSubmission::metric)));
                upsert.setArray(6, connection.createArrayOf("varchar", column(submissions, ResultSubmission::organisation)));
                upsert.setArray(7, connection.createArrayOf("varchar", column(submissions, ResultSubmission::microsystem)));
                upsert.setArray(8, connection.createArrayOf("varchar", column(submissions, ResultSubmission::period)));
                upsert.setArray(9, connection.createArrayOf("bigint", submissions.stream().map(ResultSubmission::numerator).toArray(Long[]::new)));
                upsert.setArray(10, connection.createArrayOf("bigint", submissions.stream().map(ResultSubmission::denominator).toArray(Long[]::new)));
                upsert.setArray(11, connection.createArrayOf("numeric", submissions.stream().map(ResultSubmission::value).toArray(BigDecimal[]::new)));
                upsert.setArray(12, connection.createArrayOf("numeric", submissions.stream().map(ResultSubmission::expected).toArray(BigDecimal[]::new)));
                try (ResultSet rows = upsert.executeQuery()) {
                    while (rows.next()) {
                        written.put(rows.getObject(1, UUID.class), rows.getInt(2));
                    }
                }
            }
            if (written.size() < n) {
                try (PreparedStatement current = connection.prepareStatement(CURRENT)) {
                    current.setArray(1, connection.createArrayOf("uuid",
                            java.util.Arrays.stream(ids).filter(id -> !written.containsKey(id)).toArray()));
                    try (ResultSet rows = current.executeQuery()) {
                        while (rows.next()) {
                            unchanged.put(rows.getObject(1, UUID.class), rows.getInt(2));
                        }
                    }
                }
            }
            if (!written.isEmpty()) {
                List<Integer> changed = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (written.containsKey(ids[i])) {
                        changed.add(i);
                    }
                }
                try (PreparedStatement revisions = connection.prepareStatement(REVISIONS)) {
                    revisions.setTimestamp(1, at);
                    revisions.setString(2, submittedBy);
                    revisions.setArray(3, connection.createArrayOf("uuid", changed.stream().map(i -> ids[i]).toArray()));
                    revisions.setArray(4, connection.createArrayOf("integer", changed.stream().map(i -> written.get(ids[i])).toArray()));
                    revisions.setArray(5, connection.createArrayOf("bigint", changed.stream().map(i -> submissions.get(i).numerator()).toArray()));
                    revisions.setArray(6, connection.createArrayOf("bigint", changed.stream().map(i -> submissions.get(i).denominator()).toArray()));
                    revisions.setArray(7, connection.createArrayOf("numeric", changed.stream().map(i -> submissions.get(i).value()).toArray()));
                    revisions.setArray(8, connection.createArrayOf("numeric", changed.stream().map(i -> submissions.get(i).expected()).toArray()));
                    revisions.executeUpdate();
                }
            }
        });
        List<Stored> stored = new ArrayList<>(n);
        List<Outbox.Message> events = new ArrayList<>(written.size());
        for (int i = 0; i < n; i++) {
            ResultSubmission s = submissions.get(i);
            UUID id = ids[i];
            Integer revision = written.get(id);
            if (revision == null) {
                stored.add(new Stored(id, s, unchanged.get(id), Outcome.UNCHANGED, null));
                continue;
            }
            stored.add(new Stored(id, s, revision, revision == 1 ? Outcome.CREATED : Outcome.REVISED, now));
            Metric metric = catalogue.audit(s.audit()).flatMap(a -> a.metric(s.metric())).orElseThrow();
            AuditResultRecorded event = AuditResultMapper.toEvent(id, revision, s, metric, now);
            events.add(new Outbox.Message(EventType.AUDIT_RESULT_RECORDED, AuditResultMapper.eventId(id, revision),
                    AuditResultMapper.key(event), event.seriesKey().withPeriod(s.period()), event));
        }
        outbox.publishAll(events);
        return stored;
    }

    private static String[] column(List<ResultSubmission> submissions, java.util.function.Function<ResultSubmission, String> field) {
        return submissions.stream().map(field).toArray(String[]::new);
    }

    public AuditResult find(UUID id) {
        return AuditResult.<AuditResult>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No audit result " + id));
    }

    /**
     * Withdraws a result of the caller's organisation: a new revision without numbers, with the reason, and a
     * withdrawn event so that consumers drop the point. Withdrawing it again changes nothing.
     *
     * @throws ProblemException 404 for another organisation's result (its existence is not revealed), 400 for a
     *                          missing or overlong reason
     */
    @Transactional
    public AuditResult withdraw(UUID id, String reason, String submitter, String organisation) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500 || why.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw ProblemException.validation("a withdrawal needs its reason: 1 to 500 characters, one line",
                    List.of(new uk.nhs.pdsa.runtime.problem.Problem.FieldError("/reason",
                            "reason is required: say why the result is withdrawn (1 to 500 characters)")));
        }
        AuditResult r = AuditResult.<AuditResult>findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.organisation.equals(organisation))
                .orElseThrow(() -> ProblemException.notFound("No audit result " + id));
        if (r.withdrawnAt != null) {
            return r;
        }
        Instant now = Instant.now();
        r.revision++;
        r.withdrawnAt = now;
        r.withdrawnReason = why;
        r.updatedAt = now;
        AuditResultRevision revision = new AuditResultRevision();
        revision.resultId = id;
        revision.revision = r.revision;
        revision.withdrawnReason = why;
        revision.recordedAt = now;
        revision.submittedBy = submitter;
        revision.persist();
        Metric metric = catalogue().audit(r.audit).flatMap(a -> a.metric(r.metric))
                .orElseThrow(() -> new IllegalStateException("a stored result's metric left the catalogue"));
        AuditResultRecorded event = AuditResultMapper.withdrawn(r, metric, now);
        outbox.publish(EventType.AUDIT_RESULT_WITHDRAWN, AuditResultMapper.eventId(id, r.revision),
                AuditResultMapper.key(event), event.seriesKey().withPeriod(r.period), event);
        return r;
    }

    public List<AuditResultRevision> revisions(UUID id) {
        return AuditResultRevision.list("resultId = ?1 order by revision", id);
    }
}
