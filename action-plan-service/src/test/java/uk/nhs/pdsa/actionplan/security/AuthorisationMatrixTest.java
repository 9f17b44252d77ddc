package uk.nhs.pdsa.actionplan.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.PROBE;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.concern;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.needId;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.plan;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.write;
import static uk.nhs.pdsa.testing.AuthorisationMatrix.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.AuthorisationMatrix;
import uk.nhs.pdsa.testing.AuthorisationMatrix.Scope;
import uk.nhs.pdsa.testing.TestTokens;

/** Every operation of this service's OpenAPI document x role x own/other organisation x bad tokens. */
@QuarkusTest
class AuthorisationMatrixTest {
    /** A trust's viewer and lead read their own organisation's; national oversight reads every organisation's. */
    private static final String[] READERS = { "viewer", "improvement-lead", "national" };
    private static final String LEAD = "improvement-lead";
    private static final LocalDate START = LocalDate.of(2026, 3, 2);

    @Test
    void shouldLeakNothingToAnyRoleOrOrganisation() {
        String own = TestOrganisations.unique("M");
        String other = TestOrganisations.unique("N");
        TestTokens.actAs(own);
        concern(own, "ward-1");
        String need = needId(own, "ward-1");
        String cycle = TestTokens.as(own, LEAD).contentType(ContentType.JSON)
                .body(write(plan(own, "ward-1", "Huddle", Map.of("needId", need), START, START.plusMonths(2))))
                .post("/api/v1/pdsa-cycles").then().statusCode(201).extract().path("id");
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        String cycles = "/api/v1/pdsa-cycles/{id}";
        // Two integrated care boards, from the catalogue: one commissions the owner, the other another trust.
        String icb = TestOrganisations.unique("I");
        String otherIcb = TestOrganisations.unique("I");
        for (String[] board : new String[][] {{icb, own}, {otherIcb, other}}) {
            OrganisationDefined defined = new OrganisationDefined(board[0], 1, "ICB " + board[0], "commissioner", List.of(),
                    List.of(), Instant.now(), List.of(board[1]));
            PROBE.send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(board[0]), OrganisationDefined.key(board[0]),
                    write(defined));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(icb, "commissioner").get("/api/v1/oversight/needs")
                .then().statusCode(200).extract().<List<String>>path("organisation").contains(own));

        AuthorisationMatrix.Report report = new AuthorisationMatrix("action-plan-service", document)
                .callers(own, other, TestOrganisations.unique("R"), TestOrganisations.unique("R"), "HWENG")
                .commissioners(icb, otherIcb)
                .markers(need, cycle)
                .readBack("/api/v1/improvement-needs/" + need, "/api/v1/pdsa-cycles/" + cycle,
                        "/api/v1/pdsa-cycles/" + cycle + "/history")
                .rule("GET /api/v1/improvement-needs", rule(Scope.LIST, READERS))
                .rule("GET /api/v1/oversight/needs", rule(Scope.LIST, "national", "admin", "commissioner"))
                .rule("GET /api/v1/improvement-needs/{id}", rule(Scope.OBJECT, READERS).path("id", need))
                .rule("GET /api/v1/improvement-needs/{id}/history", rule(Scope.OBJECT, READERS).path("id", need))
                .rule("POST /api/v1/improvement-needs/{id}/decision", rule(Scope.OBJECT, LEAD).path("id", need)
                        .header("If-Match", "\"2\"").body("{\"rationale\": \"Explained by case mix\"}"))
                .rule("GET /api/v1/organisations/{organisation}/microsystems/{microsystem}/board", rule(Scope.OBJECT, READERS)
                        .path("organisation", own).path("microsystem", "ward-1"))
                .rule("POST /api/v1/pdsa-cycles", rule(Scope.OBJECT, LEAD).deniedToOthersAs(400)
                        .body(write(plan(own, "ward-1", "Second idea", Map.of("needId", need), START, START.plusMonths(2)))))
                .rule("GET " + cycles, rule(Scope.OBJECT, READERS).path("id", cycle))
                .rule("GET " + cycles + "/ramp", rule(Scope.OBJECT, READERS).path("id", cycle))
                .rule("GET " + cycles + "/history", rule(Scope.OBJECT, READERS).path("id", cycle))
                .rule("POST " + cycles + "/do", rule(Scope.OBJECT, LEAD).path("id", cycle).header("If-Match", "\"1\"")
                        .body("{\"changeDate\": \"2026-03-02\", \"whatWasDone\": \"Held the slot\"}"))
                .rule("POST " + cycles + "/study", rule(Scope.OBJECT, LEAD).path("id", cycle).header("If-Match", "\"2\"")
                        .body("{\"comparison\": \"c\", \"learning\": \"l\"}"))
                .rule("POST " + cycles + "/act", rule(Scope.OBJECT, LEAD).path("id", cycle).header("If-Match", "\"3\"")
                        .body("{\"decision\": \"adapt\", \"rationale\": \"r\"}"))
                .rule("PUT " + cycles + "/owner", rule(Scope.OBJECT, LEAD).path("id", cycle).header("If-Match", "\"1\"")
                        .body("{\"owner\": {\"name\": \"Dr B Okafor\", \"email\": \"b.okafor@nhs.net\"}, \"reason\": \"Rotation\"}"))
                .rule("PUT " + cycles + "/team", rule(Scope.OBJECT, LEAD).path("id", cycle).header("If-Match", "\"1\"")
                        .body("{\"team\": [{\"name\": \"Sister J Jones\", \"role\": \"ward manager\"}], \"reason\": \"Joins\"}"))
                .rule("PUT " + cycles + "/progress-score", rule(Scope.OBJECT, LEAD).path("id", cycle)
                        .header("If-Match", "\"1\"").body("{\"score\": 2.0, \"note\": \"Started\"}"))
                .rule("GET /api/v1/audit-trail", rule(Scope.GLOBAL, "admin"))
                .also(m -> uk.nhs.pdsa.testing.RejectedEventFixture.rules(m,
                        io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get()))
                .run();

        assertThat(report.failures()).isEmpty();
        assertThat(report.leaks()).isEmpty();
    }
}
