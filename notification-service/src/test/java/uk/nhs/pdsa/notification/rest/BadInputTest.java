package uk.nhs.pdsa.notification.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.BadInputSuite;
import uk.nhs.pdsa.testing.TestTokens;

/** notification-service's bad-input corpus ({@code bad-input/notification.json}) and its OpenAPI examples' mutants. */
@QuarkusTest
class BadInputTest extends BadInputSuite {
    private static final String ORG = TestOrganisations.unique("N");

    @Override
    protected List<String> corpusFiles() {
        return List.of("bad-input/notification.json");
    }

    @Override
    protected Map<String, String> prepare() {
        String contact = TestTokens.as(ORG, "trust-admin").contentType("application/json")
                .body(Map.of("organisation", ORG, "name", "Corpus lead", "role", "clinical-lead", "email", "lead@nhs.net"))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        return Map.of("ORG", ORG, "RANDOM_ID", UUID.randomUUID().toString(), "CONTACT_ID", contact, "id", contact);
    }

    @Override
    protected DataSource database() {
        return Arc.container().instance(DataSource.class).get();
    }

    @Override
    protected String mutantOrganisation() {
        return ORG;
    }

    @Override
    protected String[] mutantRoles() {
        return new String[] {"trust-admin", "viewer", "improvement-lead"};
    }
}
