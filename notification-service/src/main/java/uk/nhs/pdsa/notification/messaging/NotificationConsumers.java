package uk.nhs.pdsa.notification.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.events.PdsaCycleState;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.notification.repository.TrustProgress;
import uk.nhs.pdsa.notification.service.DeliveryLog;
import uk.nhs.pdsa.notification.service.Disclosures;
import uk.nhs.pdsa.notification.service.OutlierCaseNotices;
import uk.nhs.pdsa.notification.service.TrustMessages;
import uk.nhs.pdsa.runtime.inbox.EventInbox;
import uk.nhs.pdsa.runtime.tracing.EventTracing;

/**
 * Findings as they are raised, the steps of outlier cases, improvement needs as they open, escalate and improve, and PDSA cycles as they
 * change hands or run past their planned end become messages to the trust's contacts (and the cycle's owner).
 */
@ApplicationScoped
public class NotificationConsumers {
    public static final String FINDINGS = "findings";
    public static final String CYCLES = "cycles";
    private static final String FINDINGS_CONSUMER = "notification.findings";
    private static final String CYCLES_CONSUMER = "notification.cycles";
    /** Keeps what each trust has done on each measure, for patient groups (its own processed-event marks). */
    private static final String PROGRESS_CONSUMER = "notification.progress";

    private final EventInbox inbox;
    private final DeliveryLog log;
    private final Disclosures disclosures;
    private final TrustProgress progress;
    private final OutlierCaseNotices outlierCases;
    private final EventTracing tracing;

    public NotificationConsumers(EventInbox inbox, DeliveryLog log, Disclosures disclosures, TrustProgress progress,
            OutlierCaseNotices outlierCases, EventTracing tracing) {
        this.inbox = inbox;
        this.log = log;
        this.disclosures = disclosures;
        this.progress = progress;
        this.outlierCases = outlierCases;
        this.tracing = tracing;
    }

    /**
     * A whole poll of findings at a time: every finding raised in it becomes its messages in one transaction, a few
     * statements however many it held (the email path's wait was this consumer's round trips, several per event).
     * No processed-event marks: recording is idempotent by itself (each notification's id is derived from the
     * finding, the contact and the channel, and inserted unless it exists; a disclosure is written once per finding).
     * Outlier cases, rare, are handled one event at a time after the poll's findings.
     */
    @Incoming(FINDINGS)
    @Blocking
    public void onFindings(ConsumerRecords<String, String> records) {
        inbox.<FindingState>handleBatch(FINDINGS_CONSUMER, records, EventType.FINDING_RAISED, f -> {
        }, this::findingsRaised);
        for (ConsumerRecord<String, String> record : records) {
            inbox.<OutlierCaseState>handle("notification.outlier-cases", record,
                    Set.of(EventType.OUTLIER_CASE_OPENED, EventType.OUTLIER_CASE_MOVED), outlierCases::on);
        }
    }

    private void findingsRaised(List<EventInbox.Delivered<FindingState>> raised) {
        List<DeliveryLog.Fact> facts = new ArrayList<>();
        for (EventInbox.Delivered<FindingState> event : raised) {
            FindingState f = event.payload();
            facts.add(new DeliveryLog.Fact("finding:" + f.findingId(), EventType.FINDING_RAISED.ceType(), f.audit(),
                    TrustMessages.forFinding(f), traceOf(event, raised.size())));
        }
        log.recordAll(facts);
        disclosures.trustTold(raised.stream().map(EventInbox.Delivered::payload).toList(), Instant.now());
    }

    /**
     * The trace each finding's deliveries join: the consumer's span of its own event. A poll of one event runs in
     * that span already; in a larger poll (whose span may be a trace of its own, linked to each event) each event
     * gets its span in its own trace.
     */
    private String traceOf(EventInbox.Delivered<FindingState> event, int events) {
        if (events == 1) {
            return EventTracing.current();
        }
        Span span = tracing.start(Topics.FINDINGS + " process", SpanKind.CONSUMER, event.traceparent());
        try {
            return EventTracing.format(span.getSpanContext());
        } finally {
            span.end();
        }
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
