package uk.nhs.pdsa.findings.messaging;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.findings.MetricSettings;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

/**
 * Keeps each metric's chart settings from the compacted catalogue topic (read from its beginning by a new
 * group). Organisation entries are not needed here and are acknowledged without effect. An older version
 * of an audit than the one held changes nothing.
 */
@ApplicationScoped
public class CatalogueConsumer {
    public static final String CHANNEL = "catalogue";
    static final String CONSUMER = "findings.catalogue";

    private final EventInbox inbox;

    public CatalogueConsumer(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        var type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type != null && EventType.ORGANISATION_DEFINED.ceType().equals(new String(type.value(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            return;
        }
        inbox.<AuditDefined>handle(CONSUMER, record, EventType.AUDIT_DEFINED, CatalogueConsumer::apply);
    }

    static void apply(AuditDefined audit) {
        for (AuditDefined.Metric m : audit.metrics()) {
            MetricSettings settings = MetricSettings.<MetricSettings>findByIdOptional(
                    new MetricSettings.Key(audit.code(), m.code())).orElseGet(() -> {
                        MetricSettings created = new MetricSettings();
                        created.audit = audit.code();
                        created.metric = m.code();
                        return created;
                    });
            if (settings.auditVersion > audit.version()) {
                continue;
            }
            settings.metricType = m.type();
            settings.direction = m.direction();
            settings.target = m.target();
            settings.spc = m.spc();
            settings.auditVersion = audit.version();
            settings.updatedAt = Instant.now();
            settings.persist();
        }
    }
}
