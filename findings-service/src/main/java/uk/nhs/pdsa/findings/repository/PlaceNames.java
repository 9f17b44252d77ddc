package uk.nhs.pdsa.findings.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.OrganisationDefined;

/** Names of organisations and their microsystems ({@code place_name}), kept from the catalogue, for chart titles. */
@ApplicationScoped
public class PlaceNames {
    private final EntityManager em;

    public PlaceNames(EntityManager em) {
        this.em = em;
    }

    /** Keeps the names of this version of an organisation, unless a newer version is already held. */
    public void save(OrganisationDefined organisation) {
        if (organisation.name() != null) {
            save(organisation.code(), "", organisation.name(), organisation.version());
        }
        List<OrganisationDefined.Microsystem> microsystems = organisation.microsystems() == null ? List.of()
                : organisation.microsystems();
        for (OrganisationDefined.Microsystem m : microsystems) {
            if (m.name() != null) {
                save(organisation.code(), m.code(), m.name(), organisation.version());
            }
        }
    }

    private void save(String organisation, String microsystem, String name, int version) {
        em.createNativeQuery("""
                insert into place_name (organisation, microsystem, name, organisation_version)
                values (:organisation, :microsystem, :name, :version)
                on conflict (organisation, microsystem) do update set name = excluded.name,
                    organisation_version = excluded.organisation_version
                where place_name.organisation_version <= excluded.organisation_version""")
                .setParameter("organisation", organisation).setParameter("microsystem", microsystem)
                .setParameter("name", name).setParameter("version", version).executeUpdate();
    }

    /** "Trust name, ward name" as the catalogue names them; codes where it has not named them (yet). */
    public String of(String organisation, String microsystem) {
        String trust = name(organisation, "").orElse(organisation);
        return microsystem == null ? trust : trust + ", " + name(organisation, microsystem).orElse(microsystem);
    }

    private java.util.Optional<String> name(String organisation, String microsystem) {
        List<?> found = em.createNativeQuery("select name from place_name where organisation = :o and microsystem = :m")
                .setParameter("o", organisation).setParameter("m", microsystem).getResultList();
        return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(found.get(0).toString());
    }
}
