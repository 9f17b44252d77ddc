package uk.nhs.pdsa.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import uk.nhs.pdsa.metrics.OrganisationCode;

/**
 * A token is refused with 403 unless the service knows its organisation from the catalogue
 * ({@code uk.nhs.pdsa.runtime.security.KnownOrganisations}). Tests of one service make up organisations
 * ({@link uk.nhs.pdsa.events.TestOrganisations}) without a catalogue service running, so in a {@code @QuarkusTest}
 * the organisation of every token {@link TestTokens} mints is written to the service's {@code known_organisation}
 * table, the row its catalogue consumer would write. Tokens made with {@link TestTokens#withClaims} are not: the bad-input
 * corpora use them for an organisation the catalogue does not hold. Outside a running Quarkus application (e2e tests,
 * where the catalogue defines every organisation through audit-ingest) this does nothing; the catalogue consumers'
 * own path is tested in each service.
 */
final class KnownInTests {
    /** Per running application (a test profile restarts it, with a new container): the codes already written. */
    private static final Map<Object, Set<String>> MADE = Collections.synchronizedMap(new WeakHashMap<>());

    private KnownInTests() {
    }

    static void make(String organisation) {
        if (organisation == null || !OrganisationCode.isValid(organisation)) {
            return;
        }
        io.quarkus.arc.ArcContainer container;
        try {
            container = io.quarkus.arc.Arc.container();
        } catch (LinkageError notQuarkus) {
            return;
        }
        if (container == null || !container.isRunning()) {
            return;
        }
        Set<String> made = MADE.computeIfAbsent(container, a -> ConcurrentHashMap.newKeySet());
        if (made.contains(organisation)) {
            return;
        }
        var instance = container.instance(DataSource.class);
        if (!instance.isAvailable()) {
            return;
        }
        DataSource database = instance.get();
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into known_organisation (code) values (?) on conflict (code) do nothing")) {
            s.setString(1, organisation);
            s.executeUpdate();
            made.add(organisation);
        } catch (SQLException noSuchTable) {
            // A service without the platform's tables: nothing to make known.
        }
    }
}
