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
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.notification.CatalogueEntry;
import uk.nhs.pdsa.runtime.security.KnownOrganisations;

/**
 * The catalogue is read a poll at a time (CatalogueConsumer): in a burst where an organisation's older version comes
 * after its newer one, the newer is kept; the whole burst sent again under new event ids changes nothing.
 */
@QuarkusTest
class CataloguePollTest {
    private static final int ORGANISATIONS = 40;
    private final EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
            String.class));
    @Inject
    KnownOrganisations known;
    @Inject
    ObjectMapper json;

    @Test
    void shouldKeepTheNewestVersionOfEachEntryOfABurstWhateverItsOrder() throws Exception {
        Instant now = Instant.now();
        List<String> codes = new ArrayList<>();
        List<Entry> burst = new ArrayList<>();
        for (int i = 0; i < ORGANISATIONS; i++) {
            String code = TestOrganisations.unique("C");
            codes.add(code);
            for (int version : new int[] {2, 1}) {
                burst.add(new Entry(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(code), json.writeValueAsString(
                        new OrganisationDefined(code, version, "Trust " + code + " v" + version, "trust", List.of(),
                                List.of(), now))));
            }
        }
        String audit = "poll-" + UUID.randomUUID().toString().substring(0, 8);
        for (int version : new int[] {2, 1}) {
            burst.add(new Entry(EventType.AUDIT_DEFINED, AuditDefined.key(audit), json.writeValueAsString(new AuditDefined(
                    audit, version, "Audit v" + version, "orthopaedics", List.of(new AuditDefined.Metric("within-36h",
                            "Surgery within 36 hours v" + version, MetricType.PROPORTION, "higher-is-better", null, null,
                            null, null)), now))));
        }
        probe.sendRecords(records(burst));
        await().atMost(Duration.ofSeconds(60)).until(() -> codes.stream().allMatch(known::known)
                && QuarkusTransaction.requiringNew().call(() -> CatalogueEntry.audit(audit).isPresent()));
        // The same burst again under new event ids (a producer's replay).
        probe.sendRecords(records(burst));
        Thread.sleep(3000);

        assertThat(codes).allMatch(known::known);
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

    /** One catalogue event, sent under a new event id each time {@link #records} is called. */
    private record Entry(EventType type, String key, String payload) {
    }

    private static List<ProducerRecord<String, String>> records(List<Entry> entries) {
        return entries.stream().map(e -> EventProbe.cloudEvent(e.type(), UUID.randomUUID().toString(), e.key(), e.key(),
                e.payload(), EventProbe.newTraceparent())).toList();
    }
}
