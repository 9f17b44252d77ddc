package uk.nhs.pdsa.findings.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.findings.PeriodAnalysis;
import uk.nhs.pdsa.findings.StoredOutlierCase;
import uk.nhs.pdsa.findings.outlier.OutlierCase;
import uk.nhs.pdsa.runtime.outbox.Outbox;

/**
 * Announces every step of every outlier case on the findings topic (through the outbox, in the step's transaction):
 * notification-service tells the people of the stage, action-plan opens the trust's improvement need once its board
 * is told. Who acted is given as a role, never a person.
 */
@ApplicationScoped
public class OutlierCaseEvents {
    private static final Set<String> AUDIT_STEPS = Set.of("clinical-lead-notified", "board-informed",
            "board-and-regulator-informed", "published");
    private static final Set<String> CLINICAL_LEAD_STEPS = Set.of("data-confirmed", "data-corrected");

    private final Outbox outbox;

    public OutlierCaseEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void opened(StoredOutlierCase c) {
        publish(EventType.OUTLIER_CASE_OPENED, c);
    }

    @Transactional(TxType.MANDATORY)
    public void moved(StoredOutlierCase c) {
        publish(EventType.OUTLIER_CASE_MOVED, c);
    }

    private void publish(EventType type, StoredOutlierCase c) {
        OutlierCaseState state = state(c, PeriodAnalysis.findById(new PeriodAnalysis.Key(c.audit, c.metric, c.period)));
        outbox.publish(type, state.eventId(), state.subject(), state.subject(), state);
    }

    /** The case as its events carry it, with the trust's totals from the period's analysis (null if none). */
    public static OutlierCaseState state(StoredOutlierCase c, PeriodAnalysis analysis) {
        PeriodAnalysis.Unit u = analysis == null ? null : analysis.unitOf(c.organisation);
        OutlierCase s = c.state;
        OutlierCase.Entry last = s.history().get(s.history().size() - 1);
        return new OutlierCaseState(c.id, c.version, c.audit, c.metric, c.period, c.organisation, c.level, c.stage,
                last.action(), actedBy(last), s.actor(), c.dueBy, s.escalated(), s.reportedToRegulator(),
                u == null ? null : u.numerator(), u == null ? null : u.denominator(), u == null ? null : u.expected(),
                u == null ? null : u.value(),
                analysis == null ? null : analysis.target,
                c.responseKind == null ? null : new OutlierCaseState.Response(c.responseKind, c.responseNeedId,
                        c.responseCycleId, c.respondedAt),
                c.openedAt, c.updatedAt);
    }

    /** The role that took a step: the analysis, the platform's clock, the audit, the clinical lead or the trust. */
    public static String actedBy(OutlierCase.Entry entry) {
        if ("analysis".equals(entry.actor()) || "platform".equals(entry.actor())) {
            return entry.actor();
        }
        if ("resubmission".equals(entry.actor()) || CLINICAL_LEAD_STEPS.contains(entry.action())) {
            return "clinical-lead";
        }
        return AUDIT_STEPS.contains(entry.action()) ? "audit" : "trust";
    }
}
