package uk.nhs.pdsa.notification.messaging;

import uk.nhs.pdsa.testing.TestTokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.EventExamples;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestNeeds;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.Mailbox;

/** Events in, real email out: delivered over SMTP to the test stack's mail server and read back from it. */
@QuarkusTest
class NotificationConsumersTest {
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;
    private String organisation;
    private String lead;
    private String improvement;

    @BeforeEach
    void contacts() {
        TestTokens.actAs(TestTokens.NATIONAL); // the platform's admin, with every trust role too
        organisation = TestOrganisations.unique("N");
        lead = "lead." + organisation.toLowerCase() + "@trust.nhs.test";
        improvement = "qi." + organisation.toLowerCase() + "@trust.nhs.test";
        contact("clinical-lead", lead);
        contact("improvement-lead", improvement);
    }

    private void contact(String role, String email) {
        given().contentType(ContentType.JSON).body(Map.of("organisation", organisation, "name", role + " of " + organisation,
                "role", role, "email", email)).post("/api/v1/contacts").then().statusCode(201);
    }

    @Test
    void shouldEmailEachContactOncePerFactEvenWhenEventsRepeat() throws Exception {
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
        // Then an improvement (lead and improvement lead) and an alarm (lead and medical director, whom nobody holds).
        FindingState better = TestFindings.specialCause(organisation, "ward-2", "2025-10", "special-cause-improvement", 0.97, 0.79);
        probe.send(EventType.FINDING_RAISED, better.key(), "improvement", json.writeValueAsString(better));
        FindingState alarm = TestFindings.lowOutlier(organisation, "2025-10", "alarm", 0.5, 0.78);
        probe.send(EventType.FINDING_RAISED, alarm.key(), "alarm", json.writeValueAsString(alarm));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Mailbox.messages(lead)).hasSize(4));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Mailbox.messages(improvement)).hasSize(1));
        List<String> mails = Mailbox.messages(lead);
        assertThat(mails).anySatisfy(m -> assertThat(m).contains("Subject: Concern: surgery-within-36h at ward-2 (" + organisation + ") in 2025-09"));
        assertThat(mails).anySatisfy(m -> assertThat(m).contains("Subject: Improvement need opened: surgery-within-36h at ward-2 (" + organisation + ")"));
        assertThat(mails).anySatisfy(m -> assertThat(m).contains("Subject: Improvement: surgery-within-36h"));
        assertThat(mails).anySatisfy(m -> assertThat(m).contains("Subject: Outlier: surgery-within-36h at " + organisation));
        assertThat(mails.get(0)).contains("To: " + lead, "X-PDSA-Notification-Id: ", "text/plain", "text/html",
                "You receive this as clinical-lead for " + organisation);
        assertThat(Mailbox.messages(improvement).get(0)).contains("Subject: Improvement: surgery-within-36h", "See the chart: http://localhost:8085/chart?audit=nhfd");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                .get("/api/v1/notifications?organisation=" + organisation + "&status=delivered").then().statusCode(200)
                .body("total", equalTo(5)));
        given().get("/api/v1/notifications?organisation=" + organisation + "&status=permanent-failure").then()
                .body("total", equalTo(1)).body("items[0].recipientRole", equalTo("medical-director"))
                .body("items[0].channel", equalTo("none"))
                .body("items[0].reason", equalTo("no contact holds the role medical-director at " + organisation));
        String id = given().get("/api/v1/notifications?organisation=" + organisation + "&status=delivered").then()
                .extract().path("items[0].id");
        String concernId = given().get("/api/v1/notifications?organisation=" + organisation + "&status=delivered&size=100")
                .then().extract().jsonPath().getString("items.find { it.recipient == '" + lead + "' && it.subject.startsWith('Concern') }.id");
        assertThat(mails).filteredOn(m -> m.contains("Subject: Concern:")).singleElement().satisfies(m -> assertThat(m)
                .contains("Message-ID: <" + concernId + "@notifications.pdsa.nhs.uk>")
                .satisfies(raw -> assertThat(raw.toLowerCase().split("\nmessage-id:", -1)).hasSize(2)));
        given().get("/api/v1/notifications/" + id).then().body("attempts", equalTo(1))
                .body("history[0].status", equalTo("delivered")).body("deliveredAt", notNullValue());
        // Still four a little later: the repeats were not sent.
        Thread.sleep(1500);
        assertThat(Mailbox.messages(lead)).hasSize(4);
    }

    @Test
    void shouldTellTheNewOwnerOfAHandedOverCycle() throws Exception {
        String owner = "owner." + organisation.toLowerCase() + "@trust.nhs.test";
        var example = json.readValue(EventExamples.of(EventType.CYCLE_OWNER_CHANGED).get(1), uk.nhs.pdsa.events.PdsaCycleState.class);
        var handed = new uk.nhs.pdsa.events.PdsaCycleState(UUID.randomUUID(), 2, "do", null, example.rampId(), null, 1,
                organisation, "ward-3", "Weekend review", example.measures(),
                new uk.nhs.pdsa.events.PdsaCycleState.Person("Dr New Owner", owner, "registrar"), example.owner(),
                example.plannedStart(), example.plannedEnd(), null, null, 2.0, null, java.time.Instant.now());
        String payload = json.writeValueAsString(handed);
        assertThat(EventSchemas.violations(EventType.CYCLE_OWNER_CHANGED, payload)).isEmpty();
        probe.send(EventType.CYCLE_OWNER_CHANGED, organisation, "cycle", payload);
        probe.send(EventType.CYCLE_OWNER_CHANGED, organisation, "cycle", payload); // a replay
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Mailbox.messages(owner)).hasSize(1));
        assertThat(Mailbox.messages(owner).get(0)).contains("Subject: You now own the PDSA cycle \"Weekend review\" at ward-3 ("
                + organisation + ")", "handed to Dr New Owner from Dr B Okafor");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Mailbox.messages(improvement))
                .anySatisfy(m -> assertThat(m).contains("You now own the PDSA cycle")));
        Thread.sleep(1000);
        assertThat(Mailbox.messages(owner)).hasSize(1);
    }

    @Test
    void shouldHandleTheSchemaExamplesOfTheContracts() {
        probe.send(EventType.NEED_OPENED, "RXH", "example", EventExamples.first(EventType.NEED_OPENED));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/notifications?organisation=RXH").then()
                .body("items.subject", hasItem("Improvement need opened: surgery-within-36h at trauma-ward-2 (RXH)")));
    }

    @Test
    void shouldRefuseAnUnknownStatusFilter() {
        given().get("/api/v1/notifications?status=lost").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/notifications/" + UUID.randomUUID()).then().statusCode(404);
    }
}
