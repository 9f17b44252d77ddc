package uk.nhs.pdsa.notification.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedOpened;
import uk.nhs.pdsa.notification.service.DeliveryLog;
import uk.nhs.pdsa.notification.service.TrustMessages;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

/** New findings and improvement needs become messages in the delivery log (changes and resolutions: issue 6). */
@ApplicationScoped
public class NotificationConsumers {
    public static final String FINDINGS = "findings";
    public static final String IMPROVEMENT_NEEDS = "improvement-needs";

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

    @Incoming(IMPROVEMENT_NEEDS)
    @Blocking
    public void onNeedOpened(ConsumerRecord<String, String> record) {
        inbox.<ImprovementNeedOpened>handle("notification.improvement-needs", record, EventType.IMPROVEMENT_NEED_OPENED,
                n -> log.record("need-opened:" + n.needId(), EventType.IMPROVEMENT_NEED_OPENED.ceType(),
                        TrustMessages.forNeed(n)));
    }
}
