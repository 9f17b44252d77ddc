package uk.nhs.pdsa.ingest.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.testing.BadInputSuite;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * audit-ingest-service's bad-input corpus kept as a file ({@code bad-input/ingest.json}: every write and typed
 * parameter) and its OpenAPI examples' mutants (sent as the admin, who may write the catalogue);
 * {@link BadInputCorpusTest} holds the submission formats' own cases.
 */
@QuarkusTest
class BadInputFilesTest extends BadInputSuite {
    private static final String ORG = TestOrganisations.unique("I");

    BadInputFilesTest() {
        super(ORG, List.of("bad-input/ingest.json"), "admin", "submitter");
    }

    /** The hip fracture audit and a trust with ward-1, which the cases name. */
    @Override
    protected Map<String, String> prepare() {
        TestTokens.actAs(TestTokens.NATIONAL);
        IngestFixtures.hipFractureAudit();
        given().contentType("application/json").body(Map.of("name", "Corpus trust", "type", "trust"))
                .put("/api/v1/organisations/" + ORG).then().statusCode(201);
        given().contentType("application/json").body(Map.of("name", "Ward 1"))
                .put("/api/v1/organisations/" + ORG + "/microsystems/ward-1").then().statusCode(201);
        TestTokens.actAs(null);
        return Map.of("ORG2", TestOrganisations.unique("J"), "code", ORG, "msCode", "ward-1", "auditCode", "nhfd");
    }

    /** Rate-limit buckets change with every request, refused ones too. */
    @Override
    protected Set<String> ignoredTables() {
        return Set.of("audit_trail", "rate_limit_bucket");
    }
}
