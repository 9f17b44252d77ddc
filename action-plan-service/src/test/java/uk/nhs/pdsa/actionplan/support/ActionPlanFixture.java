package uk.nhs.pdsa.actionplan.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.Topics;

/** What the action-plan tests share: findings published to the real broker, REST calls, findings charts. */
public final class ActionPlanFixture {
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    public static final EventProbe PROBE = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    private ActionPlanFixture() {
    }

    /** Publishes a concerning special cause for the microsystem and waits for the need it opens; returns the finding. */
    public static FindingState concern(String organisation, String microsystem) {
        FindingState finding = TestFindings.specialCause(organisation, microsystem, "2025-09", "special-cause-concern", 0.6, 0.8);
        publish(EventType.FINDING_RAISED, finding);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation + "&microsystem=" + microsystem)
                .then().statusCode(200).body("items", hasSize(1)));
        return finding;
    }

    /** Opens a need for the microsystem (a concern from findings) and returns its id: what a first cycle answers. */
    public static String need(String organisation, String microsystem) {
        concern(organisation, microsystem);
        return needId(organisation, microsystem);
    }

    public static String needId(String organisation, String microsystem) {
        return given().get("/api/v1/improvement-needs?organisation=" + organisation + "&microsystem=" + microsystem)
                .then().extract().path("items[0].id");
    }

    public static String publish(EventType type, FindingState finding) {
        return PROBE.send(type, finding.key(), finding.key() + "@" + finding.period(), write(finding));
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every event about the organisation on pdsa.cycles.v1 so far. */
    public static List<ConsumerRecord<String, String>> events(String organisation) {
        return PROBE.upToEnd(Topics.CYCLES, r -> organisation.equals(r.key()));
    }

    /** The cycles' own events about the organisation (not its needs'). */
    public static List<ConsumerRecord<String, String>> cycleEvents(String organisation) {
        return events(organisation).stream()
                .filter(r -> EventProbe.header(r, CloudEventHeaders.TYPE).startsWith("nhs.pdsa.pdsa-cycle.")).toList();
    }

    public static List<String> types(List<ConsumerRecord<String, String>> events) {
        return events.stream().map(r -> EventProbe.header(r, CloudEventHeaders.TYPE)).toList();
    }

    /** A plan for the measure surgery-within-36h of the microsystem; {@code link} adds needId or follows. */
    public static Map<String, Object> plan(String organisation, String microsystem, String title, Map<String, Object> link,
            LocalDate plannedStart, LocalDate plannedEnd) {
        Map<String, Object> plan = new LinkedHashMap<>(link);
        plan.put("title", title);
        plan.put("objective", "Operate on more patients with a hip fracture within 36 hours");
        plan.put("changeIdea", title);
        plan.put("predictions", List.of(Map.of("question", "Will more patients reach theatre within 36 h?",
                "prediction", "Over 75% within two months")));
        Map<String, Object> measure = new LinkedHashMap<>();
        measure.put("audit", "nhfd");
        measure.put("metric", "surgery-within-36h");
        measure.put("organisation", organisation);
        measure.put("microsystem", microsystem);
        plan.put("measures", List.of(measure));
        plan.put("dataCollection", Map.of("who", "Ward audit clerk", "what", "Arrival and knife-to-skin times",
                "when", "Daily", "where", "Theatre system"));
        plan.put("owner", Map.of("name", "Dr A Patel", "email", "a.patel@nhs.net", "role", "registrar"));
        plan.put("team", List.of(Map.of("name", "Sister J Jones", "role", "ward manager")));
        plan.put("plannedStart", plannedStart.toString());
        plan.put("plannedEnd", plannedEnd.toString());
        return plan;
    }

    public static Response post(String path, String ifMatch, Object body) {
        var request = given().contentType(ContentType.JSON).body(write(body));
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.post(path);
    }

    public static Response put(String path, String ifMatch, Object body) {
        return given().contentType(ContentType.JSON).header("If-Match", ifMatch).body(write(body)).put(path);
    }

    /** A p chart as findings answers it: one point per period with its value and point type. */
    public static String chart(String... periodValueType) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (String p : periodValueType) {
            String[] f = p.split(":");
            String type = f.length > 2 ? f[2] : "common-cause";
            points.add(Map.of("label", f[0], "value", Double.parseDouble(f[1]), "centre", 0.7,
                    "signals", type.equals("common-cause") ? List.of() : List.of("shift"), "pointType", type,
                    "excluded", false));
        }
        return write(Map.of("chart", "p", "direction", "higher-is-better", "variation", "common-cause",
                "assurance", "inconsistent", "provisional", false, "points", points, "signals", List.of()));
    }

    public static void findingsAnswers(String organisation, String microsystem, String chart) {
        FindingsStub.answer("nhfd/surgery-within-36h/" + organisation + "/" + microsystem, new FindingsStub.Answer(200, chart, 0));
    }
}
