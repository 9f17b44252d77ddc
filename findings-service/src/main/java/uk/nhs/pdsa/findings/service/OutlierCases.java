package uk.nhs.pdsa.findings.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.findings.StoredOutlierCase;
import uk.nhs.pdsa.findings.outlier.OutlierCase;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.CommissionerScopes;
import uk.nhs.pdsa.runtime.security.Roles;

/**
 * People move outlier cases through the audit's outlier policy: the audit (role {@code national}) tells the trust's
 * clinical lead, tells the trust's board (and the regulator for an alarm) and publishes; the trust's clinical lead
 * (an {@code improvement-lead} of the trust) confirms or corrects the data and records the trust's response. Trust
 * roles see their own organisation's cases; national oversight and admins every case.
 */
@ApplicationScoped
public class OutlierCases {
    /** What a step does to a case: who takes it, on which day. */
    private interface Action {
        OutlierCase apply(OutlierCase c, String who, LocalDate on);
    }

    /** A step someone takes, who may take it, and the case after it. */
    private record Step(boolean audit, Action apply) {
    }

    private static final Map<String, Step> STEPS = Map.of(
            "notify-clinical-lead", new Step(true, OutlierCase::notifyClinicalLead),
            "confirm-data", new Step(false, OutlierCase::confirmData),
            "correct-data", new Step(false, OutlierCase::correctData),
            "inform", new Step(true, OutlierCase::inform),
            "respond", new Step(false, OutlierCase::respond),
            "publish", new Step(true, OutlierCase::publish));
    /** The evidence kind action-plan gives an outlier case behind an improvement need (its id is the case id). */
    public static final String OUTLIER_CASE = "outlier-case";

    private final Caller caller;
    private final OutlierCaseEvents events;
    private final CommissionerScopes scopes;
    private final Clock clock;

    public OutlierCases(Caller caller, OutlierCaseEvents events, CommissionerScopes scopes, Clock clock) {
        this.caller = caller;
        this.events = events;
        this.scopes = scopes;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The cases the caller may read, newest period first; filters optional. */
    @Transactional
    public List<StoredOutlierCase> list(String audit, String organisation, String stage) {
        boolean regulator = regulatorOnly();
        boolean commissioner = commissionerOnly();
        boolean everyone = regulator || commissioner || caller.hasAny(Roles.NATIONAL, Roles.ADMIN);
        if (!everyone && caller.asksForAnother(organisation)) {
            return List.of();
        }
        String only = everyone ? blankToNull(organisation) : caller.organisation();
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (commissioner) {
            List<String> members = scopes.membersOf(caller.organisation());
            if (members.isEmpty() || only != null && !members.contains(only)) {
                return List.of();
            }
            query.append(" and organisation in :members");
            params.put("members", members);
        }
        if (blankToNull(audit) != null) {
            query.append(" and audit = :audit");
            params.put("audit", audit.strip());
        }
        if (only != null) {
            query.append(" and organisation = :organisation");
            params.put("organisation", only);
        }
        if (blankToNull(stage) != null) {
            query.append(" and stage = :stage");
            params.put("stage", stage.strip());
        }
        List<StoredOutlierCase> found = StoredOutlierCase.list(query + " order by period desc, audit, metric, organisation",
                params);
        return regulator ? found.stream().filter(c -> c.state.toldToRegulator()).toList() : found;
    }

    /** The caller reads as the regulator only (not also as national oversight, an admin or the trust). */
    public boolean regulatorOnly() {
        return caller.has(Roles.REGULATOR) && !caller.hasAny(Roles.NATIONAL, Roles.ADMIN, Roles.VIEWER,
                Roles.IMPROVEMENT_LEAD);
    }

    /** The caller reads as a commissioner only: its member trusts' cases. */
    public boolean commissionerOnly() {
        return caller.has(Roles.COMMISSIONER) && !caller.hasAny(Roles.NATIONAL, Roles.ADMIN, Roles.REGULATOR,
                Roles.VIEWER, Roles.IMPROVEMENT_LEAD);
    }

    /** Whether the caller sees each step's actor as its role only (the regulator, a commissioner). */
    public boolean rolesOnly() {
        return regulatorOnly() || commissionerOnly();
    }

    /** One case the caller may read; 404 otherwise (as for an id that does not exist). */
    @Transactional
    public StoredOutlierCase get(UUID id) {
        StoredOutlierCase c = StoredOutlierCase.findById(id);
        boolean regulatorMay = caller.has(Roles.REGULATOR) && c != null && c.state.toldToRegulator();
        boolean commissionerMay = caller.has(Roles.COMMISSIONER) && c != null
                && scopes.membersOf(caller.organisation()).contains(c.organisation);
        if (c == null || !caller.readsFor(c.organisation, Roles.VIEWER, Roles.IMPROVEMENT_LEAD) && !caller.has(Roles.ADMIN)
                && !regulatorMay && !commissionerMay) {
            throw ProblemException.notFound("No outlier case " + id);
        }
        return c;
    }

    /**
     * Takes a step of the case. The audit's steps are national oversight's; the trust's are its improvement lead's
     * (the clinical lead). {@code version}, when given, must be the case's (else 409: someone moved it meanwhile).
     */
    @Transactional
    public StoredOutlierCase step(UUID id, String action, Integer version) {
        // The request's own form first, whatever case it names.
        Step step = action == null ? null : STEPS.get(action.strip().toLowerCase(Locale.ROOT));
        if (step == null) {
            throw ProblemException.validation("Unknown step", List.of(new FieldError("/action",
                    "action must be one of " + new java.util.TreeSet<>(STEPS.keySet()))));
        }
        StoredOutlierCase c = get(id);
        OutlierCase next;
        try {
            next = step.apply().apply(c.state, caller.actor(), today());
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("The step " + action.strip() + " cannot be taken while the case is at "
                    + c.state.stage().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        boolean allowed = step.audit() ? caller.has(Roles.NATIONAL)
                : caller.actsFor(c.organisation, Roles.IMPROVEMENT_LEAD);
        if (!allowed) {
            throw ProblemException.forbidden(step.audit()
                    ? "This step is the audit's (national oversight)"
                    : "This step is the trust's clinical lead's (an improvement lead of " + c.organisation + ")");
        }
        if (version != null && version != c.version) {
            throw ProblemException.conflict("The case moved on meanwhile (version " + c.version + "): read it again");
        }
        if (c.become(next, clock.instant())) {
            events.moved(c);
        }
        return c;
    }

    /**
     * An improvement need was answered (action-plan): for each outlier case behind it, that is the trust's response.
     * A case whose board was told moves to responded; a case the clinical lead already marked responded keeps its
     * stage and gains the answer, so what patient groups hear at publication is what the trust did.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void needAnswered(ImprovementNeedState need) {
        if (need.answer() == null || need.evidence() == null) {
            return;
        }
        for (ImprovementNeedState.Evidence e : need.evidence()) {
            if (e == null || e.findingId() == null || !OUTLIER_CASE.equals(e.kind())) {
                continue;
            }
            StoredOutlierCase c = StoredOutlierCase.findById(e.findingId());
            if (c == null || c.responseKind != null || !c.organisation.equals(need.organisation())) {
                continue;
            }
            OutlierCase next = c.state.stage() == OutlierCase.Stage.INFORMED
                    ? c.state.respond("trust", today()) : c.state;
            c.responded(need.answer().kind(), need.needId(), need.answer().cycleId(), need.answer().at(), next,
                    clock.instant());
            events.moved(c);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
