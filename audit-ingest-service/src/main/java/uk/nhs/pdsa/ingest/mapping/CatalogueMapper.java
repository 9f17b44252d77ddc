package uk.nhs.pdsa.ingest.mapping;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.Organisation;

/** Catalogue entries as their events (which are also what the catalogue API answers with). */
public final class CatalogueMapper {
    private CatalogueMapper() {
    }

    public static AuditDefined toEvent(Audit audit) {
        return new AuditDefined(audit.code, audit.version, audit.title, audit.specialty, audit.metrics.stream()
                .map(m -> new AuditDefined.Metric(m.code, m.title, m.type, m.direction, m.target, m.unit,
                        m.fhirMeasure, m.spc, m.granularity))
                .toList(), audit.updatedAt, audit.outliers);
    }

    public static OrganisationDefined toEvent(Organisation organisation) {
        return new OrganisationDefined(organisation.code, organisation.version, organisation.name, organisation.type,
                List.copyOf(organisation.specialties), organisation.microsystems.stream()
                .map(m -> new OrganisationDefined.Microsystem(m.code, m.name))
                .toList(), organisation.updatedAt, List.copyOf(organisation.members));
    }

    /** One event per version of an entry; a relay repeat carries the same id. */
    public static UUID eventId(String key, int version) {
        return UUID.nameUUIDFromBytes((key + "#" + version).getBytes(StandardCharsets.UTF_8));
    }
}
