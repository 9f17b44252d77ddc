package uk.nhs.pdsa.notification.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.notification.service.DeliveryLog;
import uk.nhs.pdsa.notification.service.TrustMessages;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

/**
 * New findings and newly opened improvement needs become messages in the delivery log (the other need and
 * cycle events on pdsa.cycles.v1, changes and resolutions: issue 6).
 */
@ApplicationScoped
public class NotificationConsumers {
    public static final String FINDINGS = "findings";
    public static final String CYCLES = "cycles";

    private final EventInbox inbox;
    private final DeliveryLog log;

    public NotificationConsumers(EventInbox inbox, DeliveryLog log) {
        this.inbox = inbox;
        this.log = log;
    }

    @Incoming(FINDINGS)
    @Blocking
    public void onFinding(ConsumerRecord<String, String> record) {
        inbox.<FindingState>handle("notification.findings", record, EventType.FINDING_RAISED,
                f -> log.record("finding:" + f.findingId(), EventType.FINDING_RAISED.ceType(), TrustMessages.forFinding(f)));
    }

    @Incoming(CYCLES)
    @Blocking
    public void onNeedOpened(ConsumerRecord<String, String> record) {
        inbox.<ImprovementNeedState>handle("notification.cycles", record, EventType.NEED_OPENED,
                n -> log.record("need-opened:" + n.needId(), EventType.NEED_OPENED.ceType(),
                        TrustMessages.forNeed(n)));
    }
}
