package uk.nhs.pdsa.ingest.service;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * and the writes and their outbox events share one transaction. The writes are set-based (a handful of
 * batched statements per request, not a few per item), so a 10,000-item batch costs about as many round
 * trips as a single result.
 */
@ApplicationScoped
public class AuditResultService {
    private static final String CLAIM = "insert into audit_result (id, audit, metric, organisation, microsystem, period,"
            + " revision, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?) on conflict do nothing";
    private static final String LOCK = "select id, revision, numerator, denominator, value from audit_result"
            + " where id = any(?) order by id for update";
    private static final String UPDATE = "update audit_result set revision = ?, numerator = ?, denominator = ?,"
            + " value = ?, updated_at = ? where id = ?";
    private static final String REVISION = "insert into audit_result_revision (result_id, revision, numerator,"
            + " denominator, value, recorded_at, submitted_by) values (?, ?, ?, ?, ?, ?, ?)";

    private final Outbox outbox;
    private final EntityManager em;

    public AuditResultService(Outbox outbox, EntityManager em) {
        this.outbox = outbox;
        this.em = em;
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
        ResultRules rules = new ResultRules(catalogue);
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

    private record Current(int revision, Long numerator, Long denominator, BigDecimal value) {
    }

    private List<Stored> store(List<ResultSubmission> submissions, CatalogueLookup catalogue, String submittedBy) {
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        List<UUID> ids = submissions.stream()
                .map(s -> AuditResult.idOf(s.audit(), s.metric(), s.organisation(), s.microsystem(), s.period()))
                .toList();
        // Claimed and locked in id order, so two batches sharing results queue rather than deadlock.
        List<Integer> byId = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            byId.add(i);
        }
        byId.sort(Comparator.comparing(ids::get));
        List<Stored> stored = new ArrayList<>(submissions.size());
        List<Outbox.Message> events = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            // A new natural key is claimed with revision 0 first: two requests racing on it then queue on the row.
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                for (int i : byId) {
                    ResultSubmission s = submissions.get(i);
                    claim.setObject(1, ids.get(i));
                    claim.setString(2, s.audit());
                    claim.setString(3, s.metric());
                    claim.setString(4, s.organisation());
                    claim.setString(5, s.microsystem());
                    claim.setString(6, s.period());
                    claim.setTimestamp(7, at);
                    claim.setTimestamp(8, at);
                    claim.addBatch();
                }
                claim.executeBatch();
            }
            Map<UUID, Current> current = new HashMap<>();
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        current.put(rows.getObject(1, UUID.class), new Current(rows.getInt(2),
                                (Long) rows.getObject(3, Long.class), (Long) rows.getObject(4, Long.class),
                                rows.getBigDecimal(5)));
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(UPDATE);
                    PreparedStatement revision = connection.prepareStatement(REVISION)) {
                for (int i = 0; i < submissions.size(); i++) {
                    ResultSubmission s = submissions.get(i);
                    UUID id = ids.get(i);
                    Current was = current.get(id);
                    if (was.revision() > 0 && sameMeasures(was, s)) {
                        stored.add(new Stored(id, s, was.revision(), Outcome.UNCHANGED, null));
                        continue;
                    }
                    int next = was.revision() + 1;
                    update.setInt(1, next);
                    setMeasures(update, 2, s);
                    update.setTimestamp(5, at);
                    update.setObject(6, id);
                    update.addBatch();
                    revision.setObject(1, id);
                    revision.setInt(2, next);
                    setMeasures(revision, 3, s);
                    revision.setTimestamp(6, at);
                    revision.setString(7, submittedBy);
                    revision.addBatch();
                    stored.add(new Stored(id, s, next, next == 1 ? Outcome.CREATED : Outcome.REVISED, now));
                    Metric metric = catalogue.audit(s.audit()).flatMap(a -> a.metric(s.metric())).orElseThrow();
                    AuditResultRecorded event = AuditResultMapper.toEvent(id, next, s, metric, now);
                    events.add(new Outbox.Message(EventType.AUDIT_RESULT_RECORDED, AuditResultMapper.eventId(id, next),
                            AuditResultMapper.key(event), event.seriesKey().withPeriod(s.period()), event));
                }
                update.executeBatch();
                revision.executeBatch();
            }
        });
        outbox.publishAll(events);
        return stored;
    }

    private static boolean sameMeasures(Current was, ResultSubmission s) {
        return Objects.equals(was.numerator(), s.numerator()) && Objects.equals(was.denominator(), s.denominator())
                && (was.value() == null ? s.value() == null : s.value() != null && was.value().compareTo(s.value()) == 0);
    }

    private static void setMeasures(PreparedStatement statement, int first, ResultSubmission s)
            throws java.sql.SQLException {
        statement.setObject(first, s.numerator(), Types.BIGINT);
        statement.setObject(first + 1, s.denominator(), Types.BIGINT);
        statement.setBigDecimal(first + 2, s.value());
    }

    public AuditResult find(UUID id) {
        return AuditResult.<AuditResult>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No audit result " + id));
    }

    public List<AuditResultRevision> revisions(UUID id) {
        return AuditResultRevision.list("resultId = ?1 order by revision", id);
    }
}
