package uk.nhs.pdsa.findings.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.findings.service.OutlierCases;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

/**
 * Improvement needs answered in action-plan: a need behind an outlier case answered by a PDSA cycle or a decision
 * is the trust's response to the case. Every other event of the cycles topic is passed over.
 */
@ApplicationScoped
public class NeedConsumer {
    public static final String CHANNEL = "cycles";
    static final String CONSUMER = "findings.cycles";

    private final EventInbox inbox;
    private final OutlierCases cases;

    public NeedConsumer(EventInbox inbox, OutlierCases cases) {
        this.inbox = inbox;
        this.cases = cases;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.<ImprovementNeedState>handle(CONSUMER, record, EventType.NEED_ANSWERED, cases::needAnswered);
    }
}
