package uk.nhs.pdsa.findings.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.nhs.pdsa.testing.AuthorisationMatrix.rule;

import org.eclipse.microprofile.config.ConfigProvider;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.findings.support.OutlierFixture;
import uk.nhs.pdsa.findings.support.ScopedFixture;
import uk.nhs.pdsa.testing.AuthorisationMatrix;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.testing.AuthorisationMatrix.Rule;
import uk.nhs.pdsa.testing.AuthorisationMatrix.Scope;

/** Every operation of this service's OpenAPI document x role x own/other organisation x bad tokens. */
@QuarkusTest
class AuthorisationMatrixTest {
    private static final String[] READERS = { "viewer", "improvement-lead", "college", "national" };
    /** Charts are read by notification-service too, to draw them into messages. */
    private static final String[] CHART_READERS = { "viewer", "improvement-lead", "college", "chart-reader", "national" };

    @Test
    void shouldLeakNothingToAnyRoleOrOrganisation() {
        ScopedFixture fixture = new ScopedFixture();
        String own = fixture.trusts.get(0);
        String other = TestOrganisations.unique("Q"); // a trust in none of the fixture's charts
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        // A ward's chart of the owner's, and one rebase of it to undo.
        String ward = fixture.ward(own);
        String rebase = TestTokens.as(own, "improvement-lead").contentType("application/json")
                .body(rebase(fixture.audit, own, ward, "2025-04")).post("/api/v1/rebases").then().statusCode(201)
                .extract().path("id");

        // A closed quarter's outlier case of the owner's (far above the other nine).
        int[] deaths = {90, 30, 33, 27, 30, 36, 24, 30, 31, 29};
        String outlierCase = new OutlierFixture(fixture.trusts, deaths).caseOf(own, 0.3);
        // Confirmed and told to the board (an alarm: the regulator too), so every reader has it to read.
        for (String[] step : new String[][] {{TestTokens.NATIONAL, "national", "notify-clinical-lead"},
                {own, "improvement-lead", "confirm-data"}, {TestTokens.NATIONAL, "national", "inform"}}) {
            TestTokens.as(step[0], step[1]).contentType("application/json").body("{\"action\": \"" + step[2] + "\"}")
                    .post("/api/v1/outlier-cases/" + outlierCase + "/steps").then().statusCode(200);
        }

        // Two integrated care boards, from the catalogue: one commissions the owner, the other another trust.
        String icb = TestOrganisations.unique("I");
        String otherIcb = TestOrganisations.unique("I");
        EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        for (String[] board : new String[][] {{icb, own}, {otherIcb, other}}) {
            probe.send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(board[0]), OrganisationDefined.key(board[0]),
                    "{\"code\": \"" + board[0] + "\", \"version\": 1, \"name\": \"ICB " + board[0] + "\", \"type\":"
                            + " \"commissioner\", \"specialties\": [], \"microsystems\": [], \"updatedAt\":"
                            + " \"2026-01-01T00:00:00Z\", \"members\": [\"" + board[1] + "\"]}");
        }
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> TestTokens.as(icb, "commissioner")
                .get("/api/v1/outlier-cases/" + outlierCase).statusCode() == 200);

        AuthorisationMatrix.Report report = new AuthorisationMatrix("findings-service", document)
                .callers(own, other, fixture.college, fixture.otherCollege, "HWENG")
                .commissioners(icb, otherIcb)
                .markers(fixture.finding)
                .readBack("/api/v1/findings/" + fixture.finding)
                .rule("GET /api/v1/findings", rule(Scope.LIST, READERS).query("audit", fixture.audit))
                .rule("GET /api/v1/findings/{findingId}", rule(Scope.OBJECT, READERS).path("findingId", fixture.finding))
                .rule("GET /api/v1/series", rule(Scope.LIST, READERS).query("organisation", own))
                .rule("GET /api/v1/series/{audit}/{metric}/{organisation}", rule(Scope.OBJECT, READERS)
                        .path("audit", fixture.audit).path("metric", "m").path("organisation", own))
                .rule("GET /api/v1/spc", series(rule(Scope.OBJECT, CHART_READERS), fixture.audit, own))
                .rule("GET /api/v1/spc.svg", series(rule(Scope.OBJECT, CHART_READERS), fixture.audit, own))
                .rule("GET /api/v1/funnel", funnel(rule(Scope.OBJECT, READERS), fixture.audit))
                .rule("GET /api/v1/funnel.svg", funnel(rule(Scope.OBJECT, READERS), fixture.audit))
                .rule("POST /api/v1/spc/compute", rule(Scope.GLOBAL, AuthorisationMatrix.Roles.ALL).body("""
                        {"chart": "xmr", "points": [{"label": "a", "value": 1}, {"label": "b", "value": 2},
                         {"label": "c", "value": 3}]}"""))
                .rule("POST /api/v1/funnel/compute", rule(Scope.GLOBAL, AuthorisationMatrix.Roles.ALL).body("""
                        {"type": "proportion", "units": [{"id": "a", "numerator": 4, "denominator": 45},
                         {"id": "b", "numerator": 9, "denominator": 120}, {"id": "c", "numerator": 14, "denominator": 210}]}"""))
                .rule("POST /api/v1/rebases", rule(Scope.OBJECT, "improvement-lead").deniedToOthersAs(403)
                        .body(rebase(fixture.audit, own, ward, "2025-03")))
                .rule("GET /api/v1/rebases", rule(Scope.LIST, "viewer", "improvement-lead").query("audit", fixture.audit)
                        .query("metric", "m").query("organisation", own).query("microsystem", ward))
                .rule("DELETE /api/v1/rebases/{id}", rule(Scope.OBJECT, "improvement-lead").path("id", rebase))
                .rule("GET /api/v1/audit-trail", rule(Scope.GLOBAL, "admin"))
                .also(m -> uk.nhs.pdsa.testing.RejectedEventFixture.rules(m,
                        io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get()))
                .rule("GET /api/v1/outlier-cases", rule(Scope.LIST, "viewer", "improvement-lead", "national", "admin",
                        "regulator", "commissioner").query("organisation", own))
                .rule("GET /api/v1/outlier-cases/{id}", rule(Scope.OBJECT, "viewer", "improvement-lead", "national", "admin",
                        "regulator", "commissioner").path("id", outlierCase))
                .rule("POST /api/v1/outlier-cases/{id}/steps", rule(Scope.OBJECT, "improvement-lead", "national")
                        .path("id", outlierCase).body("{\"action\": \"respond\"}"))
                .rule("GET /api/v1/outlier-analyses", rule(Scope.GLOBAL, "national", "admin"))
                .rule("POST /api/v1/outlier-analyses", rule(Scope.GLOBAL, "national", "admin"))
                .run();

        assertThat(report.failures()).isEmpty();
        assertThat(report.leaks()).isEmpty();
    }

    private static String rebase(String audit, String organisation, String ward, String period) {
        return "{\"audit\": \"" + audit + "\", \"metric\": \"m\", \"organisation\": \"" + organisation
                + "\", \"microsystem\": \"" + ward + "\", \"period\": \"" + period + "\", \"reason\": \"Adopted\"}";
    }

    private static Rule series(Rule rule, String audit, String organisation) {
        return rule.query("audit", audit).query("metric", "m").query("organisation", organisation);
    }

    private static Rule funnel(Rule rule, String audit) {
        return rule.query("audit", audit).query("metric", "m").query("period", "2025-06");
    }
}
