package uk.nhs.pdsa.ingest.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.testing.BadInputSuite;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * audit-ingest-service's bad-input corpus kept as a file ({@code bad-input/ingest.json}: every write and typed
 * parameter) and its OpenAPI examples' mutants; {@link BadInputCorpusTest} holds the submission formats' own cases.
 */
@QuarkusTest
class BadInputFilesTest extends BadInputSuite {
    private static final String ORG = TestOrganisations.unique("I");

    @Override
    protected List<String> corpusFiles() {
        return List.of("bad-input/ingest.json");
    }

    @Override
    protected Map<String, String> prepare() {
        TestTokens.actAs(TestTokens.NATIONAL);
        IngestFixtures.hipFractureAudit();
        given().contentType("application/json").body(Map.of("name", "Corpus trust", "type", "trust"))
                .put("/api/v1/organisations/" + ORG).then().statusCode(201);
        given().contentType("application/json").body(Map.of("name", "Ward 1"))
                .put("/api/v1/organisations/" + ORG + "/microsystems/ward-1").then().statusCode(201);
        TestTokens.actAs(null);
        return Map.of("ORG", ORG, "ORG2", TestOrganisations.unique("J"), "RANDOM_ID", UUID.randomUUID().toString(),
                "code", ORG, "msCode", "ward-1", "auditCode", "nhfd");
    }

    /** Rate-limit buckets and idempotency keys change with every accepted request, refused ones too. */
    @Override
    protected Set<String> ignoredTables() {
        return Set.of("audit_trail", "rate_limit_bucket");
    }

    @Override
    protected DataSource database() {
        return Arc.container().instance(DataSource.class).get();
    }

    @Override
    protected String mutantOrganisation() {
        return TestTokens.NATIONAL;
    }

    @Override
    protected String[] mutantRoles() {
        return new String[] {"admin", "submitter"};
    }
}
