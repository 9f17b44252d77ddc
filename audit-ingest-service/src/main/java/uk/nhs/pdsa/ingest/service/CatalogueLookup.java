package uk.nhs.pdsa.ingest.service;

import java.util.Optional;

import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.Organisation;

/** What result validation needs from the catalogue; one request reads each entry once. */
public interface CatalogueLookup {
    Optional<Audit> audit(String code);

    Optional<Organisation> organisation(String code);

    /** The audit and metric a FHIR {@code MeasureReport.measure} canonical URL names. */
    Optional<MeasureRef> measure(String canonicalUrl);

    record MeasureRef(String audit, String metric) {
    }
}
