package uk.nhs.pdsa.notification.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.notification.CatalogueEntry;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

/**
 * Keeps the catalogue from its compacted topic (read from the beginning by a new group): colleges and the
 * specialties they oversee, audits' specialties and titles, organisations' names. An older version than the
 * one held changes nothing.
 */
@ApplicationScoped
public class CatalogueConsumer {
    public static final String CHANNEL = "catalogue";
    private static final String CONSUMER = "notification.catalogue";

    private final EventInbox inbox;
    private final uk.nhs.pdsa.runtime.security.KnownOrganisations known;

    public CatalogueConsumer(EventInbox inbox, uk.nhs.pdsa.runtime.security.KnownOrganisations known) {
        this.inbox = inbox;
        this.known = known;
    }

    /**
     * A whole poll at a time: one transaction for its audits and one for its organisations (a service that starts
     * reads the whole compacted topic; one transaction per record held that to tens of records a second). No
     * processed-event marks: {@link #keep} changes nothing for an older version and writes the same again for the
     * same one, and a known organisation is inserted unless present.
     */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.<AuditDefined>handleBatch(CONSUMER, records, EventType.AUDIT_DEFINED, a -> {
        }, events -> events.forEach(e -> {
            AuditDefined a = e.payload();
            Map<String, String> metrics = new LinkedHashMap<>();
            Map<String, String> types = new LinkedHashMap<>();
            a.metrics().forEach(m -> {
                metrics.put(m.code(), m.title());
                types.put(m.code(), m.type() == null ? null : m.type().code());
            });
            keep(CatalogueEntry.AUDIT, a.code(), a.version(), a.title(), null, a.specialty(), List.of(), metrics, types);
        }));
        inbox.<OrganisationDefined>handleBatch(CONSUMER, records, EventType.ORGANISATION_DEFINED, o -> {
        }, events -> events.forEach(e -> {
            OrganisationDefined o = e.payload();
            keep(CatalogueEntry.ORGANISATION, o.code(), o.version(), o.name(), o.type(), null,
                    o.specialties() == null ? List.of() : o.specialties(), Map.of(), Map.of());
            known.save(o.code());
        }));
    }

    private static void keep(String kind, String code, int version, String name, String type, String specialty,
            List<String> specialties, Map<String, String> metrics, Map<String, String> metricTypes) {
        CatalogueEntry entry = CatalogueEntry.<CatalogueEntry>findByIdOptional(new CatalogueEntry.Key(kind, code))
                .orElseGet(() -> {
                    CatalogueEntry created = new CatalogueEntry();
                    created.kind = kind;
                    created.code = code;
                    return created;
                });
        if (entry.name != null && entry.version > version) {
            return;
        }
        entry.version = version;
        entry.name = name;
        entry.type = type;
        entry.specialty = specialty;
        entry.specialties = specialties;
        entry.metrics = metrics;
        entry.metricTypes = metricTypes;
        entry.persist();
    }
}
