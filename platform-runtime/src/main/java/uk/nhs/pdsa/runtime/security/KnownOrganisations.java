package uk.nhs.pdsa.runtime.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The organisations a token may act for: those the catalogue holds (each service keeps them in its
 * {@code known_organisation} table as the catalogue's organisation events arrive; audit-ingest as it defines them),
 * and the platform's own organisations (configuration, {@code pdsa.security.platform-organisations}: the national
 * provider whose administrator defines the catalogue, so it cannot wait to be in it). A well-formed token naming any
 * other code is refused with 403 ({@link UnknownOrganisation}). Organisations are never removed from the catalogue,
 * so a code once known is remembered in memory; an unknown one is looked up each time (it may have just arrived).
 */
@ApplicationScoped
public class KnownOrganisations {
    private final DataSource database;
    private final EntityManager em;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public KnownOrganisations(DataSource database, EntityManager em,
            @ConfigProperty(name = "pdsa.security.platform-organisations", defaultValue = "X26") List<String> platform) {
        this.database = database;
        this.em = em;
        platform.stream().map(String::trim).filter(code -> !code.isEmpty()).forEach(known::add);
    }

    /** Known without asking the database (remembered, or one of the platform's own): no worker thread needed. */
    public boolean remembered(String code) {
        return known.contains(code);
    }

    /** Whether a token may act for {@code code}: in the catalogue, or one of the platform's own. */
    public boolean known(String code) {
        if (known.contains(code)) {
            return true;
        }
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("select 1 from known_organisation where code = ?")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    known.add(code);
                    return true;
                }
                return false;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailable(e);
        }
    }

    /** The catalogue holds {@code code} (in the caller's transaction, with the effect that records it). */
    @Transactional(TxType.MANDATORY)
    public void save(String code) {
        em.createNativeQuery("insert into known_organisation (code) values (:code) on conflict (code) do nothing")
                .setParameter("code", code).executeUpdate();
    }

    /** The database could not be asked: the request is answered 503 (never taken as known or unknown). */
    public static final class DatabaseUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseUnavailable(SQLException cause) {
            super("known organisations could not be read", cause);
        }
    }
}
