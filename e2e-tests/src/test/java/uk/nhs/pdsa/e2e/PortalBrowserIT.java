package uk.nhs.pdsa.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

import io.restassured.http.ContentType;
import uk.nhs.pdsa.testing.Mailbox;
import uk.nhs.pdsa.tokens.ProviderTokens;

/**
 * The improvement portal in a real browser (Debian's chromium driven by Playwright), signed in through the test
 * stack's Keycloak: an RXH clinical lead follows a planted shift from "what needs you" to the organisation's
 * charts to the ward's chart; an RJ1 clinical lead cannot see RXH's chart; signing out ends the session. Every
 * page is checked with axe-core (WCAG 2.2 AA rules: 0 violations) and photographed under target/screenshots.
 */
class PortalBrowserIT {
    private static final String PROVIDER = "http://localhost:" + System.getProperty("pdsa.keycloak.port", "18180");
    private static final ProviderTokens TOKENS = new ProviderTokens(PROVIDER);
    private static final String KAFKA = System.getProperty("pdsa.kafka", "127.0.0.1:19092");
    private static final String WARD = "portal-ward";
    private static final String LAST_MONTH = "2025-08";
    /** A second ward with the same shift, whose need the browser walk answers. */
    private static final String WORK_WARD = "portal-ward-2";
    private static String workNeed;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("pdsa.screenshots", "target/screenshots"));
    private static final Path AXE = Path.of(System.getProperty("pdsa.root", ".."), "improvement-portal", "frontend",
            "node_modules", "axe-core", "axe.min.js");
    /** The portal's Content-Security-Policy refuses inline script; the test lets axe in, the policy is tested apart. */
    private static final Browser.NewContextOptions AXE_ALLOWED = new Browser.NewContextOptions().setBypassCSP(true);
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static ServiceProcess ingest;
    private static ServiceProcess portal;
    private static ServiceProcess notification;
    private static ServiceProcess findingsService;
    private static ServiceProcess actionPlanService;
    /** A fresh address per run, so the mailbox holds this run's messages only. */
    private static final String MAIL = "portal-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nhs.uk";
    private static Playwright playwright;
    private static Browser browser;
    private static String audit;

    @BeforeAll
    static void startPlatformAndPortal() throws Exception {
        Path logs = Path.of(System.getProperty("pdsa.logs", "target/e2e-logs"), "portal");
        Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA,
                "DB_PORT", System.getProperty("pdsa.pg.port", "55433"),
                "JWT_PUBLIC_KEY_LOCATION", TOKENS.issuer() + "/protocol/openid-connect/certs",
                "JWT_ISSUER", TOKENS.issuer());
        ingest = service("audit-ingest-service", 18111, "e2e_portal_ingest", common, logs);
        ServiceProcess findings = service("findings-service", 18112, "e2e_portal_findings", common, logs);
        findingsService = findings;
        // The overdue watch is off: on the shared test database it could mark a cycle of this run overdue (a new
        // version) between a page's reading and its form's saving; the board's "overdue" comes from the dates.
        ServiceProcess actionPlan = service("action-plan-service", 18113, "e2e_portal_actionplan",
                with(with(common, "FINDINGS_URL", findings.url()), "NEEDS_CHECK_EVERY", "off"), logs);
        actionPlanService = actionPlan;
        portal = new ServiceProcess("improvement-portal", 18085, Map.of("INGEST_URL", ingest.url(),
                "FINDINGS_URL", findings.url(), "ACTION_PLAN_URL", actionPlan.url(),
                "OIDC_AUTH_SERVER_URL", TOKENS.issuer(), "NOTIFICATION_URL", "http://localhost:18114"), logs);
        Map<String, String> notify = new java.util.HashMap<>(common);
        notify.putAll(Map.of("DB_NAME", "e2e_portal_notification", "FINDINGS_URL", findings.url(),
                "OIDC_AUTH_SERVER_URL", TOKENS.issuer(), "LINKS_PORTAL", portal.url(),
                "SMTP_PORT", System.getProperty("pdsa.smtp.port", "13025"), "DELIVERY_POLL", "1s",
                "PDSA_CONTACTS_ALLOW_HTTP_WEBHOOKS", "true", "WEBHOOK_ALLOWED_HOSTS", "localhost,127.0.0.1"));
        notification = new ServiceProcess("notification-service", 18114, notify, logs);
        SERVICES.addAll(List.of(ingest, findings, actionPlan, portal, notification));
        ServiceProcess.startAll(SERVICES);
        definePeoplesOrganisations();
        // The clinical lead's email address, for the trust's concerns (before the shift is planted).
        given().baseUri(notification.url()).header("Authorization", "Bearer " + TOKENS.forClient("pdsa-sample-loader",
                "pdsa-sample-loader-local-secret")).contentType(ContentType.JSON)
                .body(Map.of("organisation", "RXH", "name", "Anika Patel", "role", "clinical-lead", "email", MAIL))
                .post("/api/v1/contacts").then().statusCode(201);
        plantShift();
        String needId = await().atMost(Duration.ofSeconds(90)).until(() -> given().baseUri(actionPlan.url())
                .header("Authorization", "Bearer " + TOKENS.signIn("rxh.clinical-lead"))
                .get("/api/v1/improvement-needs?organisation=RXH&microsystem=" + WARD).then().extract()
                .<String>path("items.find { it.audit == '" + audit + "' }.id"), id -> id != null);
        planAChange(actionPlan.url(), needId);
        workNeed = await().atMost(Duration.ofSeconds(90)).until(() -> given().baseUri(actionPlan.url())
                .header("Authorization", "Bearer " + TOKENS.signIn("rxh.improvement-lead"))
                .get("/api/v1/improvement-needs?organisation=RXH&microsystem=" + WORK_WARD).then().extract()
                .<String>path("items.find { it.audit == '" + audit + "' }.id"), id -> id != null);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(findings.url())
                .header("Authorization", "Bearer " + TOKENS.signIn("rxh.clinical-lead"))
                .get("/api/v1/funnel?audit=" + audit + "&metric=within-36h&period=" + LAST_MONTH).statusCode() == 200);
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(Paths.get(System.getProperty("pdsa.chromium", "/usr/bin/chromium")))
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        ServiceProcess.stopAll(SERVICES);
    }

    /**
     * The organisations the people signing in act for, as the catalogue defines them (tokens of an organisation it
     * does not hold are refused), known to every service before any test signs in.
     */
    private static void definePeoplesOrganisations() throws Exception {
        String admin = "Bearer " + TOKENS.forClient("pdsa-sample-loader", "pdsa-sample-loader-local-secret");
        Map<String, Map<String, Object>> organisations = new java.util.LinkedHashMap<>();
        organisations.put("RXH", Map.of("name", "University Hospitals Sussex NHS Foundation Trust", "type", "trust"));
        organisations.put("RJ1", Map.of("name", "Guy's and St Thomas' NHS Foundation Trust", "type", "trust"));
        organisations.put("RCSENG", Map.of("name", "Royal College of Surgeons of England", "type", "college",
                "specialties", List.of("orthopaedics")));
        organisations.put("HWENG", Map.of("name", "Healthwatch England", "type", "patient-group"));
        organisations.put("CQC", Map.of("name", "Care Quality Commission", "type", "regulator"));
        organisations.put("QKK", Map.of("name", "NHS South East London Integrated Care Board", "type", "commissioner",
                "members", List.of("RJ1")));
        for (var organisation : organisations.entrySet()) {
            given().baseUri(ingest.url()).header("Authorization", admin).contentType(ContentType.JSON)
                    .body(organisation.getValue()).put("/api/v1/organisations/" + organisation.getKey())
                    .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        for (String person : List.of("rxh.clinical-lead", "rj1.clinical-lead", "rcseng.audit-lead", "hweng.representative",
                "cqc.inspector", "qkk.quality-lead")) {
            E2eCatalogue.awaitKnownWith(TOKENS.signIn(person), findingsService.url(), actionPlanService.url(),
                    notification.url());
        }
    }

    /** 16 good months, then 4 poor ones on an RXH ward: a special cause concern, which opens an improvement need. */
    private static void plantShift() throws Exception {
        audit = "portal-" + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
        String admin = TOKENS.forClient("pdsa-sample-loader", "pdsa-sample-loader-local-secret");
        given().baseUri(ingest.url()).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("title", "Portal Hip Fracture Audit", "specialty", "orthopaedics", "metrics", List.of(Map.of(
                        "code", "within-36h", "title", "Surgery within 36 hours", "type", "proportion",
                        "direction", "higher-is-better", "target", 0.85))))
                .put("/api/v1/audits/" + audit).then().statusCode(201);
        given().baseUri(ingest.url()).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("name", "University Hospitals Sussex NHS Foundation Trust", "type", "trust"))
                .put("/api/v1/organisations/RXH").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().baseUri(ingest.url()).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Trauma ward (portal test)")).put("/api/v1/organisations/RXH/microsystems/" + WARD)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().baseUri(ingest.url()).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Royal College of Surgeons of England", "type", "college", "specialties",
                        List.of("orthopaedics"))).put("/api/v1/organisations/RCSENG")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().baseUri(ingest.url()).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Orthopaedic ward (portal test)")).put("/api/v1/organisations/RXH/microsystems/" + WORK_WARD)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        List<Map<String, Object>> results = new ArrayList<>();
        for (String ward : List.of(WARD, WORK_WARD)) {
            for (int month = 1; month <= 20; month++) {
                results.add(Map.of("audit", audit, "metric", "within-36h", "organisation", "RXH", "microsystem", ward,
                        "period", YearMonth.of(2024, 1).plusMonths(month - 1).toString(),
                        "numerator", month > 16 ? 120 : 172, "denominator", 200));
            }
        }
        given().baseUri(ingest.url()).header("Authorization", "Bearer " + TOKENS.forClient("rxh-system",
                "rxh-system-local-secret")).contentType(ContentType.JSON).body(results)
                .post("/api/v1/audit-results").then().statusCode(200);
        // Another trust in the last month, so that month has a funnel plot.
        given().baseUri(ingest.url()).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Cambridge University Hospitals NHS Foundation Trust", "type", "trust"))
                .put("/api/v1/organisations/RGT").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().baseUri(ingest.url()).header("Authorization", "Bearer " + TOKENS.forClient("rgt-system",
                "rgt-system-local-secret")).contentType(ContentType.JSON).body(List.of(Map.of("audit", audit,
                        "metric", "within-36h", "organisation", "RGT", "period", LAST_MONTH, "numerator", 250,
                        "denominator", 300)))
                .post("/api/v1/audit-results").then().statusCode(200);
    }

    /** The improvement lead plans a cycle owned by the clinical lead and records its change in June 2025. */
    private static void planAChange(String actionPlanUrl, String needId) throws Exception {
        String lead = "Bearer " + TOKENS.signIn("rxh.improvement-lead");
        var planned = given().baseUri(actionPlanUrl).header("Authorization", lead).contentType(ContentType.JSON)
                .body(Map.of("needId", needId, "title", "Theatre slot held for hip fractures",
                        "objective", "More patients in theatre within 36 hours", "changeIdea", "Hold the first trauma slot",
                        "predictions", List.of(Map.of("question", "More within 36 h?", "prediction", "Back above 85%")),
                        "measures", List.of(Map.of("audit", audit, "metric", "within-36h", "organisation", "RXH",
                                "microsystem", WARD)),
                        "dataCollection", Map.of("who", "Ward clerk", "what", "Times", "when", "Daily", "where", "Theatre system"),
                        "owner", Map.of("name", "Anika Patel", "email", "rxh-clinical-lead@example.nhs.uk"),
                        "plannedStart", "2025-06-01", "plannedEnd", "2025-09-30"))
                .post("/api/v1/pdsa-cycles").then().statusCode(201).extract();
        given().baseUri(actionPlanUrl).header("Authorization", lead).contentType(ContentType.JSON)
                .header("If-Match", planned.header("ETag"))
                .body(Map.of("changeDate", "2025-06-10", "whatWasDone", "Slot held from 10 June"))
                .post("/api/v1/pdsa-cycles/" + planned.path("id") + "/do").then().statusCode(200);
    }

    private static ServiceProcess service(String name, int port, String database, Map<String, String> common, Path logs) {
        return new ServiceProcess(name, port, with(common, "DB_NAME", database), logs);
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    @Test
    void shouldLeadAClinicalLeadFromWhatNeedsThemToTheWardsChart() throws Exception {
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            // As if the person had last visited long ago: what was raised since is listed as new.
            context.addCookies(List.of(new com.microsoft.playwright.options.Cookie("pdsa-last-visit",
                    "2020-01-01T00:00:00Z").setUrl(portal.url())));
            Page page = context.newPage();
            signIn(page, "rxh.clinical-lead");
            assertThat(page.title()).isEqualTo("What needs you - NHS improvement portal");
            String home = page.locator("main").innerText();
            assertThat(home).contains("Surgery within 36 hours", "Trauma ward (portal test)", "PDSA cycle under way",
                    "Special cause variation: concern", "Raised since your last visit",
                    "Findings raised since your last visit on 1 January 2020", "Theatre slot held for hip fractures",
                    "Change made: waiting for the results to be studied (Study)");
            assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Theatre slot held for hip fractures"))
                    .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Trauma ward (portal test)"))
                    .first().innerText()).contains("Anika Patel", "You");
            check(page, "home");

            // The newest finding of the ward (this run's) comes first.
            page.locator("tr", new Page.LocatorOptions().setHasText("Trauma ward (portal test)"))
                    .locator("a[href^='/findings/']").first().click();
            assertThat(page.locator("h1").innerText()).startsWith("Why this was raised: Surgery within 36 hours at");
            assertThat(page.locator("main").innerText()).contains("Special cause variation: concern", "Stands now",
                    "Mean and control limits");
            assertThat(page.locator("tbody tr").count()).isPositive();
            assertThat(page.locator("main").innerText()).contains("Improvement need", "PDSA cycle under way",
                    "PDSA cycle 1", "Theatre slot held for hip fractures", "History", "Raised");
            check(page, "finding");
            page.navigate(portal.url() + "/");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your organisation's charts")).click();
            assertThat(page.locator("h1").innerText()).isEqualTo("Charts of University Hospitals Sussex NHS Foundation Trust");
            assertThat(page.locator("main").innerText()).contains("Portal Hip Fracture Audit", "Trauma ward (portal test)");
            check(page, "organisation");

            // The year for the board: findings raised this year and what followed, on a page and as CSV.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The year's report")).click();
            int year = java.time.Year.now(java.time.ZoneOffset.UTC).getValue();
            assertThat(page.locator("h1").innerText()).isEqualTo("Improvement in " + year);
            assertThat(page.locator("main").innerText()).contains("Findings raised", "Improvement needs opened",
                    "PDSA cycles", "Trauma ward (portal test)", "PDSA cycle under way");
            check(page, "report");
            var csv = context.request().get(portal.url() + "/report.csv?year=" + year);
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.headers().get("content-type")).startsWith("text/csv");
            assertThat(csv.text()).startsWith("raised,finding,measure,place,period,status,improvement_need,cycles,")
                    .contains("Trauma ward (portal test)");
            page.goBack();

            page.locator("a[href='/boards/" + WARD + "']").first().click();
            assertThat(page.locator("h1").innerText()).isEqualTo("Improvement board: Trauma ward (portal test)");
            // The test stack may keep earlier runs' needs of this ward: at least this run's is under way, in Do.
            assertThat(page.locator("main").innerText()).containsPattern("PDSA cycle under way \\([1-9]\\d*\\)")
                    .containsPattern("Do \\([1-9]\\d*\\)")
                    .contains("Theatre slot held for hip fractures: Overdue Owner Anika Patel, past its planned end,"
                            + " 30 September 2025");
            check(page, "board");
            page.goBack();

            page.locator("a[href*='audit=" + audit + "'][href*='microsystem=" + WARD + "']").first().click();
            assertThat(page.locator("h1").innerText()).isEqualTo("Surgery within 36 hours at Trauma ward (portal test)");
            assertThat(page.locator(".nhsuk-caption-l").innerText()).isEqualTo("Portal Hip Fracture Audit");
            assertThat(page.locator("tbody tr").count()).isEqualTo(20);
            assertThat(page.locator("tbody tr").first().innerText()).contains("January 2024", "86.0%", "172 of 200");
            // The picture comes from findings through the portal, after the page: wait until it has loaded.
            page.waitForFunction("() => { const i = document.querySelector('img.portal-chart');"
                    + " return i && i.complete && i.naturalWidth > 0; }");
            assertThat(page.locator("img.portal-chart").getAttribute("alt")).contains("20 points", "Getting worse",
                    "1 PDSA change(s) marked");
            assertThat(page.locator("img.portal-chart").getAttribute("src")).contains("&note=2025-06%3A1.+Theatre+slot+held");
            assertThat(page.locator("main").innerText()).contains("Changes tested (PDSA cycles)",
                    "Theatre slot held for hip fractures: changed on 10 June 2025");
            check(page, "chart");
            String chartAddress = page.url();

            // The whole trust's chart leads to the funnel of its latest month: RXH named, the other trust not.
            page.navigate(portal.url() + "/chart?audit=" + audit + "&metric=within-36h&organisation=RXH");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Compare with other trusts in August 2025"
                    + " (funnel plot)")).click();
            assertThat(page.locator("h1").innerText()).isEqualTo("Surgery within 36 hours compared across trusts, August 2025");
            page.waitForFunction("() => { const i = document.querySelector('img.portal-chart');"
                    + " return i && i.complete && i.naturalWidth > 0; }");
            assertThat(page.locator("tbody").innerText()).contains("University Hospitals Sussex NHS Foundation Trust",
                    "Your trust", "Another trust (peer-1)", "250 of 300").doesNotContain("Cambridge", "RGT");
            check(page, "funnel");
            page.navigate(chartAddress);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page.locator("h1").innerText()).isEqualTo("You are signed out");
            check(page, "signed-out");
            // A link from an email: sign in first, then land on the page it names.
            page.navigate(chartAddress);
            assertThat(page.url()).startsWith(PROVIDER);
            enterPassword(page, "rxh.clinical-lead");
            page.waitForURL(chartAddress);
            assertThat(page.locator("h1").innerText()).isEqualTo("Surgery within 36 hours at Trauma ward (portal test)");
        }
    }

    /** The email about the shift shows the chart inline (a PNG, with words for it) and its link opens the page. */
    @Test
    void shouldEmailTheChartAsAPictureWhoseLinkOpensTheChartAfterSignIn() throws Exception {
        String email = await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.messages(MAIL).stream()
                .filter(m -> m.contains("Subject: Concern") && m.contains(" at " + WARD + " (RXH)")).findFirst().orElse(null), m -> m != null);
        String unfolded = email.replaceAll("=\r?\n", "").replace("=3D", "=");
        assertThat(email).contains("Content-Type: image/png", "Content-ID: <chart@notifications.pdsa.nhs.uk>");
        assertThat(unfolded).contains("src=\"cid:chart@notifications.pdsa.nhs.uk\"",
                "alt=\"Surgery within 36 hours (Portal Hip Fracture Audit), University Hospitals Sussex NHS Foundation"
                        + " Trust, Trauma ward (portal test).");
        java.util.regex.Matcher png = java.util.regex.Pattern.compile("Content-Type: image/png[^\\n]*\\n(?:[^\\n]+\\n)*\\n"
                + "([A-Za-z0-9+/=\\n]+)").matcher(email);
        assertThat(png.find()).isTrue();
        byte[] picture = java.util.Base64.getMimeDecoder().decode(png.group(1));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture));
        assertThat(image.getWidth()).isEqualTo(900);
        Files.write(SCREENSHOTS.resolve("email-chart.png"), picture);

        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(" + java.util.regex.Pattern.quote(portal.url())
                + "/chart\\?[^\"]+)\">See the chart").matcher(unfolded);
        assertThat(link.find()).isTrue();
        String address = link.group(1).replace("&amp;", "&");
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            page.navigate(address);
            assertThat(page.url()).startsWith(PROVIDER);
            enterPassword(page, "rxh.clinical-lead");
            page.waitForURL(address);
            assertThat(page.locator("h1").innerText()).isEqualTo("Surgery within 36 hours at Trauma ward (portal test)");
        }
    }

    @Test
    void shouldNeverShowAnotherTrustsChart() throws Exception {
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "rj1.clinical-lead");
            page.navigate(portal.url() + "/chart?audit=" + audit + "&metric=within-36h&organisation=RXH&microsystem=" + WARD);
            assertThat(page.locator("h1").innerText()).isEqualTo("Page not found");
            assertThat(page.content()).doesNotContain("172 of 200");
            check(page, "not-found");
        }
    }

    /**
     * The improvement lead answers the second ward's need in the browser alone: a plan refused with the error
     * summary (what was typed kept), then planned; Do, Study (the evidence beside the predictions), Act adopt; the
     * next cycle prefilled from the first; a colleague's save in between meets the conflict page, never a silent
     * overwrite; the ramp shows both cycles with both scores.
     */
    @Test
    void shouldTakeANeedThroughARampOfCyclesInTheBrowser() throws Exception {
        long started = System.nanoTime();
        int[] steps = {0};
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            try {
                walk(page, steps);
            } catch (RuntimeException | AssertionError e) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("portal-walk-failed.png")).setFullPage(true));
                throw new AssertionError("the walk stopped on " + page.url() + " showing: " + page.content(), e);
            }
        }
        System.out.printf("[e2e] the browser walk: plan with an error, plan, Do, Study, Act, next cycle, conflict, ramp:"
                + " %d clicks on buttons and links in %.1f s (the API walk of the same: 9 calls with hand-written JSON"
                + " and If-Match headers)%n", steps[0], (System.nanoTime() - started) / 1e9);
    }

    private void walk(Page page, int[] steps) throws Exception {
        {
            signIn(page, "rxh.improvement-lead");
            page.navigate(portal.url() + "/needs/" + workNeed);
            assertThat(page.locator("h1").innerText()).isEqualTo("Improvement need: Surgery within 36 hours at Orthopaedic ward"
                    + " (portal test)");
            assertThat(page.locator("main").innerText()).contains("Waiting for an answer", "Evidence",
                    "Getting worse (special cause: concern)");
            check(page, "need");
            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan a PDSA cycle")), steps);
            assertThat(page.locator("h1").innerText()).isEqualTo("Plan a PDSA cycle");
            assertThat(page.locator("#measure").isChecked()).as("the need's own series is ticked").isTrue();

            // Half a plan: the service refuses it; the page says what is missing, keeps what was typed.
            page.locator("#title").fill("Theatre slot held for hip fractures");
            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan the cycle")), steps);
            assertThat(page.title()).startsWith("Error: ");
            assertThat(page.locator(".nhsuk-error-summary").innerText()).contains("There is a problem");
            assertThat(page.locator(".nhsuk-error-summary__list li").count()).isPositive();
            assertThat(page.locator("#title").inputValue()).isEqualTo("Theatre slot held for hip fractures");
            assertThat(page.locator(".nhsuk-error-message").count()).isPositive();
            check(page, "plan-errors");

            fillPlan(page, "Operate on more hip fractures within 36 hours", "Hold the first weekday trauma slot",
                    "2025-06-01", "2025-09-30");
            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan the cycle")), steps);
            assertThat(page.locator("h1").innerText()).isEqualTo("PDSA cycle 1: Theatre slot held for hip fractures");
            check(page, "cycle-plan");

            page.locator("#changeDate").fill("2025-07-01");
            page.locator("#whatWasDone").fill("First weekday trauma slot held from 1 July");
            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record Do")), steps);
            assertThat(page.locator("#do + dl").innerText()).contains("1 July 2025", "First weekday trauma slot held");
            page.locator("#comparison").fill("Still 60 % in July and August; we predicted over 75 %");
            page.locator("#learning").fill("The slot alone is not enough");
            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record Study")), steps);
            assertThat(page.locator("main").innerText()).contains("What the data showed at Study", "Mean before the change",
                    "Results against the prediction");
            page.locator("label[for='decision']").click();
            steps[0]++;
            page.locator("#rationale").fill("Keep the slot and add a weekend review");
            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record Act")), steps);
            assertThat(page.locator("main").innerText()).contains("Adopt: make the change standard practice");
            check(page, "cycle-act");

            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan the next cycle")), steps);
            assertThat(page.locator("h1").innerText()).isEqualTo("Plan the next cycle");
            assertThat(page.locator("#objective").inputValue()).isEqualTo("Operate on more hip fractures within 36 hours");
            assertThat(page.locator("#prediction0").inputValue()).isEqualTo("Over 75 % within two months");
            assertThat(page.locator("#title").inputValue()).isEmpty();
            page.locator("#title").fill("Weekend orthogeriatric review");
            page.locator("#changeIdea").fill("Orthogeriatrician reviews weekend admissions on Saturday");
            page.locator("#plannedStart").fill("2025-08-01");
            page.locator("#plannedEnd").fill("2025-10-31");
            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan the cycle")), steps);
            assertThat(page.locator("h1").innerText()).isEqualTo("PDSA cycle 2: Weekend orthogeriatric review");
            String cycleTwo = page.url();

            // A colleague records Do first; this page still holds the version it opened.
            try (BrowserContext colleague = browser.newContext(AXE_ALLOWED)) {
                Page other = colleague.newPage();
                signIn(other, "rxh.clinical-lead");
                other.navigate(cycleTwo);
                other.locator("#changeDate").fill("2025-08-02");
                other.locator("#whatWasDone").fill("Saturday reviews began on 2 August");
                other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record Do")).click();
                assertThat(other.locator("#do + dl").innerText()).contains("Saturday reviews began");
            }
            page.locator("#changeDate").fill("2025-08-09");
            page.locator("#whatWasDone").fill("Reviews from 9 August");
            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record Do")), steps);
            assertThat(page.locator("h1").innerText()).isEqualTo("This PDSA cycle was changed since you opened it");
            assertThat(page.locator("main").innerText()).contains("Anika Patel changed it on", "Nothing you entered was saved",
                    "Reviews from 9 August", "Saturday reviews began on 2 August");
            check(page, "conflict");
            click(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open it as it is now")), steps);
            assertThat(page.locator("#do + dl").innerText()).contains("Saturday reviews began").doesNotContain("9 August");

            click(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The ramp: every cycle testing changes"
                    + " for this need")), steps);
            assertThat(page.locator("tbody tr").count()).isEqualTo(2);
            assertThat(page.locator("tbody tr").first().innerText()).contains("Theatre slot held", "Adopt", "Not given");
            check(page, "ramp");
            page.navigate(portal.url() + "/boards/" + WORK_WARD);
            assertThat(page.locator("main").innerText()).contains("Weekend orthogeriatric review: Overdue Owner Sam Okafor");
            check(page, "board-work");
        }
    }

    /**
     * docs/api/action-plan.md's story, three cycles to an adopted change, through the API as written on one ward and
     * through the browser alone on another with the same results: both end in the same state.
     */
    @Test
    void shouldEndTheDocumentedStoryInTheBrowserWhereTheApiWalkEnds() throws Exception {
        DocumentedWalk walk = new DocumentedWalk(TOKENS, ingest.url(), actionPlanService.url(), findingsService.url(),
                portal.url(), "walk-" + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT));
        walk.plant();
        String apiNeed = walk.need(walk.apiWard);
        String browserNeed = walk.need(walk.browserWard);
        String cycles = "/api/v1/pdsa-cycles/";
        List<String> api = new ArrayList<>();
        List<String> inBrowser = new ArrayList<>();
        long browserNanos = 0;
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "rxh.improvement-lead");
            try {
                // 2-3. Cycle 1: Plan and Do.
                api.add(walk.apiPlan("Theatre slot held for hip fractures", "Hold the first weekday trauma slot for hip fractures",
                        Map.of("needId", apiNeed), "2026-01-05", "2026-02-28", DocumentedWalk.patel(), DocumentedWalk.team(false)));
                walk.apiWrite("POST", cycles + api.get(0) + "/do", Map.of("changeDate", "2026-01-12",
                        "whatWasDone", "First weekday trauma slot held for hip fractures from 12 January",
                        "problems", "Three days lost to theatre staffing",
                        "observations", "Anaesthetists asked for the list the evening before"));
                long t = System.nanoTime();
                inBrowser.add(walk.browserPlanFirst(page, browserNeed));
                walk.browserDo(page, "2026-01-12", "First weekday trauma slot held for hip fractures from 12 January",
                        "Three days lost to theatre staffing", "Anaesthetists asked for the list the evening before");
                browserNanos += System.nanoTime() - t;

                // 4-7. January and February; cycle 1 Study and Act (adapt, the team's score); cycle 2 planned, handed
                // over, its team changed, its change made.
                walk.submit(Map.of("2026-01", 33, "2026-02", 35));
                walk.apiWrite("POST", cycles + api.get(0) + "/study", Map.of("comparison",
                        "66-70 % since the change; we predicted over 75 %", "learning",
                        "Weekday slots help, but half the delays are weekend arrivals"));
                walk.apiWrite("POST", cycles + api.get(0) + "/act", Map.of("decision", "adapt",
                        "rationale", "Keep the slot; add an orthogeriatric review at weekends", "teamScore", 2.5));
                api.add(walk.apiPlan("Weekend orthogeriatric review", "Orthogeriatrician reviews weekend admissions on"
                        + " Saturday morning", Map.of("follows", api.get(0)), "2026-03-01", "2026-04-30",
                        DocumentedWalk.patel(), DocumentedWalk.team(false)));
                walk.apiWrite("PUT", cycles + api.get(1) + "/owner", Map.of("owner", DocumentedWalk.okafor(),
                        "reason", "Dr Patel rotates to another trust in March"));
                walk.apiWrite("PUT", cycles + api.get(1) + "/team", Map.of("team", DocumentedWalk.team(true),
                        "reason", "The orthogeriatrician doing the Saturday reviews joins"));
                walk.apiWrite("POST", cycles + api.get(1) + "/do", Map.of("changeDate", "2026-03-07",
                        "whatWasDone", "Saturday orthogeriatric review of every hip fracture admitted since Friday"));
                t = System.nanoTime();
                page.navigate(portal.url() + "/cycles/" + inBrowser.get(0));
                walk.browserStudy(page, "66-70 % since the change; we predicted over 75 %",
                        "Weekday slots help, but half the delays are weekend arrivals");
                check(page, "walk-study");
                walk.browserAct(page, "adapt", "Keep the slot; add an orthogeriatric review at weekends", "2.5");
                inBrowser.add(walk.browserPlanNext(page, 2, "Weekend orthogeriatric review",
                        "Orthogeriatrician reviews weekend admissions on Saturday morning", "2026-03-01", "2026-04-30"));
                walk.browserHandOver(page);
                walk.browserTeam(page);
                check(page, "walk-team");
                walk.browserDo(page, "2026-03-07", "Saturday orthogeriatric review of every hip fracture admitted since Friday",
                        null, null);
                browserNanos += System.nanoTime() - t;

                // 7-8. March and April; cycle 2 Study and Act (adapt); cycle 3 planned and its change made.
                walk.submit(Map.of("2026-03", 40, "2026-04", 42));
                walk.apiWrite("POST", cycles + api.get(1) + "/study", Map.of("comparison", "80-84 %: above the 75 % we predicted",
                        "learning", "Weekend review removes most weekend delays"));
                walk.apiWrite("POST", cycles + api.get(1) + "/act", Map.of("decision", "adapt",
                        "rationale", "Both changes together, and a fast-track anaesthetic assessment"));
                api.add(walk.apiPlan("Fast-track anaesthetic assessment", "Anaesthetic assessment in ED for every hip fracture",
                        Map.of("follows", api.get(1)), "2026-05-01", "2026-07-31", DocumentedWalk.okafor(), DocumentedWalk.team(true)));
                walk.apiWrite("POST", cycles + api.get(2) + "/do", Map.of("changeDate", "2026-05-04",
                        "whatWasDone", "ED anaesthetic assessment alongside the slot and the weekend review"));
                t = System.nanoTime();
                walk.browserStudy(page, "80-84 %: above the 75 % we predicted", "Weekend review removes most weekend delays");
                walk.browserAct(page, "adapt", "Both changes together, and a fast-track anaesthetic assessment", null);
                inBrowser.add(walk.browserPlanNext(page, 3, "Fast-track anaesthetic assessment",
                        "Anaesthetic assessment in ED for every hip fracture", "2026-05-01", "2026-07-31"));
                walk.browserDo(page, "2026-05-04", "ED anaesthetic assessment alongside the slot and the weekend review", null, null);
                browserNanos += System.nanoTime() - t;

                // 8. May to July; cycle 3 Study and Act (adopt): the need is improved.
                walk.submit(Map.of("2026-05", 48, "2026-06", 47, "2026-07", 48));
                walk.apiWrite("POST", cycles + api.get(2) + "/study", Map.of("comparison", "94-96 % for three months",
                        "learning", "The three changes together reach the standard"));
                walk.apiWrite("POST", cycles + api.get(2) + "/act", Map.of("decision", "adopt",
                        "rationale", "Special cause improvement, sustained: the three changes become standard practice"));
                t = System.nanoTime();
                walk.browserStudy(page, "94-96 % for three months", "The three changes together reach the standard");
                walk.browserAct(page, "adopt", "Special cause improvement, sustained: the three changes become standard practice", null);
                check(page, "walk-adopted");
                // 9. The ramp and the board.
                walk.click(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The ramp: every cycle testing"
                        + " changes for this need")));
                assertThat(page.locator("tbody tr").count()).isEqualTo(3);
                assertThat(page.locator("tbody tr").first().innerText()).contains("Theatre slot held", "Adapt", "2.5");
                check(page, "walk-ramp");
                browserNanos += System.nanoTime() - t;
                page.navigate(portal.url() + "/needs/" + browserNeed);
                assertThat(page.locator("main").innerText()).contains("Improved");
                check(page, "walk-need-improved");
                // The ward's board, filtered to one owner: only the cycle Dr Patel still owns.
                page.navigate(portal.url() + "/boards/" + walk.browserWard);
                assertThat(page.locator("main").innerText()).contains("Theatre slot held for hip fractures",
                        "Weekend orthogeriatric review", "Fast-track anaesthetic assessment");
                page.locator("#owner").selectOption("Dr A Patel");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
                assertThat(page.locator("main").innerText()).contains("Theatre slot held for hip fractures", "Show everything")
                        .doesNotContain("Weekend orthogeriatric review", "Fast-track anaesthetic assessment");
                assertThat(page.locator("#owner").inputValue()).isEqualTo("Dr A Patel");
                check(page, "walk-board-filtered");
            } catch (RuntimeException | AssertionError e) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("portal-walk-story-failed.png"))
                        .setFullPage(true));
                throw new AssertionError("the documented walk stopped on " + page.url() + " showing: "
                        + page.locator("main").innerText(), e);
            }
        }
        Map<String, Object> viaApi = walk.endState(apiNeed, api, walk.apiWard);
        Map<String, Object> viaBrowser = walk.endState(browserNeed, inBrowser, walk.browserWard);
        System.out.println("[e2e] the documented story's end state: " + viaApi);
        assertThat(viaBrowser).isEqualTo(viaApi);
        assertThat(viaApi.get("need")).isEqualTo(List.of("improved", "cycle", true));
        // Beyond the documented story: the adopted change's level becomes the ward chart's new baseline.
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "rxh.improvement-lead");
            page.navigate(portal.url() + "/cycles/" + inBrowser.get(2));
            assertThat(page.locator("#rebase + p").innerText()).contains("Give the chart new limits from May 2026");
            check(page, "walk-rebase-offer");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Give the chart new limits from May 2026")).click();
            assertThat(page.locator("h1").innerText()).startsWith("Surgery within 36 hours at Walk ward B");
            assertThat(page.locator("main").innerText()).contains("Recalculated after a lasting change");
            check(page, "walk-rebased-chart");
            page.navigate(portal.url() + "/cycles/" + inBrowser.get(2));
            assertThat(page.locator("#rebase + p").innerText()).contains("The chart has new limits from May 2026");
            check(page, "walk-rebase-done");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo the new limits")).click();
            assertThat(page.locator("#rebase + p").innerText()).contains("Give the chart new limits from May 2026");
            page.navigate(portal.url() + "/chart?audit=" + walk.audit + "&metric=" + DocumentedWalk.METRIC
                    + "&organisation=RXH&microsystem=" + walk.browserWard);
            assertThat(page.locator("h1").innerText()).startsWith("Surgery within 36 hours at Walk ward B");
            assertThat(page.locator("main").innerText()).doesNotContain("Recalculated after a lasting change");
        }
        System.out.printf("[e2e] the documented story (3 cycles, a handover, a team change) in the browser: %d clicks in"
                + " %.1f s of browsing (the results' arrival not counted); the API walk: %d calls with hand-written JSON"
                + " and If-Match headers%n", walk.clicks, browserNanos / 1e9, walk.apiCalls);
    }

    private static void click(com.microsoft.playwright.Locator target, int[] steps) {
        target.click();
        steps[0]++;
    }

    private static void fillPlan(Page page, String objective, String change, String start, String end) {
        page.locator("#objective").fill(objective);
        page.locator("#changeIdea").fill(change);
        page.locator("#question0").fill("Will more patients reach theatre within 36 hours?");
        page.locator("#prediction0").fill("Over 75 % within two months");
        page.locator("#who").fill("Ward audit clerk");
        page.locator("#what").fill("Arrival and knife-to-skin times");
        page.locator("#when").fill("Daily, submitted monthly");
        page.locator("#where").fill("Theatre system");
        page.locator("#ownerName").fill("Sam Okafor");
        page.locator("#ownerEmail").fill("rxh-improvement-lead@example.nhs.uk");
        page.locator("#plannedStart").fill(start);
        page.locator("#plannedEnd").fill(end);
    }

    /** A college sees the findings of its audits across trusts; a patient group what is published, plainly; an admin the contacts. */
    @Test
    void shouldGiveEachAudienceItsOwnHome() throws Exception {
        // The whole trust's concern, published to patient groups by the admin (as after the embargo).
        String admin = "Bearer " + TOKENS.forClient("pdsa-sample-loader", "pdsa-sample-loader-local-secret");
        String trustFinding = given().baseUri(findingsService.url()).header("Authorization", "Bearer " + TOKENS.signIn("rxh.clinical-lead"))
                .get("/api/v1/findings?organisation=RXH&kind=special-cause&audit=" + audit).then().statusCode(200).extract()
                .path("items.find { it.microsystem == null }.findingId");
        given().baseUri(notification.url()).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("findingId", trustFinding)).post("/api/v1/publications").then().statusCode(201);
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "rcseng.audit-lead");
            assertThat(page.locator("h1").innerText()).isEqualTo("Findings across trusts");
            assertThat(page.locator("tbody").innerText()).contains("University Hospitals Sussex NHS Foundation Trust",
                    "Orthopaedic ward (portal test)", "Surgery within 36 hours");
            check(page, "college");
        }
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "x26.national"); // national oversight: each trust's improvement in numbers
            assertThat(page.locator("h1").innerText()).isEqualTo("Improvement across trusts");
            assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText(
                    "University Hospitals Sussex NHS Foundation Trust")).innerText()).matches("(?s).*\\t[1-9]\\d*\\t.*");
            check(page, "oversight");
        }
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "hweng.representative");
            assertThat(page.locator("h1").innerText()).isEqualTo("Published results");
            // The newest publication is this run's; the ward's cycle (planned in August's wake) is what the trust did.
            String card = page.locator(".nhsuk-card__content").first().innerText();
            assertThat(card).contains("University Hospitals Sussex NHS Foundation Trust", "worse than we would expect",
                    "What the trust has done since", "Since then, the trust has tried");
            assertThat(page.locator("main").innerText()).doesNotContain("Orthopaedic ward", "Trauma ward");
            assertThat(uk.nhs.pdsa.testing.Readability.fleschReadingEase(card)).as("Flesch reading ease of " + card)
                    .isGreaterThanOrEqualTo(60);
            check(page, "published");
        }
        // RXH's administrator adds a trust system's webhook and sends it a test message; the history says it was
        // delivered; the contact is changed, then removed. Another trust's contact is neither listed nor reachable.
        String rj1Contact = given().baseUri(notification.url()).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("organisation", "RJ1", "name", "Guy's clinical lead", "role", "clinical-lead",
                        "email", "rj1-lead-" + UUID.randomUUID().toString().substring(0, 6) + "@example.nhs.uk"))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "x26.admin"); // the platform's admin: every organisation's contacts
            assertThat(page.locator("tbody").innerText()).contains("Guy's clinical lead", "Anika Patel");
        }
        List<String> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "rxh.trust-admin");
            assertThat(page.locator("h1").innerText()).isEqualTo("Who receives messages");
            assertThat(page.locator(".nhsuk-lede-text").innerText()).contains("University Hospitals Sussex NHS Foundation Trust");
            assertThat(page.locator("tbody").innerText()).contains("Anika Patel", "clinical lead", MAIL)
                    .doesNotContain("Guy's clinical lead");
            check(page, "contacts");
            page.navigate(portal.url() + "/contacts/" + rj1Contact);
            assertThat(page.locator("h1").innerText()).isEqualTo("Page not found");
            page.navigate(portal.url() + "/");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a contact")).click();
            assertThat(page.locator("#organisation").count()).as("a trust's contacts are its own").isZero();
            page.locator("#name").fill("RXH audit system");
            page.locator("#role").selectOption("audit-lead");
            page.locator("#webhookUrl").fill("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add the contact")).click();
            assertThat(page.locator(".nhsuk-error-summary").innerText()).as("a webhook needs its secret").contains("There is a problem");
            assertThat(page.locator("#webhookUrl").inputValue()).endsWith("/hook");
            check(page, "contact-errors");
            page.locator("#webhookSecret").fill("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add the contact")).click();
            assertThat(page.locator("h1").innerText()).isEqualTo("Contact: RXH audit system");
            assertThat(page.locator(".nhsuk-inset-text").innerText()).as("a sample of what the role receives")
                    .contains("See the chart");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test message")).click();
            assertThat(page.locator("main").innerText()).contains("A test message is on its way");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                page.reload();
                return page.locator("tbody").innerText().contains("Delivered");
            });
            assertThat(page.locator("tbody").innerText()).contains("Test message from the PDSA improvement platform", "webhook");
            assertThat(hooks).singleElement().asString().contains("\"type\":\"test\"");
            check(page, "contact");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change this contact")).click();
            assertThat(page.locator("#name").inputValue()).isEqualTo("RXH audit system");
            assertThat(page.locator("#webhookUrl").inputValue()).endsWith("/hook");
            page.locator("#name").fill("RXH electronic patient record");
            page.locator("#webhookSecret").fill("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            check(page, "contact-edit");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the changes")).click();
            assertThat(page.locator("h1").innerText()).isEqualTo("Contact: RXH electronic patient record");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Remove this contact")).click();
            assertThat(page.locator("h1").innerText()).isEqualTo("Remove RXH electronic patient record?");
            check(page, "contact-remove");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove the contact")).click();
            assertThat(page.locator(".nhsuk-inset-text").innerText()).contains("RXH electronic patient record was removed");
            assertThat(page.locator("main").innerText()).doesNotContain("RXH electronic patient record (");
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * An outlier case in the browser: the closed quarter's analysis finds RJ1 beyond the alarm limit; its clinical
     * lead reviews and confirms the data on the case page; national oversight sees it in every trust's list and tells
     * the board and the regulator. Both pages pass axe and are photographed.
     */
    @Test
    void shouldLetTheClinicalLeadConfirmAnOutlierCaseAndNationalOversightTakeItOn() throws Exception {
        String outlierAudit = "outl-" + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
        String admin = "Bearer " + TOKENS.forClient("pdsa-sample-loader", "pdsa-sample-loader-local-secret");
        given().baseUri(ingest.url()).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("title", "Portal Outlier Audit", "specialty", "orthopaedics", "metrics", List.of(Map.of(
                        "code", "mortality", "title", "Death within 30 days", "type", "standardised-ratio",
                        "direction", "lower-is-better")), "outliers", Map.of("analysisPeriod", "calendar-quarter",
                                "submissionsCloseAfter", 0, "metrics", List.of("mortality"))))
                .put("/api/v1/audits/" + outlierAudit).then().statusCode(201);
        List<String> trusts = List.of("RJ1", "RXH", "RTH", "RGT", "RRK", "R0A", "RHM", "RTD", "RR8", "RWE", "RX1", "RA7");
        int[] deaths = {90, 30, 30, 33, 27, 30, 36, 24, 30, 31, 29, 30};
        for (int i = 0; i < trusts.size(); i++) {
            String trust = trusts.get(i);
            if (given().baseUri(ingest.url()).header("Authorization", admin).get("/api/v1/organisations/" + trust)
                    .statusCode() == 404) { // other tests name the trusts they define: keep their names
                given().baseUri(ingest.url()).header("Authorization", admin).contentType(ContentType.JSON)
                        .body(Map.of("name", trust.equals("RJ1") ? "Guy's and St Thomas' NHS Foundation Trust"
                                : "Trust " + trust, "type", "trust")).put("/api/v1/organisations/" + trust)
                        .then().statusCode(201);
            }
            List<Map<String, Object>> quarter = new ArrayList<>();
            for (int month = 1; month <= 3; month++) {
                quarter.add(Map.of("audit", outlierAudit, "metric", "mortality", "organisation", trust,
                        "period", "2019-0" + month, "numerator", deaths[i] / 3, "denominator", 100, "expected", 10.0));
            }
            String system = trust.toLowerCase(Locale.ROOT) + "-system";
            given().baseUri(ingest.url()).header("Authorization", "Bearer " + TOKENS.forClient(system,
                    system + "-local-secret")).contentType(ContentType.JSON).body(quarter)
                    .post("/api/v1/audit-results").then().statusCode(200);
        }
        given().baseUri(ingest.url()).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "NHS South East London Integrated Care Board", "type", "commissioner",
                        "members", List.of("RJ1"))).put("/api/v1/organisations/QKK")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String national = "Bearer " + TOKENS.signIn("x26.national");
        String caseId = await().atMost(Duration.ofSeconds(90)).until(() -> {
            given().baseUri(findingsService.url()).header("Authorization", national)
                    .queryParam("audit", outlierAudit).post("/api/v1/outlier-analyses").then().statusCode(200);
            return given().baseUri(findingsService.url()).header("Authorization", national)
                    .queryParam("audit", outlierAudit).queryParam("organisation", "RJ1").get("/api/v1/outlier-cases")
                    .then().statusCode(200).extract().<String>path("find { it.level == 'alarm' }.id");
        }, id -> id != null);
        given().baseUri(findingsService.url()).header("Authorization", national).contentType(ContentType.JSON)
                .body(Map.of("action", "notify-clinical-lead")).post("/api/v1/outlier-cases/" + caseId + "/steps")
                .then().statusCode(200);

        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "rj1.clinical-lead");
            page.locator("nav[aria-label=Menu] a", new Page.LocatorOptions().setHasText("Outlier cases")).click();
            assertThat(page.locator("h1").innerText()).isEqualTo("Outlier cases");
            assertThat(page.locator("tbody").innerText()).contains("Death within 30 days (Portal Outlier Audit)",
                    "January to March 2019", "Alarm: beyond the 99.8 % limit", "The trust's clinical lead");
            check(page, "outlier-cases-trust");
            page.navigate(portal.url() + "/outliers/" + caseId);
            assertThat(page.locator("h1").innerText())
                    .isEqualTo("Outlier case: Death within 30 days at Guy's and St Thomas' NHS Foundation Trust,"
                            + " January to March 2019");
            assertThat(page.locator(".nhsuk-summary-list").innerText()).contains("Observed against expected", "3.00 (90 observed, 30.00 expected for 300 patients)",
                    "As expected for the patients' risks",
                    "Waiting for the trust's clinical lead to review the data");
            assertThat(page.locator("button", new Page.LocatorOptions().setHasText("Tell the medical director")).count())
                    .as("the audit's step is not the trust's").isZero();
            check(page, "outlier-review");
            page.locator("button", new Page.LocatorOptions().setHasText("Confirm the data are accurate")).click();
            page.waitForURL(portal.url() + "/outliers/" + caseId);
            assertThat(page.locator(".nhsuk-summary-list").innerText()).contains("Confirmed: the audit tells the trust's board");
            assertThat(page.locator("tbody").innerText()).contains("The clinical lead confirmed the data are accurate\tThe trust's clinical lead")
                    .doesNotContain("rj1.clinical-lead", "Priya");
        }
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "x26.national");
            page.navigate(portal.url() + "/outliers");
            assertThat(page.locator("tbody").innerText()).contains("Guy's and St Thomas' NHS Foundation Trust",
                    "Confirmed: the audit tells the trust's board");
            check(page, "outlier-cases-national");
            page.navigate(portal.url() + "/outliers/" + caseId);
            page.locator("button", new Page.LocatorOptions().setHasText(
                    "Tell the medical director and chief executive, and the Care Quality Commission")).click();
            page.waitForURL(portal.url() + "/outliers/" + caseId);
            assertThat(page.locator(".nhsuk-summary-list").innerText())
                    .contains("The trust's board is told: waiting for the trust's response");
            check(page, "outlier-informed");
            // Drill down from improvement across trusts to RJ1's year: its outlier cases, findings, needs and cycles.
            page.navigate(portal.url() + "/report?organisation=RJ1");
            assertThat(page.locator("h1").innerText()).startsWith("Improvement in ");
            assertThat(page.locator(".nhsuk-caption-l").innerText()).isEqualTo("Guy's and St Thomas' NHS Foundation Trust");
            assertThat(page.locator("main").innerText()).contains("Outlier cases raised in", "Death within 30 days",
                    "The trust's board is told: waiting for the trust's response");
            check(page, "report-national");
            var csv = page.request().get(portal.url() + "/report.csv?organisation=RJ1");
            assertThat(csv.headers().get("content-disposition")).contains("RJ1-");
            assertThat(csv.text()).contains("Outlier case: Alarm: beyond the 99.8 % limit,Death within 30 days,Whole trust,"
                    + "January to March 2019,The trust's board is told: waiting for the trust's response,Waiting for an answer");
        }
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "cqc.inspector"); // the regulator: the confirmed alarm it was told of, roles not people
            assertThat(page.locator("h1").innerText()).isEqualTo("Outlier cases");
            page.navigate(portal.url() + "/outliers/" + caseId);
            assertThat(page.locator("tbody").innerText()).contains("The trust's clinical lead", "The national audit");
            assertThat(page.locator("button").count()).as("the regulator takes no step").isZero();
            check(page, "outlier-regulator");
        }
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            String board = "Bearer " + TOKENS.signIn("qkk.quality-lead");
            await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(findingsService.url())
                    .header("Authorization", board).get("/api/v1/outlier-cases/" + caseId).statusCode() == 200);
            signIn(page, "qkk.quality-lead"); // a commissioner: its member trust RJ1's case, roles not people
            assertThat(page.locator("h1").innerText()).isEqualTo("Improvement across trusts");
            page.navigate(portal.url() + "/outliers");
            assertThat(page.locator("tbody").innerText()).contains("Guy's and St Thomas' NHS Foundation Trust")
                    .doesNotContain("Trust RXH", "University Hospitals Sussex");
            check(page, "outlier-cases-commissioner");
        }
    }

    @Test
    void shouldAnswerAnotherTrustsNeedAsNotFound() throws Exception {
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "rj1.clinical-lead");
            page.navigate(portal.url() + "/needs/" + workNeed);
            assertThat(page.locator("h1").innerText()).isEqualTo("Page not found");
            page.navigate(portal.url() + "/needs/" + workNeed + "/plan");
            assertThat(page.locator("h1").innerText()).isEqualTo("Page not found");
        }
    }

    /** Keyboard only: skip to the content, move by Tab, open links by Enter, see where the focus is. */
    @Test
    void shouldWorkWithTheKeyboardAlone() throws Exception {
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "rxh.clinical-lead");
            page.keyboard().press("Tab");
            assertThat(focused(page)).isEqualTo("Skip to main content");
            page.keyboard().press("Enter");
            // Following a same-page link changes the address after the key press returns: wait for it.
            page.waitForURL(url -> url.endsWith("#maincontent"), new Page.WaitForURLOptions().setTimeout(5_000));
            page.keyboard().press("Tab");
            assertThat(page.evaluate("() => document.querySelector('main').contains(document.activeElement)"))
                    .as("after skipping, the next Tab lands in the page's content").isEqualTo(true);
            // From the top of the page, the header's menu is a few Tabs away.
            page.navigate(portal.url() + "/");
            tabTo(page, "Your organisation's charts", 10);
            // The focus is visible: NHS.UK's yellow focus style.
            assertThat(page.evaluate("() => getComputedStyle(document.activeElement).backgroundColor"))
                    .isEqualTo("rgb(255, 235, 59)");
            page.keyboard().press("Enter");
            page.waitForURL(portal.url() + "/organisation");
            tabTo(page, "Chart of Surgery within 36 hours at Trauma ward (portal test)", 400);
            page.keyboard().press("Enter");
            page.waitForURL(portal.url() + "/chart?**");
            assertThat(page.locator("h1").innerText()).isEqualTo("Surgery within 36 hours at Trauma ward (portal test)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("portal-keyboard-chart.png")));
        }
    }

    /** The plan form with the keyboard alone: Tab to each field, type, Enter to send; the errors come back the same way. */
    @Test
    void shouldFillAFormWithTheKeyboardAlone() throws Exception {
        try (BrowserContext context = browser.newContext(AXE_ALLOWED)) {
            Page page = context.newPage();
            signIn(page, "rxh.improvement-lead");
            page.navigate(portal.url() + "/needs/" + workNeed + "/plan");
            tabToField(page, "title", 40);
            page.keyboard().type("Keyboard only");
            page.keyboard().press("Tab");
            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("objective");
            page.keyboard().type("Tested without a mouse");
            tabToField(page, "title", 80);
            page.keyboard().press("Enter");
            page.waitForSelector(".nhsuk-error-summary");
            assertThat(page.locator("#title").inputValue()).isEqualTo("Keyboard only");
            assertThat(page.locator("#objective").inputValue()).isEqualTo("Tested without a mouse");
            tabTo(page, "Enter the change idea", 20);
            page.keyboard().press("Enter");
            assertThat(page.url()).endsWith("#changeIdea");
        }
    }

    /** Presses Tab until the form field with this id has the focus. */
    private static void tabToField(Page page, String id, int presses) {
        for (int i = 0; i < presses; i++) {
            page.keyboard().press("Tab");
            if (id.equals(page.evaluate("() => document.activeElement.id"))) {
                return;
            }
        }
        throw new AssertionError("Tab never reached the field " + id);
    }

    private static String focused(Page page) {
        return (String) page.evaluate("() => document.activeElement ? document.activeElement.innerText.trim()"
                + " .replace(/\\s+/g, ' ') : ''");
    }

    /** Presses Tab until the link with this text has the focus (at most {@code presses} times). */
    private static void tabTo(Page page, String text, int presses) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < presses; i++) {
            page.keyboard().press("Tab");
            seen.add(focused(page));
            if (seen.get(seen.size() - 1).equals(text)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached '" + text + "' on " + page.url() + "; it reached " + seen);
    }

    @Test
    void shouldSendStrangersToTheProviderWithPkceAndServePagesUnderAStrictPolicy() {
        var redirect = given().redirects().follow(false).get(portal.url() + "/chart?audit=" + audit).then()
                .statusCode(302).extract();
        assertThat(redirect.header("Location")).startsWith(TOKENS.issuer() + "/protocol/openid-connect/auth")
                .contains("code_challenge=", "code_challenge_method=S256", "client_id=improvement-portal");
        var signedOut = given().get(portal.url() + "/signed-out").then().statusCode(200).extract();
        assertThat(signedOut.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(signedOut.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private void signIn(Page page, String username) {
        page.navigate(portal.url() + "/");
        assertThat(page.url()).startsWith(PROVIDER + "/realms/pdsa/");
        enterPassword(page, username);
        page.waitForURL(portal.url() + "/**");
    }

    /** Keycloak's own sign-in page. */
    private static void enterPassword(Page page, String username) {
        page.locator("#username").fill(username);
        page.locator("#password").fill(ProviderTokens.LOCAL_PASSWORD);
        page.locator("#kc-login").click();
    }

    /** axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules: no violations; then a full-page screenshot. */
    static void check(Page page, String name) throws Exception {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("portal-" + name + ".png")).setFullPage(true));
        Object violations = page.evaluate("async source => { const s = document.createElement('script');"
                + " s.text = source; document.head.appendChild(s);"
                + " if (!window.axe) { return 'axe did not load'; }"
                + " const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',"
                + " 'wcag21aa', 'wcag22aa']}});"
                + " return r.violations.map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes[0].target.join(' ')); }",
                Files.readString(AXE));
        assertThat(violations).as("axe on " + name).isEqualTo(List.of());
    }
}
