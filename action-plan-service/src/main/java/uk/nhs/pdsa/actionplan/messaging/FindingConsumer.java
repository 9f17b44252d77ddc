package uk.nhs.pdsa.actionplan.messaging;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.actionplan.service.ImprovementNeedService;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

@ApplicationScoped
public class FindingConsumer {
    public static final String CHANNEL = "findings";
    static final String CONSUMER = "action-plan.findings";

    private final EventInbox inbox;
    private final ImprovementNeedService needs;

    public FindingConsumer(EventInbox inbox, ImprovementNeedService needs) {
        this.inbox = inbox;
        this.needs = needs;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.<FindingState>handle(CONSUMER, record, Set.of(EventType.FINDING_RAISED, EventType.FINDING_CHANGED, EventType.FINDING_RESOLVED),
                needs::onFinding);
        inbox.<OutlierCaseState>handle(CONSUMER, record, EventType.OUTLIER_CASE_MOVED, needs::onOutlierCase);
    }
}
