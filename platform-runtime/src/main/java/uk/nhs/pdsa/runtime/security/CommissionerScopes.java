package uk.nhs.pdsa.runtime.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The trusts each commissioner (an integrated care board) commissions, as the catalogue lists them: what a
 * {@link Roles#COMMISSIONER} reads. Kept by each service that serves commissioners from the catalogue topic, in its
 * own {@code commissioner_scope} table (organisation, members text[], organisation_version); an older version of an
 * organisation changes nothing.
 */
@ApplicationScoped
public class CommissionerScopes {
    private final EntityManager em;

    public CommissionerScopes(EntityManager em) {
        this.em = em;
    }

    /** The trusts {@code organisation} commissions (none for an organisation that is not a commissioner). */
    @SuppressWarnings("unchecked")
    public List<String> membersOf(String organisation) {
        return em.createNativeQuery("select unnest(members) from commissioner_scope where organisation = :organisation",
                String.class).setParameter("organisation", organisation).getResultList();
    }

    /** @param members empty for an organisation that is not a commissioner */
    @Transactional(TxType.MANDATORY)
    public void save(String organisation, List<String> members, int organisationVersion) {
        em.createNativeQuery("""
                insert into commissioner_scope (organisation, members, organisation_version)
                values (:code, string_to_array(:members, chr(31)), :version)
                on conflict (organisation) do update set members = excluded.members,
                    organisation_version = excluded.organisation_version
                where commissioner_scope.organisation_version <= excluded.organisation_version""")
                .setParameter("code", organisation).setParameter("members", String.join("\u001f", members))
                .setParameter("version", organisationVersion).executeUpdate();
    }
}
