package uk.nhs.pdsa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service's bad-input test (issue "Hardening"): its corpus files ({@link BadInputCorpus}), each case refused with
 * a 4xx problem+json and no row added or removed; the whole corpus leaves every table's content as it was; then
 * the generated mutants of the OpenAPI examples ({@link OpenApiMutations}), none of which may get a 5xx or a bare
 * error. A service's test names its files, its database, the tables that record every request, and the values
 * (an organisation, existing ids) its cases and mutants use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class BadInputSuite {
    /** At least this many distinct cases per service. */
    public static final int MIN_CASES = 80;
    private final String organisation;
    private final List<String> files;
    private final String[] roles;
    private DatabaseState state;
    private Map<String, String> before;

    /**
     * @param organisation the organisation the cases act for ({@code ${ORG}}) and the mutants are sent as
     * @param files        the corpus files, class-path resources
     * @param roles        the roles the mutants are sent with (every write role, so that the body is what is judged)
     */
    protected BadInputSuite(String organisation, List<String> files, String... roles) {
        this.organisation = organisation;
        this.files = files;
        this.roles = roles;
    }

    /**
     * Creates what the cases refer to (a cycle, a contact) and answers the variables they use beyond
     * {@code ${ORG}} and {@code ${RANDOM_ID}} (an id nothing has).
     */
    protected Map<String, String> prepare() {
        return Map.of();
    }

    protected DataSource database() {
        return io.quarkus.arc.Arc.container().instance(DataSource.class).get();
    }

    protected List<String> corpusFiles() {
        return files;
    }

    /** Tables that change with every request or by themselves; the audit trail records refused writes. */
    protected Set<String> ignoredTables() {
        return Set.of("audit_trail");
    }

    private Map<String, String> variables;

    @BeforeAll
    void prepareAndSettle() throws InterruptedException {
        // REST Assured learns the test port before each test; the fixtures are made before all of them.
        java.net.URI url = java.net.URI.create(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("test.url", String.class));
        io.restassured.RestAssured.port = url.getPort();
        variables = new java.util.HashMap<>(prepare());
        variables.putIfAbsent("ORG", organisation);
        variables.putIfAbsent("RANDOM_ID", java.util.UUID.randomUUID().toString());
        // The organisations the cases' tokens act for are known before the state is taken (minting one makes it so).
        KnownInTests.make(organisation);
        cases().forEach(c -> KnownInTests.make(c.org()));
        state = new DatabaseState(database(), ignoredTables());
        before = state.settled(1000, 60_000);
    }

    Stream<BadInputCorpus.Case> cases() {
        return BadInputCorpus.load(variables, corpusFiles().toArray(String[]::new)).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void shouldRefuseWithAProblemAndChangeNothing(BadInputCorpus.Case c) throws Exception {
        Map<String, String> rows = state.counts();
        long lastEntry = lastAuditTrailEntry();
        BadInputCorpus.check(c);
        assertThat(state.counts()).as("%s: rows per table after it", c).isEqualTo(rows);
        if (c.token() != null) {
            // A refused token is recorded, reads too (the trail is written off the I/O thread: wait a little).
            String path = c.path().contains("?") ? c.path().substring(0, c.path().indexOf('?')) : c.path();
            long deadline = System.currentTimeMillis() + 5000;
            boolean recorded = false;
            // A well-formed organisation the catalogue does not hold (403) is recorded with the code it named.
            String refusedFor = c.status() == 403 && c.token().get("org") instanceof String named ? named : null;
            while (!recorded && System.currentTimeMillis() < deadline) {
                recorded = auditTrailHas(lastEntry, c.method(), path, c.status(), refusedFor);
                if (!recorded) {
                    Thread.sleep(50);
                }
            }
            assertThat(recorded).as("%s: recorded in the audit trail as %s %s %s (organisation %s)", c, c.method(), path,
                    c.status(), refusedFor).isTrue();
        }
    }

    private long lastAuditTrailEntry() throws java.sql.SQLException {
        try (var connection = database().getConnection(); var statement = connection.createStatement();
                var result = statement.executeQuery("select coalesce(max(id), 0) from audit_trail")) {
            result.next();
            return result.getLong(1);
        }
    }

    private boolean auditTrailHas(long after, String method, String path, int status, String organisation)
            throws java.sql.SQLException {
        try (var connection = database().getConnection(); var statement = connection.prepareStatement(
                "select count(*) from audit_trail where id > ? and method = ? and path = ? and status = ?"
                        + (organisation == null ? "" : " and organisation = ?"))) {
            statement.setLong(1, after);
            statement.setString(2, method);
            statement.setString(3, path);
            statement.setInt(4, status);
            if (organisation != null) {
                statement.setString(5, organisation);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        }
    }

    @Test
    @Order(2)
    void shouldHoldEnoughDistinctCasesAndHaveChangedNoTable() {
        List<BadInputCorpus.Case> all = cases().toList();
        assertThat(all.stream().map(BadInputCorpus.Case::toString).distinct().count())
                .as("distinct cases in %s", corpusFiles()).isEqualTo(all.size()).isGreaterThanOrEqualTo(MIN_CASES);
        assertThat(state.digests()).as("every table's content after the corpus").isEqualTo(before);
    }

    Stream<OpenApiMutations.Mutant> mutants() {
        return OpenApiMutations.of(variables).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    @Order(3)
    void shouldNeverFailOnAMutatedExample(OpenApiMutations.Mutant m) {
        OpenApiMutations.check(m, organisation, roles);
    }
}
