package uk.nhs.pdsa.findings.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.findings.support.TestColleges;

/** The charting API: compute endpoints, stored series and funnels fed through the broker, SVG pictures. */
@QuarkusTest
class SpcResourceTest {
    @org.junit.jupiter.api.BeforeEach
    void actAsAnyone() {
        TestTokens.actAs(TestTokens.NATIONAL, "viewer"); // computing a posted chart needs a token, any role
    }
    private static final int[] EXAMPLE_7_1 = {12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11,
            20, 18, 24, 15, 9, 12, 7, 13, 9, 6};
    private static final String PROBLEM_JSON = "application/problem+json";
    /** Numbers as doubles: RestAssured reads JSON numbers as floats by default, too coarse for these checks. */
    private static final io.restassured.config.RestAssuredConfig DOUBLES = io.restassured.config.RestAssuredConfig.config()
            .jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                    .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;

    private static List<Map<String, Object>> example71() {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < EXAMPLE_7_1.length; i++) {
            points.add(Map.of("label", String.valueOf(i + 1), "numerator", EXAMPLE_7_1[i], "denominator", 50));
        }
        return points;
    }

    @Test
    void shouldComputeMontgomeryExample7_1WithRevisedLimitsThroughTheApi() {
        given().config(DOUBLES).contentType(ContentType.JSON)
                .body(Map.of("chart", "p", "direction", "lower-is-better", "points", example71(),
                        "options", Map.of("exclude", List.of("15", "23"))))
                .post("/api/v1/spc/compute")
                .then().statusCode(200)
                .body("chart", equalTo("p"))
                .body("provisional", equalTo(false))
                .body("points[0].centre", closeTo(0.215, 1e-9))
                .body("points[0].lowerLimit", closeTo(0.04070284, 1e-8))
                .body("points[0].upperLimit", closeTo(0.38929716, 1e-8))
                .body("points[14].excluded", equalTo(true))
                .body("points.findAll { it.signals.contains('beyond-limits') }.label", contains("15", "21", "23"))
                .body("points[14].pointType", equalTo("special-cause-concern"))
                .body("assurance", equalTo("none"));
    }

    @Test
    void shouldAnswerARunChartWithTheAnhojAnalysis() {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            points.add(Map.of("label", "m" + i, "value", i));
        }
        given().config(DOUBLES).contentType(ContentType.JSON).body(Map.of("chart", "run", "points", points))
                .post("/api/v1/spc/compute")
                .then().statusCode(200)
                .body("points[0].centre", closeTo(7.5, 1e-12))
                .body("runs.crossings", equalTo(1)).body("runs.crossingsMin", equalTo(4)).body("runs.signal", equalTo(true));
    }

    @Test
    void shouldRefuseBadChartRequestsNamingEachField() {
        given().config(DOUBLES).contentType(ContentType.JSON).body(Map.of("chart", "np", "direction", "up", "points", List.of(
                        Map.of("label", "a", "numerator", 5, "denominator", 4), Map.of("label", "a", "numerator", -1, "denominator", 4))))
                .post("/api/v1/spc/compute")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/chart", "/direction", "/points/1/label"));
        given().config(DOUBLES).contentType(ContentType.JSON).body(Map.of("chart", "p", "points", List.of(
                        Map.of("label", "a", "numerator", 5, "denominator", 4), Map.of("label", "b", "numerator", -1, "denominator", 4),
                        Map.of("label", "c", "value", 0.5)),
                        "options", Map.of("trendLength", 3, "baselinePoints", 4, "exclude", List.of("z"))))
                .post("/api/v1/spc/compute")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/points/0/numerator", "/points/1/numerator", "/points/2/numerator",
                        "/points/2/denominator", "/options/trendLength", "/options/baselinePoints", "/options/exclude/0"));
        given().config(DOUBLES).contentType(ContentType.JSON).body(Map.of("chart", "xmr", "points", List.of(Map.of("label", "a", "value", 1))))
                .post("/api/v1/spc/compute")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/points"));
    }

    @Test
    void shouldComputeTheReferenceFunnel() {
        long[] numerators = {4, 9, 14, 6, 39, 12, 3, 17, 9, 11, 30, 12};
        long[] denominators = {45, 120, 210, 88, 300, 156, 67, 240, 99, 180, 410, 75};
        List<Map<String, Object>> units = new ArrayList<>();
        for (int i = 0; i < numerators.length; i++) {
            units.add(Map.of("id", "U" + (i + 1), "numerator", numerators[i], "denominator", denominators[i]));
        }
        given().config(DOUBLES).contentType(ContentType.JSON).body(Map.of("type", "proportion", "units", units))
                .post("/api/v1/funnel/compute")
                .then().statusCode(200)
                .body("target", closeTo(0.0834170854, 1e-10))
                .body("overdispersion.method", equalTo("none"))
                .body("overdispersion.phi", closeTo(1.182881, 1e-6))
                .body("units.findAll { it.classification != 'within' }.id", contains("U5", "U12"))
                .body("units[4].limits.alarmHigh", closeTo(0.134957, 1e-6))
                .body("curve", hasSize(60));
        given().config(DOUBLES).contentType(ContentType.JSON).body(Map.of("type", "ratio", "overdispersion", "lots",
                        "units", List.of(Map.of("id", "a", "numerator", 5, "denominator", 0))))
                .post("/api/v1/funnel/compute")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/type", "/overdispersion", "/units", "/units/0/denominator"));
    }

    @Test
    void shouldComputeFunnelPlotRsStandardisedRatioExample() {
        long[] observed = {100, 150, 180, 80, 120, 225};
        double[] expected = {108, 112, 165, 95, 100, 220};
        List<Map<String, Object>> units = new ArrayList<>();
        for (int i = 0; i < observed.length; i++) {
            units.add(Map.of("id", String.valueOf((char) ('a' + i)), "numerator", observed[i], "expected", expected[i]));
        }
        given().config(DOUBLES).contentType(ContentType.JSON).body(Map.of("type", "standardised-ratio",
                        "overdispersion", "additive", "units", units))
                .post("/api/v1/funnel/compute")
                .then().statusCode(200)
                .body("type", equalTo("standardised-ratio"))
                .body("target", closeTo(1.0, 1e-12))
                .body("overdispersion.phi", closeTo(2.948033, 1e-6))
                .body("units[4].expected", closeTo(100.0, 1e-12))
                .body("units[4].value", closeTo(1.2, 1e-12))
                .body("units[4].limits.alertLow", closeTo(0.714261, 1e-6));
        given().config(DOUBLES).contentType(ContentType.JSON).body(Map.of("type", "standardised-ratio", "units", List.of(
                        Map.of("id", "a", "numerator", 5), Map.of("id", "b", "numerator", 5, "expected", -2))))
                .post("/api/v1/funnel/compute")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/units/0/expected", "/units/1/expected"));
    }

    @Test
    void shouldChartAStoredStandardisedRatioAsAUChartOfObservedOverExpected() throws Exception {
        String trust = trustActingAs();
        String metric = "sr-" + trust.toLowerCase(Locale.ROOT);
        for (int month = 1; month <= 12; month++) {
            // Two wards: 3 + 2 deaths where 2.5 + 1.5 were expected, so the trust's month is 5 against 4.
            publishRatio(metric, trust, "ward-a", month, 3, 40, "2.50");
            publishRatio(metric, trust, "ward-b", month, 2, 30, "1.50");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().config(DOUBLES)
                .get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust).then().statusCode(200)
                .body("points", hasSize(12)));
        given().config(DOUBLES).get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust).then()
                .body("metricType", equalTo("standardised-ratio"))
                .body("chart", equalTo("u"))
                .body("points[0].numerator", equalTo(5))
                .body("points[0].denominator", equalTo(70))
                .body("points[0].expected", closeTo(4.0, 1e-12))
                .body("points[0].value", closeTo(1.25, 1e-12))
                .body("points[0].centre", closeTo(1.25, 1e-12))
                .body("points[0].upperLimit", closeTo(1.25 + 3 * Math.sqrt(1.25 / 4.0), 1e-9));
    }

    @Test
    void shouldChartAStoredSeriesAndDrawItAsAnSvgPicture() throws Exception {
        String trust = trustActingAs();
        String metric = "m-" + trust.toLowerCase(Locale.ROOT);
        for (int month = 1; month <= 15; month++) {
            // Two microsystems; the trust's chart sums them per month. The last three months fall sharply.
            publish(metric, trust, "ward-a", month, month > 12 ? 10 : 40, 50);
            publish(metric, trust, "ward-b", month, month > 12 ? 10 : 40, 50);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().config(DOUBLES)
                .get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust).then().statusCode(200)
                .body("points", hasSize(15)));
        given().config(DOUBLES).get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust).then()
                .body("points[0].numerator", equalTo(80)).body("points[0].denominator", equalTo(100))
                .body("variation", equalTo("special-cause-concern"))
                .body("assurance", equalTo("inconsistent"));
        given().config(DOUBLES).get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust + "&microsystem=ward-a")
                .then().statusCode(200).body("points[0].numerator", equalTo(40));
        // One read model: the list names the summed trust series beside its wards, each linking to its chart, and
        // the older series address answers the very same body.
        given().get("/api/v1/series?organisation=" + trust + "&metric=" + metric).then().statusCode(200)
                .body("items.microsystem", contains(null, "ward-a", "ward-b")).body("items.points", everyItem(equalTo(15)))
                .body("total", equalTo(3)).body("items[0].variation", equalTo("special-cause-concern"))
                .body("items[0].chart", equalTo("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust));
        // For a spreadsheet: the chart's points as CSV, and the list a page at a time with links to the others.
        String[] rows = given().accept("text/csv").get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust)
                .then().statusCode(200).contentType("text/csv; charset=UTF-8; header=present").extract().asString()
                .split("\r\n");
        assertThat(rows).hasSize(16);
        assertThat(rows[0]).isEqualTo("label,numerator,denominator,expected,value,centre,lowerLimit,upperLimit,lowerNear,"
                + "upperNear,excluded,segment,signals,pointType");
        assertThat(rows[15]).startsWith("2024-03,20,100,,0.2,").endsWith(",special-cause-concern").contains(",false,0,");
        var page = given().accept("text/csv").get("/api/v1/series?organisation=" + trust + "&metric=" + metric + "&size=1&page=1")
                .then().statusCode(200).extract();
        assertThat(page.asString().split("\r\n")).hasSize(2);
        assertThat(page.asString().split("\r\n")[1]).contains(",ward-a,15,");
        assertThat(page.header("Link")).contains("page=0>; rel=\"prev\"", "page=2>; rel=\"next\"", "page=2>; rel=\"last\"");
        String chart = given().get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust).then()
                .body("organisation", equalTo(trust)).body("microsystem", nullValue()).extract().asString();
        assertThat(given().get("/api/v1/series/nhfd/" + metric + "/" + trust).then().statusCode(200).extract().asString())
                .isEqualTo(chart);

        String svg = given().config(DOUBLES).accept("image/svg+xml")
                .get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust)
                .then().statusCode(200).contentType("image/svg+xml").extract().asString();
        Document picture = parse(svg);
        assertThat(picture.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(picture.getElementsByTagName("title").item(0).getTextContent()).contains(metric, trust);
        assertThat(svg).contains("class=\"centre\"", "class=\"upper-limit\"", "class=\"lower-limit\"", "class=\"target\"",
                "class=\"variation-icon\"", "class=\"assurance-icon\"", "class=\"point special-cause-concern\"",
                "class=\"y-axis-title\"", "class=\"x-axis-title\"", SvgColours.CONCERN);
        assertThat(svg.split("<circle class=\"point ", -1)).hasSize(16);
        // The same picture at the address messages link to (a browser sends no Accept: image/svg+xml).
        assertThat(given().get("/api/v1/spc.svg?audit=nhfd&metric=" + metric + "&organisation=" + trust).then()
                .statusCode(200).contentType("image/svg+xml").extract().asString()).isEqualTo(svg);
        // Notes (a PDSA change date) marked at their period; a note that is not period:text is refused, naming it.
        String noted = given().queryParam("note", "2023-06:Theatre slot held").get("/api/v1/spc.svg?audit=nhfd&metric="
                + metric + "&organisation=" + trust).then().statusCode(200).extract().asString();
        assertThat(noted).contains("<title>2023-06: Theatre slot held</title>", "note 1 at 2023-06: Theatre slot held");
        given().queryParam("note", "2023-06:Theatre slot held").queryParam("note", "June:no period")
                .accept("image/svg+xml").get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/note/1"));
    }

    @Test
    void shouldDrawTheFunnelOfAMetricAcrossTrusts() throws Exception {
        String metric = "f-" + TestOrganisations.unique("x").toLowerCase(Locale.ROOT);
        TestColleges.actAsCollegeCovering("nhfd"); // the funnel names every trust to a college only
        long[] deaths = {4, 9, 14, 6, 39, 12, 3, 17, 9, 11, 30, 12};
        long[] cases = {45, 120, 210, 88, 300, 156, 67, 240, 99, 180, 410, 75};
        List<String> trusts = new ArrayList<>();
        for (int i = 0; i < deaths.length; i++) {
            String trust = TestOrganisations.unique("T");
            trusts.add(trust);
            publish(metric, trust, null, 12, deaths[i], cases[i]);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().config(DOUBLES)
                .get("/api/v1/funnel?audit=nhfd&metric=" + metric + "&period=2023-12").then().statusCode(200)
                .body("units", hasSize(12)));
        given().config(DOUBLES).get("/api/v1/funnel?audit=nhfd&metric=" + metric + "&period=2023-12").then()
                .body("target", closeTo(0.0834170854, 1e-10))
                .body("units.findAll { it.classification != 'within' }.id", contains(
                        List.of(trusts.get(4), trusts.get(11)).stream().sorted().toArray()));
        String svg = given().config(DOUBLES).accept("image/svg+xml").get("/api/v1/funnel?audit=nhfd&metric=" + metric + "&period=2023-12")
                .then().statusCode(200).extract().asString();
        parse(svg);
        assertThat(given().get("/api/v1/funnel.svg?audit=nhfd&metric=" + metric + "&period=2023-12").then().statusCode(200)
                .contentType("image/svg+xml").extract().asString()).isEqualTo(svg);
        assertThat(svg).contains("class=\"alarm-high\"", "class=\"alert-low\"", "class=\"target\"",
                "class=\"outlier-label\"", ">" + trusts.get(4) + "<");
        String[] csv = given().accept("text/csv").get("/api/v1/funnel?audit=nhfd&metric=" + metric + "&period=2023-12")
                .then().statusCode(200).extract().asString().split("\r\n");
        assertThat(csv).hasSize(13);
        assertThat(csv[0]).isEqualTo("id,numerator,denominator,expected,value,z,limits.alarmLow,limits.alertLow,"
                + "limits.alertHigh,limits.alarmHigh,classification");
        assertThat(java.util.Arrays.stream(csv).filter(row -> row.startsWith(trusts.get(4) + ",39,300,,0.13,")))
                .singleElement().asString().endsWith(",alert-high");
        given().config(DOUBLES).get("/api/v1/funnel?audit=nhfd&metric=" + metric + "&period=2023-13&overdispersion=x").then()
                .statusCode(400).contentType(PROBLEM_JSON).body("errors.pointer", hasItem("/period"))
                .body("errors.pointer", hasItem("/overdispersion"));
        given().config(DOUBLES).get("/api/v1/funnel?audit=nhfd&metric=" + metric + "&period=2020-01").then().statusCode(404);
        // A trust sees its own point ringed and named, the others anonymised; a college sees no ring.
        assertThat(svg).doesNotContain("class=\"own\"");
        TestTokens.actAs(trusts.get(4));
        String own = given().get("/api/v1/funnel.svg?audit=nhfd&metric=" + metric + "&period=2023-12").then()
                .statusCode(200).extract().asString();
        assertThat(own).contains("class=\"own\"", ">" + trusts.get(4) + " (you)<", "<title>peer-1: ")
                .doesNotContain(">" + trusts.get(11) + "<");
        // Its CSV is as anonymous as its picture: its own row named, the others peers.
        String ownCsv = given().accept("text/csv").get("/api/v1/funnel?audit=nhfd&metric=" + metric + "&period=2023-12")
                .then().statusCode(200).extract().asString();
        assertThat(ownCsv).contains("\r\n" + trusts.get(4) + ",", "\r\npeer-1,").doesNotContain(trusts.get(11));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** A new trust, the caller from now on. */
    private static String trustActingAs() {
        String trust = TestOrganisations.unique("S");
        TestTokens.actAs(trust);
        return trust;
    }

    /** Month 1 is 2023-01. */
    private static String period(int month) {
        return String.format("%d-%02d", 2023 + (month - 1) / 12, (month - 1) % 12 + 1);
    }

    private void publish(String metric, String trust, String microsystem, int month, long numerator, long denominator)
            throws Exception {
        send(new AuditResultRecorded(UUID.randomUUID(), 1, "nhfd", metric, MetricType.PROPORTION, "higher-is-better",
                new BigDecimal("0.75"), trust, microsystem, period(month), numerator, denominator, null, Instant.now()));
    }

    private void publishRatio(String metric, String trust, String microsystem, int month, long observed, long patients,
            String expected) throws Exception {
        send(new AuditResultRecorded(UUID.randomUUID(), 1, "nhfd", metric, MetricType.STANDARDISED_RATIO,
                "lower-is-better", null, trust, microsystem, period(month), observed, patients, null,
                new BigDecimal(expected), Instant.now()));
    }

    private void send(AuditResultRecorded event) throws Exception {
        probe.send(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), "nhfd/" + event.metric(),
                event.seriesKey().withPeriod(event.period()), json.writeValueAsString(event));
    }

    /** The Making Data Count colours the pictures use. */
    static final class SvgColours {
        static final String CONCERN = "#fab428";
    }
}
