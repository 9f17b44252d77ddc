package uk.nhs.pdsa.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pdsa.tokens.ProviderTokens;

/**
 * The story of {@code docs/api/action-plan.md} told twice on identical data: once through the action-plan API as
 * the page writes it (plan, Do, Study, Act adapt with the team's score, the next cycle, the owner's handover and
 * the team's change, three cycles to an adopted change and an improved need), once through the portal in a
 * browser by the same improvement lead. The trust's results arrive between the stages, for both wards at once.
 * The two end states are read back from the API and must be the same.
 */
final class DocumentedWalk {
    static final String METRIC = "surgery-within-36h";
    private static final String LEAD = "rxh.improvement-lead";
    private static final String OBJECTIVE = "Operate on more hip-fracture patients within 36 hours of arrival";
    private static final String QUESTION = "Will more patients reach theatre within 36 h?";
    private static final String PREDICTION = "The monthly share within 36 h rises above 75 % within two months";
    private static final Map<String, String> DATA = Map.of("who", "Ward audit clerk",
            "what", "Arrival and knife-to-skin time of every hip fracture", "when", "Daily, submitted monthly",
            "where", "Theatre system and ED records");
    private static final Map<String, String> PATEL = Map.of("name", "Dr A Patel", "email", "a.patel@nhs.net",
            "role", "orthogeriatric registrar");
    private static final Map<String, String> OKAFOR = Map.of("name", "Dr B Okafor", "email", "b.okafor@nhs.net",
            "role", "orthogeriatric registrar");
    private static final Map<String, String> JONES = Map.of("name", "Sister J Jones", "role", "ward manager");
    private static final Map<String, String> LEE = Map.of("name", "Dr C Lee", "role", "orthogeriatrician");

    private final ProviderTokens tokens;
    private final String ingest;
    private final String actionPlan;
    private final String findings;
    private final String portal;
    final String audit;
    /** This run's wards (the test stack keeps earlier runs' data): the API walk's and the browser walk's. */
    final String apiWard;
    final String browserWard;
    /** Calls the API walk made (each write, and each read of a version for If-Match). */
    int apiCalls;
    /** Clicks on buttons, links and radios the browser walk made (typing is not counted). */
    int clicks;

    DocumentedWalk(ProviderTokens tokens, String ingest, String actionPlan, String findings, String portal, String audit) {
        this.tokens = tokens;
        this.ingest = ingest;
        this.actionPlan = actionPlan;
        this.findings = findings;
        this.portal = portal;
        this.audit = audit;
        this.apiWard = audit + "-api";
        this.browserWard = audit + "-browser";
    }

    // ------------------------------------------------------------------------------------------------- data

    /**
     * The audit and two wards with the sample's planted shift: 27 months near 84 % (of 50 patients a month), then
     * 9 months near 62 %, to December 2025; findings raises the concern and action-plan opens each ward's need.
     */
    void plant() throws Exception {
        String admin = "Bearer " + tokens.forClient("pdsa-sample-loader", "pdsa-sample-loader-local-secret");
        given().baseUri(ingest).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("title", "Walk Hip Fracture Audit", "specialty", "orthogeriatrics", "metrics", List.of(Map.of(
                        "code", METRIC, "title", "Surgery within 36 hours", "type", "proportion",
                        "direction", "higher-is-better", "target", 0.85))))
                .put("/api/v1/audits/" + audit).then().statusCode(201);
        for (String ward : List.of(apiWard, browserWard)) {
            given().baseUri(ingest).header("Authorization", admin).contentType(ContentType.JSON)
                    .body(Map.of("name", apiWard.equals(ward) ? "Walk ward A (API)" : "Walk ward B (browser)"))
                    .put("/api/v1/organisations/RXH/microsystems/" + ward).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        int[] before = {41, 42, 43, 42, 44, 40, 42, 43, 41};
        int[] shifted = {31, 30, 32, 31, 32, 30, 31, 31, 32};
        Map<String, Integer> history = new LinkedHashMap<>();
        for (int m = 0; m < 36; m++) {
            history.put(YearMonth.of(2023, 1).plusMonths(m).toString(), m < 27 ? before[m % before.length] : shifted[m - 27]);
        }
        submit(history);
    }

    /** The trust's results for both wards (patients operated within 36 h, of 50), once findings has charted them. */
    void submit(Map<String, Integer> results) throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String ward : List.of(apiWard, browserWard)) {
            results.forEach((period, within) -> items.add(Map.of("audit", audit, "metric", METRIC, "organisation", "RXH",
                    "microsystem", ward, "period", period, "numerator", within, "denominator", 50)));
        }
        given().baseUri(ingest).header("Authorization", "Bearer " + tokens.forClient("rxh-system", "rxh-system-local-secret"))
                .contentType(ContentType.JSON).body(items).post("/api/v1/audit-results").then().statusCode(200);
        String last = results.keySet().stream().max(String::compareTo).orElseThrow();
        String reader = "Bearer " + tokens.signIn(LEAD);
        for (String ward : List.of(apiWard, browserWard)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonPath chart = given().baseUri(findings).header("Authorization", reader).queryParam("audit", audit)
                        .queryParam("metric", METRIC).queryParam("organisation", "RXH").queryParam("microsystem", ward)
                        .get("/api/v1/spc").then().extract().jsonPath();
                List<String> labels = chart.getList("points.label");
                return labels != null && labels.contains(last);
            });
        }
    }

    /** The open need findings gave the ward. */
    String need(String ward) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> lead().get("/api/v1/improvement-needs?organisation=RXH"
                + "&microsystem=" + ward).then().extract().<String>path("items.find { it.audit == '" + audit + "' }.id"),
                id -> id != null);
    }

    // ---------------------------------------------------------------------------------------------- the API

    private RequestSpecification lead() throws Exception {
        return given().baseUri(actionPlan).header("Authorization", "Bearer " + tokens.signIn(LEAD)).contentType(ContentType.JSON);
    }

    /** The doc's {@code plan} function: the IHI worksheet with the people as they are now. */
    String apiPlan(String title, String changeIdea, Map<String, Object> link, String start, String end,
            Map<String, String> owner, List<Map<String, String>> team) throws Exception {
        Map<String, Object> plan = new HashMap<>(link);
        plan.putAll(Map.of("title", title, "objective", OBJECTIVE, "changeIdea", changeIdea,
                "predictions", List.of(Map.of("question", QUESTION, "prediction", PREDICTION)),
                "measures", List.of(Map.of("audit", audit, "metric", METRIC, "organisation", "RXH", "microsystem", apiWard)),
                "dataCollection", DATA, "owner", owner, "team", team, "plannedStart", start, "plannedEnd", end));
        apiCalls++;
        return lead().body(plan).post("/api/v1/pdsa-cycles").then().statusCode(201).extract().path("id");
    }

    /** A write with the version just read ({@code etag} in the doc, then the write: two calls). */
    JsonPath apiWrite(String method, String path, Map<String, ?> body) throws Exception {
        String etag = lead().get(path.replaceFirst("/(do|study|act|owner|team)$", "")).then().statusCode(200)
                .extract().header("ETag");
        apiCalls += 2;
        RequestSpecification request = lead().header("If-Match", etag).body(body);
        return ("PUT".equals(method) ? request.put(path) : request.post(path)).then().statusCode(200).extract().jsonPath();
    }

    // ------------------------------------------------------------------------------------------ the browser

    void click(Locator target) {
        target.click();
        clicks++;
    }

    Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** From the need's page: "Plan a PDSA cycle", the worksheet as the doc fills it, "Plan the cycle"; the cycle's id. */
    String browserPlanFirst(Page page, String needId) {
        page.navigate(portal + "/needs/" + needId);
        click(button(page, "Plan a PDSA cycle"));
        assertThat(page.locator("#measure").isChecked()).as("the need's own series is ticked").isTrue();
        page.locator("#title").fill("Theatre slot held for hip fractures");
        page.locator("#objective").fill(OBJECTIVE);
        page.locator("#changeIdea").fill("Hold the first weekday trauma slot for hip fractures");
        page.locator("#question0").fill(QUESTION);
        page.locator("#prediction0").fill(PREDICTION);
        DATA.forEach((field, value) -> page.locator("#" + field).fill(value));
        page.locator("#ownerName").fill(PATEL.get("name"));
        page.locator("#ownerEmail").fill(PATEL.get("email"));
        page.locator("#ownerRole").fill(PATEL.get("role"));
        page.locator("#teamName0").fill(JONES.get("name"));
        page.locator("#teamRole0").fill(JONES.get("role"));
        page.locator("#plannedStart").fill("2026-01-05");
        page.locator("#plannedEnd").fill("2026-02-28");
        click(button(page, "Plan the cycle"));
        assertThat(page.locator("h1").innerText()).isEqualTo("PDSA cycle 1: Theatre slot held for hip fractures");
        return cycleId(page);
    }

    /** "Plan the next cycle" on a decided cycle: everything kept but the title, change idea and dates. */
    String browserPlanNext(Page page, int sequence, String title, String changeIdea, String start, String end) {
        click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan the next cycle")));
        assertThat(page.locator("#objective").inputValue()).isEqualTo(OBJECTIVE);
        assertThat(page.locator("#prediction0").inputValue()).isEqualTo(PREDICTION);
        assertThat(page.locator("#measure").isChecked()).isTrue();
        page.locator("#title").fill(title);
        page.locator("#changeIdea").fill(changeIdea);
        page.locator("#plannedStart").fill(start);
        page.locator("#plannedEnd").fill(end);
        click(button(page, "Plan the cycle"));
        assertThat(page.locator("h1").innerText()).isEqualTo("PDSA cycle " + sequence + ": " + title);
        return cycleId(page);
    }

    void browserDo(Page page, String changeDate, String whatWasDone, String problems, String observations) {
        page.locator("#changeDate").fill(changeDate);
        page.locator("#whatWasDone").fill(whatWasDone);
        if (problems != null) {
            page.locator("#problems").fill(problems);
            page.locator("#observations").fill(observations);
        }
        click(button(page, "Record Do"));
        assertThat(page.locator("#do + dl").innerText()).contains(whatWasDone);
    }

    void browserStudy(Page page, String comparison, String learning) {
        page.locator("#comparison").fill(comparison);
        page.locator("#learning").fill(learning);
        click(button(page, "Record Study"));
        assertThat(page.locator("main").innerText()).contains("What the data showed at Study", "Mean before the change");
    }

    void browserAct(Page page, String decision, String rationale, String teamScore) {
        click(page.locator("label[for='" + ("adopt".equals(decision) ? "decision" : "decision-" + decision) + "']"));
        page.locator("#rationale").fill(rationale);
        if (teamScore != null) {
            page.locator("#teamScore").fill(teamScore);
        }
        click(button(page, "Record Act"));
        assertThat(page.locator("#act + dl").innerText()).contains(rationale);
    }

    void browserHandOver(Page page) {
        click(page.getByText("Hand the cycle over", new Page.GetByTextOptions().setExact(true)));
        page.locator("#ownerName").fill(OKAFOR.get("name"));
        page.locator("#ownerEmail").fill(OKAFOR.get("email"));
        page.locator("#ownerRole").fill(OKAFOR.get("role"));
        page.locator("#reason").fill("Dr Patel rotates to another trust in March");
        click(button(page, "Hand over"));
        assertThat(page.locator("main").innerText()).contains("Dr B Okafor (orthogeriatric registrar)");
    }

    void browserTeam(Page page) throws Exception {
        click(page.getByText("Change the team", new Page.GetByTextOptions().setExact(true)));
        assertThat(page.locator("#teamName0").inputValue()).as("the team form starts from the team").isEqualTo(JONES.get("name"));
        // A role without a name is refused (not counted as a step of the story): the form stays open, as typed.
        page.locator("#teamRole2").fill("theatre coordinator");
        button(page, "Save the team").click();
        assertThat(page.locator(".nhsuk-error-summary").innerText()).contains("Enter the team member's name");
        assertThat(page.locator("#teamRole2").inputValue()).isEqualTo("theatre coordinator");
        assertThat(page.locator("details#team").getAttribute("open")).isNotNull();
        PortalBrowserIT.check(page, "walk-team-error");
        page.locator("#teamRole2").fill("");
        page.locator("#teamName1").fill(LEE.get("name"));
        page.locator("#teamRole1").fill(LEE.get("role"));
        page.locator("#teamReason").fill("The orthogeriatrician doing the Saturday reviews joins");
        click(button(page, "Save the team"));
        assertThat(page.locator("main").innerText()).contains("Sister J Jones (ward manager), Dr C Lee (orthogeriatrician)");
    }

    private static String cycleId(Page page) {
        return page.url().replaceFirst("^.*/cycles/", "").replaceFirst("[#?].*$", "");
    }

    // ---------------------------------------------------------------------------------------- the two walks

    static List<Map<String, String>> team(boolean withLee) {
        return withLee ? List.of(JONES, LEE) : List.of(JONES);
    }

    static Map<String, String> patel() {
        return PATEL;
    }

    static Map<String, String> okafor() {
        return OKAFOR;
    }

    /**
     * Everything the story leaves behind, read from the API, without ids and times: the need, the ramp (decisions,
     * both scores, the evidence Study kept), each cycle's people and its history's actions, the board's counts.
     */
    Map<String, Object> endState(String needId, List<String> cycles, String ward) throws Exception {
        Map<String, Object> state = new LinkedHashMap<>();
        JsonPath need = lead().get("/api/v1/improvement-needs/" + needId).then().statusCode(200).extract().jsonPath();
        state.put("need", List.of(need.getString("status"), need.getString("answer.kind"), need.get("improvedAt") != null));
        state.put("need cycles", need.getList("cycles.collect { [it.sequence, it.title, it.actDecision, it.suggestedScore] }"));
        JsonPath ramp = lead().get("/api/v1/pdsa-cycles/" + cycles.get(2) + "/ramp").then().statusCode(200).extract().jsonPath();
        // What was studied names the ward's series: the same words on either ward.
        state.put("ramp", List.of(ramp.getString("status"), ramp.getList("cycles.collect { [it.sequence, it.title,"
                + " it.actDecision, it.suggestedScore, it.teamScore, it.studied] }").toString().replace(ward, "the ward")));
        for (String id : cycles) {
            JsonPath c = lead().get("/api/v1/pdsa-cycles/" + id).then().statusCode(200).extract().jsonPath();
            int n = c.getInt("sequence");
            state.put("cycle " + n, List.of(c.getString("stage"), c.getString("owner.name"), c.getList("plan.team.name"),
                    c.getString("plan.changeIdea"), c.getString("doRecord.changeDate"), c.getString("act.decision"),
                    c.getString("act.rationale"), String.valueOf((Object) c.get("act.teamScore"))));
            state.put("cycle " + n + " evidence", c.getList("study.evidence.collect { [it.available, it.beforeMean,"
                    + " it.afterMean, it.improvement, it.concern, it.sustained] }"));
            state.put("cycle " + n + " history", lead().get("/api/v1/pdsa-cycles/" + id + "/history").then().statusCode(200)
                    .extract().jsonPath().getList("action"));
        }
        JsonPath board = lead().get("/api/v1/organisations/RXH/microsystems/" + ward + "/board").then().statusCode(200)
                .extract().jsonPath();
        state.put("board", List.of(board.getMap("needs").entrySet().stream().map(e -> e.getKey() + "="
                + ((List<?>) e.getValue()).size()).sorted().toList(), board.getMap("cycles").entrySet().stream()
                .map(e -> e.getKey() + "=" + ((List<?>) e.getValue()).size()).sorted().toList()));
        return state;
    }
}
