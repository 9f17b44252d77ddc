package uk.nhs.pdsa.notification.messaging;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.events.PdsaCycleState;
import uk.nhs.pdsa.notification.repository.TrustProgress;
import uk.nhs.pdsa.notification.service.DeliveryLog;
import uk.nhs.pdsa.notification.service.Disclosures;
import uk.nhs.pdsa.notification.service.OutlierCaseNotices;
import uk.nhs.pdsa.notification.service.TrustMessages;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

/**
 * Findings as they are raised, the steps of outlier cases, improvement needs as they open, escalate and improve, and PDSA cycles as they
 * change hands or run past their planned end become messages to the trust's contacts (and the cycle's owner).
 */
@ApplicationScoped
public class NotificationConsumers {
    public static final String FINDINGS = "findings";
    public static final String CYCLES = "cycles";
    private static final String CYCLES_CONSUMER = "notification.cycles";
    /** Keeps what each trust has done on each measure, for patient groups (its own processed-event marks). */
    private static final String PROGRESS_CONSUMER = "notification.progress";

    private final EventInbox inbox;
    private final DeliveryLog log;
    private final Disclosures disclosures;
    private final TrustProgress progress;
    private final OutlierCaseNotices outlierCases;

    public NotificationConsumers(EventInbox inbox, DeliveryLog log, Disclosures disclosures, TrustProgress progress,
            OutlierCaseNotices outlierCases) {
        this.inbox = inbox;
        this.log = log;
        this.disclosures = disclosures;
        this.progress = progress;
        this.outlierCases = outlierCases;
    }

    @Incoming(FINDINGS)
    @Blocking
    public void onFinding(ConsumerRecord<String, String> record) {
        inbox.<FindingState>handle("notification.findings", record, EventType.FINDING_RAISED, f -> {
            log.record("finding:" + f.findingId(), EventType.FINDING_RAISED.ceType(), f.audit(), TrustMessages.forFinding(f));
            disclosures.trustTold(f, java.time.Instant.now());
        });
        inbox.<OutlierCaseState>handle("notification.outlier-cases", record,
                Set.of(EventType.OUTLIER_CASE_OPENED, EventType.OUTLIER_CASE_MOVED), outlierCases::on);
    }

    /** Each type is handled by its own call: the inbox passes over the types a call does not name. */
    @Incoming(CYCLES)
    @Blocking
    public void onNeed(ConsumerRecord<String, String> record) {
        inbox.<ImprovementNeedState>handle(CYCLES_CONSUMER, record, EventType.NEED_OPENED,
                n -> log.record("need-opened:" + n.needId(), EventType.NEED_OPENED.ceType(), n.audit(),
                        TrustMessages.forNeed(n)));
        inbox.<ImprovementNeedState>handle(CYCLES_CONSUMER, record, EventType.NEED_ESCALATED,
                n -> log.record("need-escalated:" + n.needId() + "#" + n.escalation().level(),
                        EventType.NEED_ESCALATED.ceType(), n.audit(), TrustMessages.forEscalation(n)));
        inbox.<ImprovementNeedState>handle(CYCLES_CONSUMER, record, EventType.NEED_IMPROVED,
                n -> log.record("need-improved:" + n.needId(), EventType.NEED_IMPROVED.ceType(), n.audit(),
                        TrustMessages.forImproved(n)));
        inbox.<PdsaCycleState>handle(CYCLES_CONSUMER, record, EventType.CYCLE_OWNER_CHANGED,
                c -> log.record("cycle-owner:" + c.cycleId() + "#v" + c.version(), EventType.CYCLE_OWNER_CHANGED.ceType(),
                        c.measures().get(0).audit(), TrustMessages.forOwnerChanged(c)));
        inbox.<PdsaCycleState>handle(CYCLES_CONSUMER, record, EventType.CYCLE_OVERDUE,
                c -> log.record("cycle-overdue:" + c.cycleId() + "@" + c.plannedEnd(), EventType.CYCLE_OVERDUE.ceType(),
                        c.measures().get(0).audit(), TrustMessages.forCycleOverdue(c)));
        inbox.<PdsaCycleState>handle(PROGRESS_CONSUMER, record, Set.of(EventType.CYCLE_PLANNED, EventType.CYCLE_COMPLETED),
                progress::cycle);
        inbox.<ImprovementNeedState>handle(PROGRESS_CONSUMER, record, EventType.NEED_IMPROVED, progress::improved);
    }
}
