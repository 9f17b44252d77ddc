package uk.nhs.pdsa.notification.rest;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.BadInputSuite;
import uk.nhs.pdsa.testing.TestTokens;

/** notification-service's bad-input corpus ({@code bad-input/notification.json}) and its OpenAPI examples' mutants. */
@QuarkusTest
class BadInputTest extends BadInputSuite {
    private static final String ORG = TestOrganisations.unique("N");

    BadInputTest() {
        super(ORG, List.of("bad-input/notification.json"), "trust-admin", "viewer", "improvement-lead");
    }

    /** A contact of the organisation, which the cases that replace one name (the mutants too). */
    @Override
    protected Map<String, String> prepare() {
        String contact = TestTokens.as(ORG, "trust-admin").contentType("application/json")
                .body(Map.of("organisation", ORG, "name", "Corpus lead", "role", "clinical-lead", "email", "lead@nhs.net"))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        return Map.of("CONTACT_ID", contact, "id", contact);
    }
}
