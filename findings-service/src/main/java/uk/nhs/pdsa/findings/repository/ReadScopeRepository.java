package uk.nhs.pdsa.findings.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Who may read which audits' findings beyond a trust's own, from the catalogue: each audit's specialty
 * ({@code audit_specialty}) and the specialties each college covers ({@code college_scope}). An older catalogue
 * version than the one held changes nothing.
 */
@ApplicationScoped
public class ReadScopeRepository {
    private final EntityManager em;

    public ReadScopeRepository(EntityManager em) {
        this.em = em;
    }

    /** The audits of the specialties a college covers (none for an organisation that is not a college). */
    @SuppressWarnings("unchecked")
    public List<String> auditsOfCollege(String organisation) {
        return em.createNativeQuery("""
                select a.audit from audit_specialty a join college_scope c on a.specialty = any(c.specialties)
                where c.organisation = :organisation""", String.class)
                .setParameter("organisation", organisation).getResultList();
    }

    public void saveAuditSpecialty(String audit, String specialty, int auditVersion) {
        em.createNativeQuery("""
                insert into audit_specialty (audit, specialty, audit_version) values (:audit, :specialty, :version)
                on conflict (audit) do update set specialty = excluded.specialty, audit_version = excluded.audit_version
                where audit_specialty.audit_version <= excluded.audit_version""")
                .setParameter("audit", audit)
                .setParameter("specialty", specialty)
                .setParameter("version", auditVersion)
                .executeUpdate();
    }

    /** @param specialties empty for an organisation that is not a college */
    public void saveCollegeSpecialties(String organisation, List<String> specialties, int organisationVersion) {
        em.createNativeQuery("""
                insert into college_scope (organisation, specialties, organisation_version)
                values (:code, string_to_array(:specialties, chr(31)), :version)
                on conflict (organisation) do update set specialties = excluded.specialties,
                    organisation_version = excluded.organisation_version
                where college_scope.organisation_version <= excluded.organisation_version""")
                .setParameter("code", organisation)
                .setParameter("specialties", String.join("\u001f", specialties))
                .setParameter("version", organisationVersion)
                .executeUpdate();
    }
}
