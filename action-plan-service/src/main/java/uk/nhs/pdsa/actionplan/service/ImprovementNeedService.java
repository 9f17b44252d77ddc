package uk.nhs.pdsa.actionplan.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.actionplan.ImprovementNeed;
import uk.nhs.pdsa.actionplan.NeedEvidence;
import uk.nhs.pdsa.actionplan.PdsaCycle;
import uk.nhs.pdsa.actionplan.config.NeedsConfig;
import uk.nhs.pdsa.actionplan.escalation.EscalationSchedule;
import uk.nhs.pdsa.actionplan.worksheet.ActRecord;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.runtime.outbox.Outbox;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * The life of an improvement need: opened by a concerning finding (later concerns join it as evidence),
 * answered by a PDSA cycle or a decision, escalated while unanswered past its due date, told when its
 * concern resolves, closed as improved when an adopted change shows special cause improvement. Every change
 * raises the need's version, is kept in the history and published in the same transaction.
 */
@ApplicationScoped
public class ImprovementNeedService {
    /** Due dates are calendar dates in England. */
    public static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    /** The evidence kind of an outlier case behind a need (its findingId is the case id). */
    public static final String OUTLIER_CASE = "outlier-case";

    private final Outbox outbox;
    private final NeedsConfig config;
    private final ObjectMapper json;
    private final History history;
    private final Clock clock;
    private final EscalationSchedule schedule;

    public ImprovementNeedService(Outbox outbox, NeedsConfig config, ObjectMapper json, History history, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.json = json;
        this.history = history;
        this.clock = clock;
        this.schedule = EscalationSchedule.parse(config.escalation());
    }

    public EscalationSchedule schedule() {
        return schedule;
    }

    /** A finding event: concerns open or join needs, resolutions are recorded, improvement may close a need. */
    @Transactional(TxType.MANDATORY)
    public void onFinding(FindingState finding) {
        if (!finding.holds()) {
            onResolved(finding);
        } else if (finding.concerning()) {
            onConcern(finding);
        } else if ("improvement".equals(finding.orientation()) && finding.specialCause() != null) {
            onImprovement(finding);
        }
    }

    private void onConcern(FindingState finding) {
        Instant now = clock.instant();
        ImprovementNeed need = ImprovementNeed.findActive(finding.organisation(), finding.microsystem(), finding.audit(),
                finding.metric()).orElse(null);
        if (need == null) {
            UUID id = UUID.nameUUIDFromBytes(("need#" + finding.findingId()).getBytes(StandardCharsets.UTF_8));
            if (ImprovementNeed.findById(id) != null) {
                return; // the finding that opened a need now closed: a replay or a revision, not a new concern
            }
            need = open(id, finding.organisation(), finding.microsystem(), finding.audit(), finding.metric(),
                    finding.findingId(), now);
            addEvidence(need, finding, now);
            changed(need, EventType.NEED_OPENED, "opened", History.SYSTEM, now, Map.of("findingId", finding.findingId()));
            return;
        }
        need = ImprovementNeed.lock(need.id).orElseThrow();
        NeedEvidence known = NeedEvidence.findById(new NeedEvidence.Key(need.id, finding.findingId()));
        if (known != null) {
            if ("resolved".equals(known.status)) { // reopened finding (a revision brought the concern back)
                known.status = "open";
                known.resolvedAt = null;
                need.concernResolvedAt = null;
                changed(need, null, "concern-returned", History.SYSTEM, now, Map.of("findingId", finding.findingId()));
            }
            return;
        }
        addEvidence(need, finding, now);
        need.concernResolvedAt = null;
        changed(need, null, "evidence-added", History.SYSTEM, now, Map.of("findingId", finding.findingId(),
                "period", finding.period()));
    }

    private void onResolved(FindingState finding) {
        Instant now = clock.instant();
        for (NeedEvidence evidence : NeedEvidence.<NeedEvidence>list("findingId = ?1 and status = 'open'", finding.findingId())) {
            ImprovementNeed need = ImprovementNeed.lock(evidence.needId).orElseThrow();
            evidence.status = "resolved";
            evidence.resolvedAt = finding.resolvedAt() != null ? finding.resolvedAt() : now;
            boolean allResolved = NeedEvidence.count("needId = ?1 and status = 'open'", need.id) == 0;
            if (allResolved && need.concernResolvedAt == null) {
                need.concernResolvedAt = evidence.resolvedAt;
                changed(need, EventType.NEED_RESOLVED, "concern-resolved", History.SYSTEM, now,
                        Map.of("findingId", finding.findingId()));
            } else {
                changed(need, null, "finding-resolved", History.SYSTEM, now, Map.of("findingId", finding.findingId()));
            }
        }
    }

    /**
     * An outlier case of a closed analysis period reached its trust's board (informed): the trust's response is its
     * improvement need for the metric answered. The case opens one (due when the policy wants the response) or joins
     * the trust's active need for the metric; a need already answered is announced as answered again, with the case
     * in its evidence, so the case records the response the trust has already made.
     */
    @Transactional(TxType.MANDATORY)
    public void onOutlierCase(OutlierCaseState c) {
        if (!OutlierCaseState.INFORMED.equals(c.stage()) || !c.action().startsWith("board-")) {
            return;
        }
        Instant now = clock.instant();
        ImprovementNeed need = ImprovementNeed.findActive(c.organisation(), null, c.audit(), c.metric()).orElse(null);
        if (need == null) {
            UUID id = UUID.nameUUIDFromBytes(("need#outlier-case#" + c.caseId()).getBytes(StandardCharsets.UTF_8));
            if (ImprovementNeed.findById(id) != null) {
                return;
            }
            need = open(id, c.organisation(), null, c.audit(), c.metric(), c.caseId(), now);
            if (c.dueBy() != null) {
                need.dueBy = c.dueBy();
            }
            addEvidence(need, c.caseId(), OUTLIER_CASE, c.period(), c.level(), List.of(), now);
            changed(need, EventType.NEED_OPENED, "opened", History.SYSTEM, now, Map.of("outlierCaseId", c.caseId()));
            return;
        }
        need = ImprovementNeed.lock(need.id).orElseThrow();
        if (NeedEvidence.findById(new NeedEvidence.Key(need.id, c.caseId())) != null) {
            return;
        }
        addEvidence(need, c.caseId(), OUTLIER_CASE, c.period(), c.level(), List.of(), now);
        need.concernResolvedAt = null;
        changed(need, need.answerKind != null ? EventType.NEED_ANSWERED : null, "outlier-case-added", History.SYSTEM, now,
                Map.of("outlierCaseId", c.caseId(), "period", c.period()));
    }

    /** Special cause improvement on the need's series: improved, if a cycle answering it was adopted. */
    private void onImprovement(FindingState finding) {
        ImprovementNeed need = ImprovementNeed.findActive(finding.organisation(), finding.microsystem(), finding.audit(),
                finding.metric()).orElse(null);
        if (need == null || !ImprovementNeedState.IN_PROGRESS.equals(need.status)) {
            return;
        }
        boolean adopted = PdsaCycle.count("needId = ?1 and actDecision = ?2", need.id, ActRecord.ADOPT) > 0;
        if (adopted) {
            markImproved(ImprovementNeed.lock(need.id).orElseThrow(), History.SYSTEM,
                    Map.of("findingId", finding.findingId(), "period", finding.period()));
        }
    }

    @Transactional(TxType.MANDATORY)
    public void markImproved(ImprovementNeed need, String actor, Map<String, Object> details) {
        if (!need.active()) {
            return;
        }
        Instant now = clock.instant();
        need.status = ImprovementNeedState.IMPROVED;
        need.improvedAt = now;
        changed(need, EventType.NEED_IMPROVED, "improved", actor, now, details);
    }

    /** A decision with its rationale answers and closes the need. */
    @Transactional
    public ImprovementNeed decide(UUID id, String ifMatch, String rationale) {
        if (rationale == null || rationale.isBlank()) {
            throw ProblemException.validation("A decision needs its rationale; nothing was changed",
                    List.of(new uk.nhs.pdsa.runtime.problem.Problem.FieldError("/rationale",
                            "say why no PDSA cycle is needed, e.g. \"explained by case mix, reviewed at governance meeting\"")));
        }
        ImprovementNeed need = ImprovementNeed.lock(id).orElseThrow(() -> ProblemException.notFound("No improvement need " + id));
        Preconditions.check(ifMatch, need.version, "improvement need");
        if (!need.active()) {
            throw ProblemException.conflict("Improvement need " + id + " is " + need.status + "; only an open or in-progress need takes a decision");
        }
        Instant now = clock.instant();
        need.status = ImprovementNeedState.CLOSED;
        answer(need, "decision", null, rationale.trim(), now);
        changed(need, EventType.NEED_ANSWERED, "decided", history.requester(), now, Map.of("rationale", rationale.trim()));
        return need;
    }

    /** A cycle starts to answer the need (the first one on a ramp). */
    @Transactional(TxType.MANDATORY)
    public void answerWithCycle(ImprovementNeed need, UUID cycleId) {
        if (!ImprovementNeedState.OPEN.equals(need.status)) {
            return; // already answered by an earlier cycle
        }
        Instant now = clock.instant();
        need.status = ImprovementNeedState.IN_PROGRESS;
        answer(need, "cycle", cycleId, null, now);
        changed(need, EventType.NEED_ANSWERED, "answered-by-cycle", history.requester(), now, Map.of("cycleId", cycleId));
    }

    /** The cycle answering the need was abandoned and nothing follows: the need waits for a new answer. */
    @Transactional(TxType.MANDATORY)
    public void reopen(ImprovementNeed need, UUID abandonedCycleId) {
        if (!ImprovementNeedState.IN_PROGRESS.equals(need.status)) {
            return;
        }
        Instant now = clock.instant();
        need.status = ImprovementNeedState.OPEN;
        need.answerKind = null;
        need.answerCycleId = null;
        need.answeredBy = null;
        need.answeredAt = null;
        need.dueBy = dueFrom(now);
        need.escalationLevel = 0;
        need.escalationRole = null;
        need.escalationDays = null;
        need.escalatedAt = null;
        changed(need, EventType.NEED_REOPENED, "reopened", history.requester(), now,
                Map.of("abandonedCycleId", abandonedCycleId, "dueBy", need.dueBy.toString()));
    }

    /** Escalates an unanswered need if it reached a new step of the schedule; true if it did. */
    @Transactional(TxType.MANDATORY)
    public boolean escalateIfDue(UUID id, LocalDate today) {
        ImprovementNeed need = ImprovementNeed.lock(id).orElseThrow();
        if (!ImprovementNeedState.OPEN.equals(need.status)) {
            return false;
        }
        var step = schedule.due(need.dueBy, today, need.escalationLevel);
        if (step.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        need.escalationLevel = step.get().level();
        need.escalationRole = step.get().role();
        need.escalationDays = EscalationSchedule.daysOverdue(need.dueBy, today);
        need.escalatedAt = now;
        changed(need, EventType.NEED_ESCALATED, "escalated", History.SYSTEM, now,
                Map.of("level", need.escalationLevel, "role", need.escalationRole, "daysOverdue", need.escalationDays));
        return true;
    }

    public LocalDate dueFrom(Instant now) {
        return LocalDate.ofInstant(now.plus(config.answerWithin()), ENGLAND);
    }

    private void answer(ImprovementNeed need, String kind, UUID cycleId, String rationale, Instant now) {
        need.answerKind = kind;
        need.answerCycleId = cycleId;
        need.answerRationale = rationale;
        need.answeredBy = history.requester();
        need.answeredAt = now;
    }

    private ImprovementNeed open(UUID id, String organisation, String microsystem, String audit, String metric,
            UUID openedBy, Instant now) {
        ImprovementNeed need = new ImprovementNeed();
        // Derived from the opening finding: a replay after the need was closed cannot open a twin.
        need.id = id;
        need.organisation = organisation;
        need.microsystem = microsystem;
        need.audit = audit;
        need.metric = metric;
        need.status = ImprovementNeedState.OPEN;
        need.openingFindingId = openedBy;
        need.openedAt = now;
        need.updatedAt = now;
        need.dueBy = dueFrom(now);
        need.version = 0;
        need.persist();
        return need;
    }

    private void addEvidence(ImprovementNeed need, FindingState finding, Instant now) {
        addEvidence(need, finding.findingId(), finding.kind(), finding.period(),
                finding.specialCause() != null ? finding.specialCause().variation() : finding.outlier().classification(),
                finding.specialCause() != null ? finding.specialCause().signals() : List.of(), now);
    }

    private void addEvidence(ImprovementNeed need, UUID id, String kind, String period, String variation,
            List<FindingState.Signal> signals, Instant now) {
        NeedEvidence evidence = new NeedEvidence();
        evidence.needId = need.id;
        evidence.findingId = id;
        evidence.kind = kind;
        evidence.status = "open";
        evidence.period = period;
        evidence.variation = variation;
        evidence.signals = signalsJson(signals);
        evidence.addedAt = now;
        evidence.persist();
    }

    /** One change: version up, history, and the event (if the change is one consumers are told about). */
    private void changed(ImprovementNeed need, EventType event, String action, String actor, Instant now,
            Map<String, ?> details) {
        need.version++;
        need.updatedAt = now;
        history.record("need", need.id, need.version, action, actor, now, details);
        if (event != null) {
            ImprovementNeedState state = state(need);
            outbox.publish(event, state.eventId(), need.organisation, "improvement-need/" + need.id, state);
        }
    }

    public static ImprovementNeedState state(ImprovementNeed n) {
        List<ImprovementNeedState.Evidence> evidence = NeedEvidence.ofNeed(n.id).stream()
                .map(e -> new ImprovementNeedState.Evidence(e.findingId, e.kind, e.period, e.variation, e.status)).toList();
        return new ImprovementNeedState(n.id, n.version, n.status, n.organisation, n.microsystem, n.audit, n.metric,
                n.openingFindingId, evidence, n.openedAt, n.dueBy, answer(n), escalation(n), n.concernResolvedAt,
                n.improvedAt, n.updatedAt);
    }

    public static ImprovementNeedState.Answer answer(ImprovementNeed n) {
        return n.answerKind == null ? null
                : new ImprovementNeedState.Answer(n.answerKind, n.answerCycleId, n.answerRationale, n.answeredBy, n.answeredAt);
    }

    public static ImprovementNeedState.Escalation escalation(ImprovementNeed n) {
        return n.escalationLevel == 0 ? null
                : new ImprovementNeedState.Escalation(n.escalationLevel, n.escalationRole, n.escalationDays, n.escalatedAt);
    }

    private String signalsJson(List<FindingState.Signal> signals) {
        try {
            return json.writeValueAsString(signals);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
