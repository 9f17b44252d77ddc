package uk.nhs.pdsa.findings.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.BadInputSuite;

/** findings-service's bad-input corpus ({@code bad-input/findings.json}) and the mutants of its OpenAPI examples. */
@QuarkusTest
class BadInputTest extends BadInputSuite {
    private static final String ORG = TestOrganisations.unique("F");

    @Override
    protected List<String> corpusFiles() {
        return List.of("bad-input/findings.json");
    }

    @Override
    protected Map<String, String> prepare() {
        return Map.of("ORG", ORG, "RANDOM_ID", UUID.randomUUID().toString());
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
        return new String[] {"viewer", "improvement-lead"};
    }
}
