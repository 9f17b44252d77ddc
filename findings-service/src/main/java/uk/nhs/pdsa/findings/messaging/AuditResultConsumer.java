package uk.nhs.pdsa.findings.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.findings.service.FindingService;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

/** Every audit-result revision updates its series; in key order, one partition at a time. */
@ApplicationScoped
public class AuditResultConsumer {
    public static final String CHANNEL = "audit-results";
    static final String CONSUMER = "findings.audit-results";

    private final EventInbox inbox;
    private final FindingService findings;

    public AuditResultConsumer(EventInbox inbox, FindingService findings) {
        this.inbox = inbox;
        this.findings = findings;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.<AuditResultRecorded>handle(CONSUMER, record, EventType.AUDIT_RESULT_RECORDED, findings::record);
    }
}
