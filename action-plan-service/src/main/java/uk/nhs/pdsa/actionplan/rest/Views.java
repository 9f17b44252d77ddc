package uk.nhs.pdsa.actionplan.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pdsa.actionplan.ChangeHistory;
import uk.nhs.pdsa.actionplan.ImprovementNeed;
import uk.nhs.pdsa.actionplan.NeedEvidence;
import uk.nhs.pdsa.actionplan.PdsaCycle;
import uk.nhs.pdsa.actionplan.pdsa.MeasureEvidence;
import uk.nhs.pdsa.actionplan.pdsa.StageMachine;
import uk.nhs.pdsa.actionplan.pdsa.Step;
import uk.nhs.pdsa.actionplan.service.ImprovementNeedService;
import uk.nhs.pdsa.actionplan.worksheet.ActRecord;
import uk.nhs.pdsa.actionplan.worksheet.DoRecord;
import uk.nhs.pdsa.actionplan.worksheet.Plan;
import uk.nhs.pdsa.actionplan.worksheet.StudyRecord;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.PdsaCycleState.Person;

/** What the API answers: needs with their evidence and cycles, cycles with their worksheet, ramps, history. */
public final class Views {
    private Views() {
    }

    @Schema(name = "ImprovementNeed", example = """
            {"id": "3f9b8f7e-3d1c-4b7a-9e2f-5a6b7c8d9e0f", "version": 2, "status": "in-progress", "organisation": "RXH",
             "microsystem": "trauma-ward-2", "audit": "nhfd", "metric": "surgery-within-36h",
             "openingFindingId": "6a0c3a57-2f0e-3b5c-8d0e-1d2b3c4d5e6f",
             "evidence": [{"findingId": "6a0c3a57-2f0e-3b5c-8d0e-1d2b3c4d5e6f", "kind": "special-cause", "period": "2025-09",
                           "variation": "special-cause-concern", "status": "open", "addedAt": "2025-10-02T09:15:02Z"}],
             "openedAt": "2025-10-02T09:15:02Z", "dueBy": "2025-11-01",
             "answer": {"kind": "cycle", "cycleId": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "by": "anonymous", "at": "2025-10-20T10:00:00Z"},
             "cycles": [{"id": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "sequence": 1, "title": "Theatre slot held for hip fractures",
                         "stage": "plan", "owner": {"name": "Dr A Patel"}, "suggestedScore": 1.5}],
             "chart": "/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=RXH&microsystem=trauma-ward-2",
             "updatedAt": "2025-10-20T10:00:00Z"}""")
    public record NeedView(UUID id, int version, String status, String organisation, String microsystem, String audit,
            String metric, UUID openingFindingId, List<EvidenceView> evidence, Instant openedAt, LocalDate dueBy,
            ImprovementNeedState.Answer answer, ImprovementNeedState.Escalation escalation, Instant concernResolvedAt,
            Instant improvedAt, List<CycleSummary> cycles,
            @Schema(description = "The series' SPC chart on findings-service (JSON, or SVG with Accept: image/svg+xml)") String chart,
            Instant updatedAt) {
    }

    @Schema(name = "NeedEvidence", example = """
            {"findingId": "6a0c3a57-2f0e-3b5c-8d0e-1d2b3c4d5e6f", "kind": "special-cause", "period": "2025-12",
             "variation": "special-cause-concern", "status": "open", "addedAt": "2026-01-02T09:15:02Z", "resolvedAt": null}""")
    public record EvidenceView(UUID findingId, String kind, String period, String variation, String status,
            Instant addedAt, Instant resolvedAt) {
    }

    @Schema(name = "CycleSummary", example = """
            {"id": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "needId": "3f9b8f7e-3d1c-4b7a-9e2f-5a6b7c8d9e0f", "sequence": 1,
             "title": "Theatre slot held for hip fractures", "stage": "do", "owner": {"name": "Dr A Patel"},
             "plannedEnd": "2026-02-28", "changeDate": "2026-01-12", "actDecision": null, "suggestedScore": 2.0,
             "teamScore": null, "updatedAt": "2026-01-12T08:00:00Z"}""")
    public record CycleSummary(UUID id, UUID needId, int sequence, String title, String stage, Person owner,
            LocalDate plannedEnd, LocalDate changeDate, String actDecision, double suggestedScore, Double teamScore,
            Instant updatedAt) {
    }

    @Schema(name = "PdsaCycle", description = "A PDSA cycle with its worksheet; ETag header = \"version\"", example = """
            {"id": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "version": 2, "stage": "do", "next": ["study", "owner", "progress-score", "team"],
             "needId": "3f9b8f7e-3d1c-4b7a-9e2f-5a6b7c8d9e0f", "rampId": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e",
             "previousCycleId": null, "nextCycleId": null, "sequence": 1, "organisation": "RXH", "microsystem": "trauma-ward-2",
             "title": "Theatre slot held for hip fractures", "owner": {"name": "Dr A Patel", "email": "a.patel@nhs.net"},
             "plan": {"title": "Theatre slot held for hip fractures", "objective": "...", "changeIdea": "...",
                      "predictions": [], "measures": [], "dataCollection": {}, "plannedStart": "2026-01-05", "plannedEnd": "2026-02-28"},
             "doRecord": {"changeDate": "2026-01-12", "whatWasDone": "First weekday trauma slot held"}, "study": null, "act": null,
             "actDecision": null, "suggestedScore": 2.0, "teamScore": null, "teamScoreNote": null,
             "createdAt": "2026-01-05T09:00:00Z", "updatedAt": "2026-01-12T08:00:00Z"}""")
    public record CycleView(UUID id, int version, String stage,
            @Schema(description = "What can be recorded next (do, study, act, owner, progress-score, team)") List<String> next,
            UUID needId, UUID rampId, UUID previousCycleId, UUID nextCycleId, int sequence, String organisation,
            String microsystem, String title, Person owner, Plan plan, DoRecord doRecord, StudyRecord study,
            ActRecord act, String actDecision, double suggestedScore, Double teamScore, String teamScoreNote, Instant createdAt,
            Instant updatedAt) {
    }

    @Schema(name = "Ramp", description = "The cycles that test one change idea after another, oldest first", example = """
            {"rampId": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "needId": "3f9b8f7e-3d1c-4b7a-9e2f-5a6b7c8d9e0f",
             "organisation": "RXH", "microsystem": "trauma-ward-2", "status": "continues",
             "cycles": [{"id": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "sequence": 1, "title": "Theatre slot held",
                         "changeIdea": "Hold the first weekday trauma slot", "stage": "act", "changeDate": "2026-01-12",
                         "actDecision": "adapt", "actRationale": "Add a weekend review", "suggestedScore": 2.5, "teamScore": 2.5,
                         "studied": ["surgery-within-36h RXH/trauma-ward-2: no improvement since the change"]}]}""")
    public record RampView(UUID rampId, UUID needId, String organisation, String microsystem,
            @Schema(description = "running (latest cycle not complete), continues (latest adopted or adapted: a next cycle may follow), ended (latest abandoned)")
            String status, List<RampStep> cycles) {
    }

    @Schema(name = "RampStep", example = """
            {"id": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "sequence": 1, "title": "Theatre slot held",
             "changeIdea": "Hold the first weekday trauma slot", "stage": "act", "changeDate": "2026-01-12",
             "actDecision": "adapt", "actRationale": "Add a weekend review", "suggestedScore": 2.5, "teamScore": 2.5,
             "studied": ["surgery-within-36h RXH/trauma-ward-2: no improvement since the change"]}""")
    public record RampStep(UUID id, int sequence, String title, String changeIdea, String stage, LocalDate changeDate,
            String actDecision, String actRationale, double suggestedScore, Double teamScore,
            @Schema(description = "Per measure: special cause since the change (improvement or concern), from Study")
            List<String> studied) {
    }

    @Schema(name = "Board", description = "A microsystem's improvement work at a glance: needs by status, cycles by stage",
            example = """
            {"organisation": "RXH", "microsystem": "trauma-ward-2",
             "needs": {"open": [], "inProgress": [{"id": "3f9b8f7e-3d1c-4b7a-9e2f-5a6b7c8d9e0f", "status": "in-progress"}],
                       "closed": [], "improved": []},
             "cycles": {"plan": [], "do": [{"id": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "stage": "do"}], "study": [], "act": []}}""")
    public record BoardView(String organisation, String microsystem, NeedColumns needs, CycleColumns cycles) {
    }

    @Schema(name = "BoardNeeds", example = """
            {"open": [], "inProgress": [{"id": "3f9b8f7e-3d1c-4b7a-9e2f-5a6b7c8d9e0f", "status": "in-progress"}], "closed": [], "improved": []}""")
    public record NeedColumns(List<NeedView> open, List<NeedView> inProgress,
            List<NeedView> closed, List<NeedView> improved) {
    }

    @Schema(name = "BoardCycles", example = """
            {"plan": [], "do": [{"id": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "stage": "do"}], "study": [], "act": []}""")
    public record CycleColumns(List<CycleSummary> plan, @JsonProperty("do") List<CycleSummary> doing,
            List<CycleSummary> study, List<CycleSummary> act) {
    }

    @Schema(name = "HistoryEntry", example = """
            {"version": 3, "action": "do", "actor": "f3c1d2e4-5a6b-4c7d-8e9f-0a1b2c3d4e5f@RXH", "actorName": "Sam Okafor",
             "at": "2025-11-12T08:00:00Z",
             "details": {"changeDate": "2025-11-12", "whatWasDone": "First weekday trauma slot held"}}""")
    public record HistoryEntry(int version, String action, String actor,
            @Schema(description = "The person's name from their token (absent for the service's own steps)") String actorName,
            Instant at,
            @Schema(type = SchemaType.OBJECT, description = "What the change recorded (the request, or the step's facts)",
                    implementation = Object.class) JsonNode details) {
    }

    public static NeedView need(ImprovementNeed n) {
        List<EvidenceView> evidence = NeedEvidence.ofNeed(n.id).stream().map(e -> new EvidenceView(e.findingId, e.kind,
                e.period, e.variation, e.status, e.addedAt, e.resolvedAt)).toList();
        String chart = "/api/v1/spc?audit=" + n.audit + "&metric=" + n.metric + "&organisation=" + n.organisation
                + (n.microsystem == null ? "" : "&microsystem=" + n.microsystem);
        return new NeedView(n.id, n.version, n.status, n.organisation, n.microsystem, n.audit, n.metric,
                n.openingFindingId, evidence, n.openedAt, n.dueBy, ImprovementNeedService.answer(n),
                ImprovementNeedService.escalation(n), n.concernResolvedAt,
                n.improvedAt, PdsaCycle.ofNeed(n.id).stream().map(Views::summary).toList(), chart, n.updatedAt);
    }

    public static CycleSummary summary(PdsaCycle c) {
        return new CycleSummary(c.id, c.needId, c.sequence, c.title, c.stage, c.owner, c.plannedEnd,
                c.doRecord == null ? null : c.doRecord.changeDate(), c.actDecision, c.suggestedScore.doubleValue(),
                c.teamScore == null ? null : c.teamScore.doubleValue(), c.updatedAt);
    }

    public static CycleView cycle(PdsaCycle c) {
        List<String> next = Arrays.stream(Step.values()).filter(s -> StageMachine.allows(c.stageNow(), s))
                .map(Step::code).toList();
        UUID nextCycle = PdsaCycle.follower(c.id).map(f -> f.id).orElse(null);
        return new CycleView(c.id, c.version, c.stage, next, c.needId, c.rampId, c.previousCycleId, nextCycle, c.sequence,
                c.organisation, c.microsystem, c.title, c.owner, c.plan, c.doRecord, c.study, c.act, c.actDecision,
                c.suggestedScore.doubleValue(), c.teamScore == null ? null : c.teamScore.doubleValue(), c.teamScoreNote,
                c.createdAt, c.updatedAt);
    }

    public static RampView ramp(List<PdsaCycle> cycles) {
        PdsaCycle first = cycles.get(0);
        PdsaCycle last = cycles.get(cycles.size() - 1);
        String status = last.act == null ? "running" : last.act.continues() ? "continues" : "ended";
        List<RampStep> steps = cycles.stream().map(c -> new RampStep(c.id, c.sequence, c.title, c.plan.changeIdea(),
                c.stage, c.doRecord == null ? null : c.doRecord.changeDate(), c.actDecision,
                c.act == null ? null : c.act.rationale(), c.suggestedScore.doubleValue(),
                c.teamScore == null ? null : c.teamScore.doubleValue(), studied(c))).toList();
        return new RampView(first.rampId, first.needId, first.organisation, first.microsystem, status, steps);
    }

    private static List<String> studied(PdsaCycle c) {
        if (c.study == null) {
            return List.of();
        }
        return c.study.evidence().stream().map(Views::studied).toList();
    }

    private static String studied(MeasureEvidence e) {
        String series = e.measure().metric() + " " + e.measure().organisation()
                + (e.measure().microsystem() == null ? "" : "/" + e.measure().microsystem());
        if (!e.available()) {
            return series + ": " + e.note();
        }
        if (e.sustained()) {
            return series + ": special cause improvement since " + e.improvement().firstPeriod() + ", sustained";
        }
        if (e.improvement() != null) {
            return series + ": special cause improvement " + e.improvement().firstPeriod() + " to " + e.improvement().lastPeriod();
        }
        if (e.concern() != null) {
            return series + ": special cause concern since the change (" + e.concern().firstPeriod() + ")";
        }
        return series + (e.meanBetter() ? ": mean better since the change, no special cause" : ": no improvement since the change");
    }

    public static HistoryEntry history(ChangeHistory h) {
        return new HistoryEntry(h.version, h.action, h.actor, h.actorName, h.at, h.details);
    }
}
