package uk.nhs.pdsa.findings.rest;

import uk.nhs.pdsa.runtime.problem.ProblemException;

import uk.nhs.pdsa.findings.AuditOutlierPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.findings.PeriodAnalysis;
import uk.nhs.pdsa.findings.StoredOutlierCase;
import uk.nhs.pdsa.findings.outlier.OutlierCase;
import uk.nhs.pdsa.findings.service.OutlierAnalysis;
import uk.nhs.pdsa.findings.service.OutlierCaseEvents;
import uk.nhs.pdsa.findings.service.OutlierCases;
import uk.nhs.pdsa.runtime.security.Roles;

/** Outlier cases of closed analysis periods, moved through the audit's outlier policy, and the analyses behind them. */
@Path("/api/v1")
@Tag(name = "Outliers", description = "Providers compared on closed analysis periods (HQIP 2017), and the cases that follow")
@Produces(MediaType.APPLICATION_JSON)
public class OutlierResource {
    private final OutlierCases cases;
    private final OutlierAnalysis analysis;
    private final java.time.Clock clock;

    public OutlierResource(OutlierCases cases, OutlierAnalysis analysis, java.time.Clock clock) {
        this.cases = cases;
        this.analysis = analysis;
        this.clock = clock;
    }

    @Schema(name = "OutlierCase", example = """
            {"id": "5d1c0b7e-3f7a-4a51-9f0e-2b8c4d6e7f81", "audit": "nhfd", "metric": "mortality-30-day",
             "period": "2025-26", "organisation": "RJ1", "level": "alarm", "stage": "data-review",
             "nextActor": "clinical-lead", "dueBy": "2026-06-05", "overdue": false, "escalated": false,
             "reportedToRegulator": false, "numerator": 118, "denominator": 820, "value": 0.1439, "target": 0.0712,
             "response": null, "version": 2, "history": [
              {"stage": "provider-analysis", "action": "raised", "actor": "analysis", "by": "analysis", "on": "2026-05-06"},
              {"stage": "data-review", "action": "clinical-lead-notified", "actor": "ab12@X26", "by": "audit",
               "on": "2026-05-08"}]}""")
    public record CaseView(UUID id, String audit, String metric, String period, String organisation, String level,
            String stage,
            @Schema(description = "Who acts next: audit, clinical-lead, trust (its board) or nobody") String nextActor,
            LocalDate dueBy, boolean overdue, boolean escalated, boolean reportedToRegulator,
            @Schema(description = "The trust's totals over the period, as last analysed") Long numerator, Long denominator,
            @Schema(description = "Standardised ratios: the expected count over the period (value is observed over"
                    + " expected, target 1); absent otherwise") Double expected,
            Double value, @Schema(description = "The national value over the period") Double target,
            @Schema(description = "The trust's response (its improvement need answered), or null") ResponseView response,
            int version, List<HistoryEntry> history) {
    }

    @Schema(name = "OutlierResponse", example = """
            {"kind": "cycle", "needId": "0b6f2c1e-9a7d-4e3b-8c5f-1d2e3f4a5b6c",
             "cycleId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "at": "2026-06-20T10:00:00Z"}""")
    public record ResponseView(@Schema(description = "cycle (a PDSA cycle started) or decision (recorded with reasons)")
            String kind, UUID needId, UUID cycleId, Instant at) {
    }

    @Schema(name = "OutlierStepTaken", example = """
            {"stage": "data-review", "action": "data-confirmed", "actor": "ab12@RJ1", "by": "clinical-lead",
             "on": "2026-05-20"}""")
    public record HistoryEntry(String stage, String action,
            @Schema(description = "Who took the step: the account's id, or analysis or platform") String actor,
            @Schema(description = "As a role: analysis, audit, clinical-lead, trust or platform") String by,
            LocalDate on) {
    }

    @Schema(name = "OutlierStep", example = """
            {"action": "confirm-data", "version": 2}""")
    public record StepRequest(
            @Schema(description = "notify-clinical-lead, inform or publish (the audit's, national oversight); confirm-data,"
                    + " correct-data or respond (the trust's clinical lead, an improvement lead of the trust)")
            String action,
            @Schema(description = "The case's version as read; a case moved on meanwhile answers 409") Integer version) {
    }

    @Schema(name = "OutlierAnalysis", example = """
            {"audit": "nhfd", "metric": "mortality-30-day", "period": "2025-26", "firstMonth": "2025-04",
             "lastMonth": "2026-03", "target": 0.0712, "runs": 2, "analysedAt": "2026-05-06T02:00:00Z",
             "changes": ["RJ1 revised from 121 of 820 to 118 of 820"],
             "units": [{"organisation": "RJ1", "numerator": 118, "denominator": 820, "value": 0.1439,
                        "classification": "alarm-high", "level": "alarm"}]}""")
    public record AnalysisView(String audit, String metric, String period, String firstMonth, String lastMonth,
            double target, int runs, Instant analysedAt, List<String> changes, List<PeriodAnalysis.Unit> units) {
        static AnalysisView of(PeriodAnalysis a) {
            return new AnalysisView(a.audit, a.metric, a.period, a.firstMonth, a.lastMonth, a.target, a.runs,
                    a.analysedAt, a.changes, a.units);
        }
    }

    public record RunView(int analysed, int casesOpened, int casesChanged, List<AnalysisView> analyses) {
    }

    @GET
    @Path("/outlier-cases")
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.NATIONAL, Roles.ADMIN, Roles.REGULATOR,
            Roles.COMMISSIONER })
    @Operation(summary = "Outlier cases: a trust's own, every trust's (national oversight), or those the regulator was"
            + " told of (confirmed alarms, escalated or unanswered cases), or a commissioner's member trusts'; newest"
            + " period first")
    @APIResponse(responseCode = "200", description = "The cases")
    public List<CaseView> list(@Parameter(example = "nhfd") @QueryParam("audit") String audit,
            @Parameter(example = "RJ1") @QueryParam("organisation") String organisation,
            @Parameter(description = "provider-analysis, data-review, reanalysis, confirmed, informed, responded,"
                    + " published or closed") @QueryParam("stage") String stage) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().code("audit", audit).organisation("organisation", organisation)
                .oneOf("stage", stage, java.util.Arrays.stream(uk.nhs.pdsa.findings.outlier.OutlierCase.Stage.values())
                        .map(st -> st.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList())
                .orRefuse();
        List<StoredOutlierCase> found = cases.list(audit, organisation, stage);
        return views(found, cases.rolesOnly());
    }

    @GET
    @Path("/outlier-cases/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.NATIONAL, Roles.ADMIN, Roles.REGULATOR,
            Roles.COMMISSIONER })
    @Operation(summary = "One outlier case with its history (who did what, when; the regulator sees roles only)")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(responseCode = "404", description = "No such case the caller may read")
    public CaseView get(@PathParam("id") UUID id) {
        return views(List.of(cases.get(id)), cases.rolesOnly()).get(0);
    }

    @POST
    @Path("/outlier-cases/{id}/steps")
    @RolesAllowed({ Roles.IMPROVEMENT_LEAD, Roles.NATIONAL })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take the case's next step: the audit tells the clinical lead, the board (and the regulator for"
            + " an alarm) and publishes; the clinical lead confirms or corrects the data and records the trust's response")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StepRequest.class)))
    @APIResponse(responseCode = "200", description = "The case after the step")
    @APIResponse(responseCode = "400", description = "An unknown action")
    @APIResponse(responseCode = "403", description = "A step that is not the caller's to take")
    @APIResponse(responseCode = "404", description = "No such case the caller may read")
    @APIResponse(responseCode = "409", description = "Not a step of the case's stage, or the case moved on meanwhile")
    public CaseView step(@PathParam("id") UUID id, StepRequest request) {
        StoredOutlierCase c = cases.step(id, request == null ? null : request.action(),
                request == null ? null : request.version());
        return views(List.of(c), false).get(0);
    }

    @GET
    @Path("/outlier-analyses")
    @RolesAllowed({ Roles.NATIONAL, Roles.ADMIN })
    @Operation(summary = "The analyses of closed periods: each trust's totals and level, and what the last run changed")
    @APIResponse(responseCode = "200", description = "The analyses")
    @Transactional
    public List<AnalysisView> analyses(@Parameter(example = "nhfd") @QueryParam("audit") String audit,
            @Parameter(example = "mortality-30-day") @QueryParam("metric") String metric) {
        return PeriodAnalysis.of(blankToNull(audit), blankToNull(metric)).stream().map(AnalysisView::of).toList();
    }

    @POST
    @Path("/outlier-analyses")
    @RolesAllowed({ Roles.NATIONAL, Roles.ADMIN })
    @Operation(summary = "Analyse now the closed periods that are new or whose data changed (the platform also does it every hour)")
    @APIResponse(responseCode = "200", description = "What this run analysed and the cases it opened or moved")
    public RunView run(@Parameter(description = "Only this audit", example = "nhfd") @QueryParam("audit") String audit) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().code("audit", audit).orRefuse();
        if (blankToNull(audit) != null && AuditOutlierPolicy.stated().stream().noneMatch(p -> p.audit.equals(audit))) {
            throw ProblemException.notFound("No audit " + audit + " with an outlier policy");
        }
        OutlierAnalysis.Run run = analysis.run(blankToNull(audit));
        return new RunView(run.analysed().size(), run.casesOpened(), run.casesChanged(),
                run.analysed().stream().map(AnalysisView::of).toList());
    }

    /** @param rolesOnly each step's actor as its role (for the regulator: never a member of staff's id) */
    private List<CaseView> views(List<StoredOutlierCase> found, boolean rolesOnly) {
        LocalDate today = LocalDate.now(clock);
        Map<List<String>, PeriodAnalysis> analyses = new HashMap<>();
        return found.stream().map(c -> {
            // The case as its events carry it (totals from the period's analysis, the response), plus its history.
            OutlierCaseState e = OutlierCaseEvents.state(c, analyses.computeIfAbsent(List.of(c.audit, c.metric, c.period),
                    k -> PeriodAnalysis.findById(new PeriodAnalysis.Key(c.audit, c.metric, c.period))));
            OutlierCase s = c.state;
            return new CaseView(c.id, c.audit, c.metric, c.period, c.organisation, c.level, c.stage, e.nextActor(),
                    c.dueBy, s.overdue(today), e.escalated(), e.reportedToRegulator(), e.numerator(), e.denominator(),
                    e.expected(), e.value(), e.target(), e.response() == null ? null : new ResponseView(e.response().kind(),
                            e.response().needId(), e.response().cycleId(), e.response().at()),
                    c.version, s.history().stream().map(h -> new HistoryEntry(
                            h.stage().name().toLowerCase().replace('_', '-'), h.action(),
                            rolesOnly ? OutlierCaseEvents.actedBy(h) : h.actor(), OutlierCaseEvents.actedBy(h), h.on()))
                            .toList());
        }).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
