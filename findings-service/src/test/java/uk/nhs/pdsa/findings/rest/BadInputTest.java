package uk.nhs.pdsa.findings.rest;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.BadInputSuite;

/** findings-service's bad-input corpus ({@code bad-input/findings.json}) and the mutants of its OpenAPI examples. */
@QuarkusTest
class BadInputTest extends BadInputSuite {
    BadInputTest() {
        super(TestOrganisations.unique("F"), List.of("bad-input/findings.json"), "viewer", "improvement-lead");
    }
}
