package uk.nhs.pdsa.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.notification.CatalogueEntry;

/**
 * The catalogue is read a poll at a time (CatalogueConsumer): in a burst where an organisation's older version comes
 * after its newer one, the newer is kept; the whole burst sent again under new event ids changes nothing.
 */
@QuarkusTest
class CataloguePollTest {
    private static final int ORGANISATIONS = 40;
    private final EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;

    @Test
    void shouldKeepTheNewestVersionOfEachEntryOfABurstWhateverItsOrder() throws Exception {
        Instant now = Instant.now();
        List<String> codes = new ArrayList<>();
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        for (int i = 0; i < ORGANISATIONS; i++) {
            String code = TestOrganisations.unique("C");
            codes.add(code);
            for (int version : new int[] {2, 1}) {
                burst.add(record(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(code), new OrganisationDefined(
                        code, version, "Trust " + code + " v" + version, "trust", List.of(), List.of(), now)));
            }
        }
        String audit = "poll-" + UUID.randomUUID().toString().substring(0, 8);
        for (int version : new int[] {2, 1}) {
            burst.add(record(EventType.AUDIT_DEFINED, AuditDefined.key(audit), new AuditDefined(audit, version,
                    "Audit v" + version, "orthopaedics", List.of(new AuditDefined.Metric("within-36h",
                            "Surgery within 36 hours v" + version, MetricType.PROPORTION, "higher-is-better", null, null,
                            null, null)), now)));
        }
        probe.sendRecords(burst);
        await().atMost(Duration.ofSeconds(60)).until(() -> known(codes) == ORGANISATIONS
                && QuarkusTransaction.requiringNew().call(() -> CatalogueEntry.audit(audit).isPresent()));
        // The same burst again under new event ids (a producer's replay).
        probe.sendRecords(burst.stream().map(r -> new ProducerRecord<>(r.topic(), null, r.key(), r.value(),
                replaceId(r))).toList());
        Thread.sleep(3000);

        assertThat(known(codes)).isEqualTo(ORGANISATIONS);
        QuarkusTransaction.requiringNew().run(() -> {
            for (String code : codes) {
                CatalogueEntry entry = CatalogueEntry.organisation(code).orElseThrow();
                assertThat(entry.version).as(code).isEqualTo(2);
                assertThat(entry.name).isEqualTo("Trust " + code + " v2");
            }
            CatalogueEntry entry = CatalogueEntry.audit(audit).orElseThrow();
            assertThat(entry.version).isEqualTo(2);
            assertThat(entry.name).isEqualTo("Audit v2");
            assertThat(entry.metrics).containsEntry("within-36h", "Surgery within 36 hours v2");
        });
    }

    private ProducerRecord<String, String> record(EventType type, String key, Record payload) throws Exception {
        return EventProbe.cloudEvent(type, UUID.randomUUID().toString(), key, key, json.writeValueAsString(payload),
                EventProbe.newTraceparent());
    }

    private static org.apache.kafka.common.header.internals.RecordHeaders replaceId(ProducerRecord<String, String> r) {
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders(r.headers().toArray());
        headers.remove(uk.nhs.pdsa.events.CloudEventHeaders.ID);
        headers.add(uk.nhs.pdsa.events.CloudEventHeaders.ID, UUID.randomUUID().toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return headers;
    }

    private long known(List<String> codes) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from known_organisation where code in (:codes)").setParameter("codes", codes)
                .getSingleResult()).longValue());
    }
}
