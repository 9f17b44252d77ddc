package uk.nhs.pdsa.ingest.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.Organisation;

/** Catalogue entries read from the database at most once per request. */
final class CatalogueSnapshot implements CatalogueLookup {
    private final EntityManager em;
    private final Map<String, Optional<Audit>> audits = new HashMap<>();
    private final Map<String, Optional<Organisation>> organisations = new HashMap<>();
    private final Map<String, Optional<MeasureRef>> measures = new HashMap<>();

    CatalogueSnapshot(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Audit> audit(String code) {
        return audits.computeIfAbsent(code, c -> Optional.ofNullable(em.find(Audit.class, c)));
    }

    @Override
    public Optional<Organisation> organisation(String code) {
        return organisations.computeIfAbsent(code, c -> Optional.ofNullable(em.find(Organisation.class, c)));
    }

    @Override
    public Optional<MeasureRef> measure(String canonicalUrl) {
        return measures.computeIfAbsent(canonicalUrl, url -> {
            @SuppressWarnings("unchecked")
            List<Object[]> found = em.createNativeQuery("select audit_code, code from audit_metric where fhir_measure = :url")
                    .setParameter("url", url)
                    .getResultList();
            return found.stream().findFirst().map(row -> new MeasureRef((String) row[0], (String) row[1]));
        });
    }
}
