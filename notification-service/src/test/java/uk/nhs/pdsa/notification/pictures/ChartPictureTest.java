package uk.nhs.pdsa.notification.pictures;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.Mailbox;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * A concern's email carries its chart inline: read from findings (a stub here, the real service in the end-to-end
 * test) with this service's own token from the test stack's identity provider, drawn as a PNG with its words as
 * the text alternative. Without findings, the email still goes, with its link and without a picture.
 */
@QuarkusTest
class ChartPictureTest {
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> bearers = new CopyOnWriteArrayList<>();
    @Inject
    ObjectMapper json;
    private HttpServer findings;
    private String organisation;
    private String lead;

    @BeforeEach
    void findingsAndAContact() throws Exception {
        findings = HttpServer.create(new InetSocketAddress("127.0.0.1", 18392), 0);
        findings.createContext("/api/v1/spc", exchange -> {
            asked.add(exchange.getRequestURI().getQuery() + " accept " + exchange.getRequestHeaders().getFirst("Accept"));
            bearers.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] svg = SvgToPngTest.CHART.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "image/svg+xml");
            exchange.sendResponseHeaders(200, svg.length);
            exchange.getResponseBody().write(svg);
            exchange.close();
        });
        findings.start();
        TestTokens.actAs(TestTokens.NATIONAL);
        organisation = TestOrganisations.unique("P");
        lead = "lead." + organisation.toLowerCase() + "@trust.nhs.test";
        given().contentType(ContentType.JSON).body(Map.of("organisation", organisation, "name", "Clinical lead",
                "role", "clinical-lead", "email", lead)).post("/api/v1/contacts").then().statusCode(201);
    }

    @AfterEach
    void stopFindings() {
        findings.stop(0);
    }

    @Test
    void shouldCarryTheChartInlineAsAPngWithItsWordsAndGoWithoutItWhenFindingsIsAway() throws Exception {
        FindingState concern = TestFindings.specialCause(organisation, "ward-2", "2025-09", "special-cause-concern", 0.6, 0.79);
        probe.send(EventType.FINDING_RAISED, concern.key(), "picture", json.writeValueAsString(concern));
        String mail = await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.messages(lead), m -> m.size() == 1).get(0);

        assertThat(asked).singleElement().asString().contains("audit=nhfd", "organisation=" + organisation,
                "microsystem=ward-2", "accept image/svg+xml");
        assertThat(bearers.get(0)).startsWith("Bearer ");
        JsonNode token = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(bearers.get(0).substring(7).split("\\.")[1]));
        assertThat(token.path("azp").asText()).isEqualTo("notification-service");
        assertThat(token.path("groups").toString()).contains("chart-reader");

        String html = mail.replaceAll("=\\n", "").replace("=3D", "=");
        assertThat(mail).contains("Content-Type: image/png", "Content-ID: <chart@notifications.pdsa.nhs.uk>");
        assertThat(html).contains("src=\"cid:chart@notifications.pdsa.nhs.uk\"",
                "alt=\"Surgery within 36 hours (NHFD), Trauma ward &amp; theatres. Statistical process control chart");

        // findings away: the next concern is emailed all the same, with its link and no picture.
        findings.stop(0);
        FindingState another = TestFindings.specialCause(organisation, "ward-3", "2025-09", "special-cause-concern", 0.6, 0.79);
        probe.send(EventType.FINDING_RAISED, another.key(), "no-picture", json.writeValueAsString(another));
        String second = await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.messages(lead), m -> m.size() == 2).get(1);
        assertThat(second).contains("See the chart").doesNotContain("image/png", "cid:chart");
    }
}
