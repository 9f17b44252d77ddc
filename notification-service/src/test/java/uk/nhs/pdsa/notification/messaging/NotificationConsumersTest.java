package uk.nhs.pdsa.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.EventExamples;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.TestNeeds;
import uk.nhs.pdsa.events.TestOrganisations;

@QuarkusTest
class NotificationConsumersTest {
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;
    private String organisation;

    @BeforeEach
    void newOrganisation() {
        organisation = TestOrganisations.unique("N");
    }

    @Test
    void shouldLogOneMessageToTheTrustPerFactEvenWhenEventsRepeat() throws Exception {
        FindingState concern = TestFindings.specialCause(organisation, "ward-2", "2025-09", "special-cause-concern", 0.6, 0.79);
        ImprovementNeedState need = TestNeeds.opened(organisation, "ward-2", concern.findingId(), "2025-09",
                LocalDate.of(2025, 11, 1));
        String findingJson = json.writeValueAsString(concern);
        String needJson = json.writeValueAsString(need);
        assertThat(EventSchemas.violations(EventType.FINDING_RAISED, findingJson)).isEmpty();
        assertThat(EventSchemas.violations(EventType.NEED_OPENED, needJson)).isEmpty();

        // Each sent twice under different event ids, as a replay after a producer crash would do.
        for (int i = 0; i < 2; i++) {
            probe.send(EventType.FINDING_RAISED, concern.key(), "finding", findingJson);
            probe.send(EventType.NEED_OPENED, organisation, "need", needJson);
        }

        // Sentinels behind the repeats on the same keys (so the same partitions): once they are logged, the
        // repeats before them have been consumed too.
        FindingState improvement = TestFindings.specialCause(organisation, "ward-2", "2025-10", "special-cause-improvement",
                0.97, 0.79);
        ImprovementNeedState otherNeed = TestNeeds.opened(organisation, "ward-5", UUID.randomUUID(), "2025-10",
                LocalDate.of(2025, 12, 1));
        probe.send(EventType.FINDING_RAISED, improvement.key(), "sentinel", json.writeValueAsString(improvement));
        probe.send(EventType.NEED_OPENED, organisation, "sentinel", json.writeValueAsString(otherNeed));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/notifications?organisation=" + organisation).then().statusCode(200)
                .body("subject", org.hamcrest.Matchers.hasItems(
                        "Improvement: surgery-within-36h at ward-2 (" + organisation + ") in 2025-10",
                        "Improvement need opened: surgery-within-36h at ward-5 (" + organisation + ")")));
        given().get("/api/v1/notifications?organisation=" + organisation).then()
                .body("$", hasSize(4))
                .body("audience", everyItem(equalTo("trust")))
                .body("recipientRole", everyItem(equalTo("clinical-lead")))
                .body("status", everyItem(equalTo("created")))
                .body("subject", containsInAnyOrder(
                        "Concern: surgery-within-36h at ward-2 (" + organisation + ") in 2025-09",
                        "Improvement need opened: surgery-within-36h at ward-2 (" + organisation + ")",
                        "Improvement: surgery-within-36h at ward-2 (" + organisation + ") in 2025-10",
                        "Improvement need opened: surgery-within-36h at ward-5 (" + organisation + ")"));
    }

    @Test
    void shouldLogAMessageFromEachSchemaExample() {
        probe.send(EventType.NEED_OPENED, "RXH", "example",
                EventExamples.first(EventType.NEED_OPENED));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/notifications?organisation=RXH").then()
                .body("subject", org.hamcrest.Matchers.hasItem("Improvement need opened: surgery-within-36h at trauma-ward-2 (RXH)")));
    }
}
