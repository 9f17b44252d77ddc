package uk.nhs.pdsa.ingest.rest;

import java.util.Date;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/** What the FHIR endpoint does, exactly: create MeasureReports, transactions and batches of them. */
final class FhirCapability {
    private FhirCapability() {
    }

    static CapabilityStatement statement(String base) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE).setDate(new Date()).setKind(CapabilityStatementKind.INSTANCE)
                .setFhirVersion(FHIRVersion._4_0_1).setPublisher("PDSA improvement platform")
                .setDescription("Audit results from trust systems as FHIR R4 MeasureReports (summary or subject-list,"
                        + " status complete). Each report is one result of the token's organisation: measure names the"
                        + " audit's metric (its canonical URL in the catalogue), reporter the trust by ODS code, subject"
                        + " a microsystem (Location) or the trust itself, period one month, quarter or year. Counts"
                        + " follow the measure-population rules; a standardised ratio carries its expected count in the"
                        + " group extension https://pdsa.nhs.uk/fhir/StructureDefinition/expected-count. Reports are"
                        + " created, never read back here: read results at /api/v1/audit-results.");
        statement.addFormat("json").addFormat("xml");
        statement.getSoftware().setName("audit-ingest-service");
        statement.getImplementation().setDescription("PDSA audit-ingest FHIR endpoint").setUrl(base);
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("A bearer token (OpenID Connect) with the submitter role; each report must be"
                + " the token's organisation's.");
        rest.addResource().setType("MeasureReport").setConditionalCreate(false).setConditionalUpdate(false)
                .setDocumentation("create only: 201 for a new result, 200 for a revision or a repeat")
                .addInteraction().setCode(TypeRestfulInteraction.CREATE);
        rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION)
                .setDocumentation("all or nothing; MeasureReport entries POST MeasureReport, Organization and Location"
                        + " entries are read to resolve references");
        rest.addInteraction().setCode(SystemRestfulInteraction.BATCH).setDocumentation("each entry on its own");
        return statement;
    }
}
