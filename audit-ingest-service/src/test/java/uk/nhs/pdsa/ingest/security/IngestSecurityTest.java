package uk.nhs.pdsa.ingest.security;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.testing.TestTokens;

/** Tokens act for their own organisation only, and every write is in the audit trail with who made it. */
@QuarkusTest
class IngestSecurityTest {
    private String trust;
    private String otherTrust;

    @BeforeEach
    void trusts() {
        IngestFixtures.hipFractureAudit();
        otherTrust = IngestFixtures.trust("Y");
        trust = IngestFixtures.trust("S");
    }

    @Test
    void shouldRefuseResultsForAnotherOrganisationAndStoreNothing() {
        TestTokens.as(trust, "submitter").contentType(ContentType.JSON)
                .body(List.of(IngestFixtures.proportion(trust, null, "2025-01", 1, 2),
                        IngestFixtures.proportion(otherTrust, null, "2025-01", 1, 2)))
                .post("/api/v1/audit-results").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://pdsa.nhs.uk/problems/forbidden-organisation"))
                .body("errors.pointer", contains("/1/organisation"));
        TestTokens.as(otherTrust, "viewer").get("/api/v1/audit-results").then().statusCode(200).body("total", equalTo(0));
        TestTokens.as(trust, "viewer").get("/api/v1/audit-results").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldRecordWhoWroteWhatIncludingRefusedAttempts() {
        String location = TestTokens.as(trust, "submitter").contentType(ContentType.JSON)
                .body(IngestFixtures.proportion(trust, null, "2025-02", 3, 4))
                .post("/api/v1/audit-results").then().statusCode(201).extract().header("Location");
        TestTokens.as(trust, "viewer").contentType(ContentType.JSON)
                .body(IngestFixtures.proportion(trust, null, "2025-03", 3, 4))
                .post("/api/v1/audit-results").then().statusCode(403);

        TestTokens.admin().queryParam("organisation", trust).get("/api/v1/audit-trail").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.subject", contains("test-viewer", "test-submitter"))
                .body("items.status", contains(403, 201))
                .body("items.roles", contains("viewer", "submitter"))
                .body("items.method", hasItems("POST"))
                .body("items[1].resource", containsString(location));
        TestTokens.as(trust, "viewer").get("/api/v1/audit-trail").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRecordTheSubmitterOfEachRevision() {
        String location = TestTokens.as(trust, "submitter").contentType(ContentType.JSON)
                .body(IngestFixtures.proportion(trust, null, "2025-04", 3, 4))
                .post("/api/v1/audit-results").then().statusCode(201).extract().header("Location");
        TestTokens.as(trust, "viewer").get(location).then().statusCode(200)
                .body("revisions[0].submittedBy", equalTo("test-submitter@" + trust));
        TestTokens.as(otherTrust, "viewer", "submitter", "improvement-lead").get(location).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("No audit result"));
        TestTokens.as(trust, "college").get(location).then().statusCode(403);
    }
}
