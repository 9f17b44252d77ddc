package uk.nhs.pdsa.actionplan.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.actionplan.ImprovementNeed;
import uk.nhs.pdsa.actionplan.PdsaCycle;
import uk.nhs.pdsa.actionplan.findingsclient.StudySnapshots;
import uk.nhs.pdsa.actionplan.pdsa.MeasureEvidence;
import uk.nhs.pdsa.actionplan.pdsa.ProgressScore;
import uk.nhs.pdsa.actionplan.pdsa.Stage;
import uk.nhs.pdsa.actionplan.pdsa.StageConflict;
import uk.nhs.pdsa.actionplan.pdsa.StageMachine;
import uk.nhs.pdsa.actionplan.pdsa.Step;
import uk.nhs.pdsa.actionplan.worksheet.ActRecord;
import uk.nhs.pdsa.actionplan.worksheet.DoRecord;
import uk.nhs.pdsa.actionplan.worksheet.Plan;
import uk.nhs.pdsa.actionplan.worksheet.StudyRecord;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.PdsaCycleState;
import uk.nhs.pdsa.events.PdsaCycleState.Measure;
import uk.nhs.pdsa.events.PdsaCycleState.Person;
import uk.nhs.pdsa.runtime.outbox.Outbox;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * PDSA cycles: planned (answering a need, or following an adopted or adapted cycle on a ramp), then Do,
 * Study (with the data from findings) and Act, in that order; owner handovers and the team's score. Every
 * write names the version it read (If-Match), raises the version, is kept in the history and published.
 */
@ApplicationScoped
public class PdsaCycleService {
    private final Outbox outbox;
    private final History history;
    private final Clock clock;
    private final ImprovementNeedService needs;
    private final StudySnapshots snapshots;

    public PdsaCycleService(Outbox outbox, History history, Clock clock, ImprovementNeedService needs,
            StudySnapshots snapshots) {
        this.outbox = outbox;
        this.history = history;
        this.clock = clock;
        this.needs = needs;
        this.snapshots = snapshots;
    }

    @Transactional
    public PdsaCycle plan(Plan plan, String callerOrganisation) {
        PlanValidator.plan(plan);
        Instant now = clock.instant();
        PdsaCycle cycle = new PdsaCycle();
        cycle.id = UUID.randomUUID();
        cycle.rampId = cycle.id;
        cycle.sequence = 1;
        UUID needId = plan.needId();
        if (plan.follows() != null) {
            // Another organisation's cycle is answered exactly as one that does not exist.
            PdsaCycle previous = PdsaCycle.lock(plan.follows()).filter(c -> c.organisation.equals(callerOrganisation))
                    .orElseThrow(() -> ProblemException.validation(
                    "The cycle to follow does not exist; nothing was changed",
                    List.of(new FieldError("/follows", "no PDSA cycle " + plan.follows()))));
            if (previous.act == null || !previous.act.continues()) {
                throw ProblemException.conflict("Cycle " + previous.id + " is at stage " + previous.stage
                        + (previous.act == null ? "" : " with decision " + previous.act.decision())
                        + "; only a cycle completed with adopt or adapt can be followed by the next cycle of its ramp");
            }
            if (PdsaCycle.follower(previous.id).isPresent()) {
                throw ProblemException.conflict("Cycle " + previous.id + " is already followed by "
                        + PdsaCycle.follower(previous.id).get().id + "; a ramp goes on from its latest cycle");
            }
            if (needId != null && !needId.equals(previous.needId)) {
                throw ProblemException.validation("A following cycle answers the need of its ramp; nothing was changed",
                        List.of(new FieldError("/needId", "the ramp answers need " + previous.needId + ", not " + needId)));
            }
            needId = previous.needId;
            cycle.rampId = previous.rampId;
            cycle.previousCycleId = previous.id;
            cycle.sequence = previous.sequence + 1;
            cycle.organisation = previous.organisation;
            cycle.microsystem = previous.microsystem;
        }
        ImprovementNeed need = null;
        if (needId != null) {
            UUID id = needId;
            need = ImprovementNeed.lock(id).filter(n -> n.organisation.equals(callerOrganisation)).orElseThrow(() -> ProblemException.validation(
                    "The need to answer does not exist; nothing was changed",
                    List.of(new FieldError("/needId", "no improvement need " + id))));
            if (!need.active()) {
                throw ProblemException.conflict("Improvement need " + need.id + " is " + need.status
                        + "; a cycle can answer only an open or in-progress need");
            }
            cycle.organisation = need.organisation;
            cycle.microsystem = need.microsystem;
        }
        // Otherwise it follows a cycle of the caller's, whose organisation and microsystem it took (a plan names a
        // need or the cycle it follows: PlanValidator).
        for (int i = 0; i < plan.measures().size(); i++) {
            if (!cycle.organisation.equals(plan.measures().get(i).organisation())) {
                throw ProblemException.validation("Every measure of a cycle is of its organisation; nothing was changed",
                        List.of(new FieldError("/measures/" + i + "/organisation", "the cycle is for "
                                + cycle.organisation + ", not " + plan.measures().get(i).organisation())));
            }
        }
        cycle.needId = needId;
        cycle.plan = new Plan(needId, plan.follows(), plan.title().trim(), plan.objective(), plan.changeIdea(),
                plan.predictions(), plan.measures(), plan.dataCollection(), plan.owner(),
                plan.team() == null ? List.of() : plan.team(), plan.plannedStart(), plan.plannedEnd());
        cycle.title = cycle.plan.title();
        cycle.owner = plan.owner();
        cycle.plannedEnd = plan.plannedEnd();
        cycle.stage = Stage.PLAN.code();
        cycle.suggestedScore = score(ProgressScore.suggest(Stage.PLAN, List.of(), false));
        cycle.createdAt = now;
        cycle.updatedAt = now;
        cycle.version = 0;
        cycle.persist();
        changed(cycle, EventType.CYCLE_PLANNED, "planned", history.requester(), now, cycle.plan, null);
        if (need != null) {
            needs.answerWithCycle(need, cycle.id);
        }
        return cycle;
    }

    @Transactional
    public PdsaCycle recordDo(UUID id, String ifMatch, DoRecord body) {
        PdsaCycle cycle = writable(id, ifMatch, Step.DO);
        PlanValidator.doRecord(body);
        Instant now = clock.instant();
        cycle.doRecord = body.recorded(history.requester(), now);
        cycle.stage = Stage.DO.code();
        cycle.suggestedScore = score(ProgressScore.suggest(Stage.DO, List.of(), false));
        changed(cycle, EventType.CYCLE_STAGE_CHANGED, "do", history.requester(), now, cycle.doRecord, null);
        return cycle;
    }

    /**
     * Study: checks stage and version first, then reads the linked series from findings outside any
     * transaction, then records the snapshot under the row lock (checking again: someone may have been quicker).
     */
    public PdsaCycle recordStudy(UUID id, String ifMatch, StudyRecord body) {
        PdsaCycle read = QuarkusTransaction.requiringNew().call(() -> writable(id, ifMatch, Step.STUDY));
        PlanValidator.requireText("/comparison", body == null ? null : body.comparison(), 4000);
        PlanValidator.requireText("/learning", body.learning(), 4000);
        List<MeasureEvidence> evidence = snapshots.take(read.plan.measures(), read.doRecord.changeDate());
        return QuarkusTransaction.requiringNew().call(() -> {
            PdsaCycle cycle = writable(id, ifMatch, Step.STUDY);
            Instant now = clock.instant();
            cycle.study = body.recorded(evidence, history.requester(), now);
            cycle.stage = Stage.STUDY.code();
            cycle.suggestedScore = score(ProgressScore.suggest(Stage.STUDY, evidence, previousSustained(cycle)));
            changed(cycle, EventType.CYCLE_STAGE_CHANGED, "study", history.requester(), now, cycle.study, null);
            return cycle;
        });
    }

    @Transactional
    public PdsaCycle recordAct(UUID id, String ifMatch, ActRecord body) {
        PdsaCycle cycle = writable(id, ifMatch, Step.ACT);
        PlanValidator.act(body);
        Instant now = clock.instant();
        cycle.act = body.recorded(history.requester(), now);
        cycle.actDecision = body.decision();
        cycle.stage = Stage.ACT.code();
        if (body.teamScore() != null) {
            cycle.teamScore = score(body.teamScore());
        }
        List<MeasureEvidence> evidence = cycle.study.evidence();
        cycle.suggestedScore = score(ProgressScore.suggest(Stage.ACT, evidence, previousSustained(cycle)));
        changed(cycle, EventType.CYCLE_COMPLETED, "act", history.requester(), now, cycle.act, null);
        if (cycle.needId != null) {
            ImprovementNeed need = ImprovementNeed.lock(cycle.needId).orElseThrow();
            if (ActRecord.ADOPT.equals(body.decision()) && ProgressScore.sustained(evidence)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("cycleId", cycle.id);
                details.put("evidence", "special cause improvement since the change, sustained at Study");
                needs.markImproved(need, history.requester(), details);
            } else if (ActRecord.ABANDON.equals(body.decision())) {
                needs.reopen(need, cycle.id);
            }
        }
        return cycle;
    }

    @Transactional
    public PdsaCycle handOver(UUID id, String ifMatch, Person owner, String reason) {
        PdsaCycle cycle = writable(id, ifMatch, Step.HAND_OVER);
        PlanValidator.requirePerson("/owner", owner);
        if (Objects.equals(owner, cycle.owner)) {
            return cycle; // the same owner again changes nothing
        }
        Instant now = clock.instant();
        Person previous = cycle.owner;
        cycle.owner = owner;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", previous);
        details.put("to", owner);
        details.put("reason", reason);
        changed(cycle, EventType.CYCLE_OWNER_CHANGED, "owner-changed", history.requester(), now, details, previous);
        return cycle;
    }

    /** The people on the team change (someone joins, someone leaves): kept in the history; the owner is apart. */
    @Transactional
    public PdsaCycle changeTeam(UUID id, String ifMatch, List<Person> team, String reason) {
        PdsaCycle cycle = writable(id, ifMatch, Step.TEAM);
        PlanValidator.requireTeam(team);
        Plan plan = cycle.plan;
        List<Person> before = plan.team() == null ? List.of() : plan.team();
        if (before.equals(team)) {
            return cycle; // the same team again changes nothing
        }
        cycle.plan = new Plan(plan.needId(), plan.follows(), plan.title(), plan.objective(), plan.changeIdea(),
                plan.predictions(), plan.measures(), plan.dataCollection(), plan.owner(), List.copyOf(team),
                plan.plannedStart(), plan.plannedEnd());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", before);
        details.put("to", team);
        details.put("reason", reason);
        changed(cycle, null, "team-changed", history.requester(), clock.instant(), details, null);
        return cycle;
    }

    @Transactional
    public PdsaCycle setTeamScore(UUID id, String ifMatch, Double score, String note) {
        PdsaCycle cycle = writable(id, ifMatch, Step.SCORE);
        PlanValidator.score(score);
        Instant now = clock.instant();
        cycle.teamScore = score(score);
        cycle.teamScoreNote = note;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("score", score);
        details.put("note", note);
        changed(cycle, null, "team-score", history.requester(), now, details, null);
        return cycle;
    }

    /** Reports a running cycle whose planned end passed, once per planned end; true if it did. */
    @Transactional(TxType.MANDATORY)
    public boolean reportOverdue(UUID id, LocalDate today) {
        PdsaCycle cycle = PdsaCycle.lock(id).orElseThrow();
        if (cycle.stageNow() == Stage.ACT || !today.isAfter(cycle.plannedEnd) || cycle.plannedEnd.equals(cycle.overdueFor)) {
            return false;
        }
        Instant now = clock.instant();
        cycle.overdueFor = cycle.plannedEnd;
        changed(cycle, EventType.CYCLE_OVERDUE, "overdue", History.SYSTEM, now,
                Map.of("plannedEnd", cycle.plannedEnd.toString(), "stage", cycle.stage), null);
        return true;
    }

    /** The cycle locked for a write of {@code step}: it exists, the version matches, the stage allows it. */
    private PdsaCycle writable(UUID id, String ifMatch, Step step) {
        PdsaCycle cycle = PdsaCycle.lock(id).orElseThrow(() -> ProblemException.notFound("No PDSA cycle " + id));
        Preconditions.check(ifMatch, cycle.version, "PDSA cycle");
        try {
            StageMachine.after(cycle.stageNow(), step);
        } catch (StageConflict e) {
            throw new ProblemException(409, "stage-conflict", "Not allowed at this stage", e.detail(), List.of());
        }
        return cycle;
    }

    private static boolean previousSustained(PdsaCycle cycle) {
        if (cycle.previousCycleId == null) {
            return false;
        }
        PdsaCycle previous = PdsaCycle.findById(cycle.previousCycleId);
        return previous != null && previous.study != null && ProgressScore.sustained(previous.study.evidence());
    }

    private void changed(PdsaCycle cycle, EventType event, String action, String actor, Instant now, Object details,
            Person previousOwner) {
        cycle.version++;
        cycle.updatedAt = now;
        history.record("cycle", cycle.id, cycle.version, action, actor, now, details);
        if (event != null) {
            PdsaCycleState state = state(cycle, previousOwner);
            outbox.publish(event, state.eventId(), cycle.organisation, "pdsa-cycle/" + cycle.id, state);
        }
    }

    public static PdsaCycleState state(PdsaCycle c, Person previousOwner) {
        List<Measure> measures = c.plan.measures();
        return new PdsaCycleState(c.id, c.version, c.stage, c.needId, c.rampId, c.previousCycleId, c.sequence,
                c.organisation, c.microsystem, c.title, measures, c.owner, previousOwner, c.plan.plannedStart(),
                c.plannedEnd, c.doRecord == null ? null : c.doRecord.changeDate(), c.actDecision,
                c.suggestedScore.doubleValue(), c.teamScore == null ? null : c.teamScore.doubleValue(), c.updatedAt);
    }

    private static BigDecimal score(double value) {
        return BigDecimal.valueOf(value).setScale(1);
    }

}
