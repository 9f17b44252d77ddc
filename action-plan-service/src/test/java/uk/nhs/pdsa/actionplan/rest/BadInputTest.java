package uk.nhs.pdsa.actionplan.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.actionplan.support.ActionPlanFixture;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.BadInputSuite;
import uk.nhs.pdsa.testing.TestTokens;

/** action-plan-service's bad-input corpus ({@code bad-input/actionplan.json}) and its OpenAPI examples' mutants. */
@QuarkusTest
class BadInputTest extends BadInputSuite {
    private static final String ORG = TestOrganisations.unique("A");

    BadInputTest() {
        super(ORG, List.of("bad-input/actionplan.json"), "viewer", "improvement-lead");
    }

    /** A cycle at Plan and its ETag, which the stage and change cases name (the mutants too). */
    @Override
    protected Map<String, String> prepare() {
        TestTokens.actAs(ORG, "viewer", "improvement-lead");
        String need = ActionPlanFixture.need(ORG, "ward-1");
        String cycle = ActionPlanFixture.post("/api/v1/pdsa-cycles", null, ActionPlanFixture.plan(ORG, "ward-1",
                "Corpus cycle", Map.of("needId", need), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31)))
                .then().statusCode(201).extract().path("id");
        String etag = TestTokens.as(ORG, "viewer").get("/api/v1/pdsa-cycles/" + cycle).then().statusCode(200)
                .extract().header("ETag");
        TestTokens.actAs(null);
        return Map.of("CYCLE_ID", cycle, "ETAG", etag, "id", cycle);
    }
}
