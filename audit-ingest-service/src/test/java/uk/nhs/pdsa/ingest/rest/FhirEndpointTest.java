package uk.nhs.pdsa.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.ingest.service.FhirSubmissionReader;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * The FHIR endpoint through the real HAPI FHIR client ({@code IGenericClient}), as a trust system's integration would
 * use it: the CapabilityStatement, a create, a transaction Bundle that carries the trust's Organization, a batch with
 * one bad entry, and the OperationOutcome of a refused report, in JSON and XML.
 */
@QuarkusTest
class FhirEndpointTest {
    private static final FhirContext R4 = FhirContext.forR4();
    private String trust;
    private IGenericClient client;

    @BeforeEach
    void catalogueAndClient() {
        IngestFixtures.hipFractureAudit();
        trust = IngestFixtures.trust("F", "ward-1", "ward-2");
        R4.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        client = R4.newRestfulGenericClient("http://localhost:" + port + "/api/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.token(trust, "submitter")));
    }

    private MeasureReport report(String microsystem, String month, int numerator, int denominator) {
        MeasureReport report = new MeasureReport();
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE).setType(MeasureReport.MeasureReportType.SUMMARY)
                .setMeasure(IngestFixtures.MEASURE)
                .setReporter(new Reference().setIdentifier(new Identifier().setSystem(FhirSubmissionReader.ODS_SYSTEM)
                        .setValue(trust)))
                .setPeriod(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(month + "-01"))
                        .setEndElement(new org.hl7.fhir.r4.model.DateTimeType(java.time.YearMonth.parse(month)
                                .atEndOfMonth().toString())));
        if (microsystem != null) {
            report.setSubject(new Reference("Location/" + microsystem));
        }
        MeasureReport.MeasureReportGroupComponent group = report.addGroup();
        group.addPopulation().setCode(population("numerator")).setCount(numerator);
        group.addPopulation().setCode(population("denominator")).setCount(denominator);
        group.setMeasureScore(new Quantity().setValue(new BigDecimal(numerator).divide(new BigDecimal(denominator), 6,
                java.math.RoundingMode.HALF_UP)));
        return report;
    }

    private static CodeableConcept population(String code) {
        return new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/measure-population", code, null));
    }

    @Test
    void shouldSayExactlyWhatItDoesInItsCapabilityStatement() {
        CapabilityStatement statement = client.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(statement.getRestFirstRep().getResource()).singleElement().satisfies(r -> {
            assertThat(r.getType()).isEqualTo("MeasureReport");
            assertThat(r.getInteraction()).extracting(i -> i.getCode().toCode()).containsExactly("create");
        });
        assertThat(statement.getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode())
                .containsExactly("transaction", "batch");
        assertThat(statement.getFormat()).extracting(f -> f.getValue()).containsExactly("json", "xml");
    }

    @Test
    void shouldCreateAReportAndAnswerTheSameReportAgainWithoutANewRevision() {
        MethodOutcome created = client.create().resource(report("ward-1", "2025-01", 41, 48)).execute();
        assertThat(created.getCreated()).isTrue();
        assertThat(created.getId().getResourceType()).isEqualTo("MeasureReport");
        assertThat(created.getId().getVersionIdPart()).isEqualTo("1");
        String resultId = created.getId().getIdPart();
        MethodOutcome again = client.create().resource(report("ward-1", "2025-01", 41, 48)).execute();
        assertThat(again.getResponseStatusCode()).as("the same numbers again: 200, not a new result").isEqualTo(200);
        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(resultId);
        client.setEncoding(EncodingEnum.XML);
        MethodOutcome revised = client.create().resource(report("ward-1", "2025-01", 42, 48)).execute();
        assertThat(revised.getId().getVersionIdPart()).isEqualTo("2");
        TestTokens.actAs(trust);
        given().get("/api/v1/audit-results/" + resultId).then().statusCode(200).body("result.numerator", equalTo(42))
                .body("result.microsystem", equalTo("ward-1"));
    }

    @Test
    void shouldStoreATransactionBundleWhoseReportsReferToTheTrustInTheBundle() {
        Organization organisation = new Organization();
        organisation.addIdentifier().setSystem(FhirSubmissionReader.ODS_SYSTEM).setValue(trust);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:7d1a2c3e-4b5f-4a6b-8c7d-9e0f1a2b3c4d").setResource(organisation)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Organization");
        for (String ward : List.of("ward-1", "ward-2")) {
            MeasureReport report = report(ward, "2025-02", 30, 44);
            report.setReporter(new Reference("urn:uuid:7d1a2c3e-4b5f-4a6b-8c7d-9e0f1a2b3c4d"));
            bundle.addEntry().setResource(report).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("MeasureReport");
        }
        Bundle answer = client.transaction().withBundle(bundle).execute();
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("200 OK", "201 Created", "201 Created");
        assertThat(answer.getEntry().get(1).getResponse().getLocation()).matches("MeasureReport/[0-9a-f-]{36}/_history/1");
        TestTokens.actAs(trust);
        given().get("/api/v1/audit-results?organisation=" + trust + "&from=2025-02&to=2025-02").then()
                .body("total", equalTo(2));
    }

    @Test
    void shouldRefuseAReportWithAnOperationOutcomeThatLocatesTheProblemInFhirPath() {
        MeasureReport wrong = report("ward-1", "2025-03", 41, 48);
        wrong.getGroupFirstRep().getMeasureScore().setValue(new BigDecimal("0.5"));
        wrong.setType(MeasureReport.MeasureReportType.INDIVIDUAL);
        assertThatThrownBy(() -> client.create().resource(wrong).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue())
                            .containsExactly("MeasureReport.type", "MeasureReport.group[0].measureScore");
                    assertThat(outcome.getIssue()).allSatisfy(i -> {
                        assertThat(i.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
                        assertThat(i.getCode()).isEqualTo(OperationOutcome.IssueType.INVALID);
                    });
                    assertThat(outcome.getIssue().get(1).getDiagnostics()).isEqualTo("measureScore (0.5) does not agree"
                            + " with the counts: 41 / 48 = 0.8542 (after exclusions and exceptions)");
                });
        MeasureReport other = report("ward-1", "2025-03", 41, 48);
        other.getReporter().getIdentifier().setValue("RJ1");
        assertThatThrownBy(() -> client.create().resource(other).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getCode())
                            .isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
                });
        TestTokens.actAs(trust);
        given().get("/api/v1/audit-results?organisation=" + trust + "&from=2025-03&to=2025-03").then()
                .body("total", equalTo(0));
    }

    @Test
    void shouldStoreEachEntryOfABatchOnItsOwn() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
        MeasureReport bad = report("ward-9", "2025-04", 30, 44);
        bundle.addEntry().setResource(report("ward-1", "2025-04", 30, 44)).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("MeasureReport");
        bundle.addEntry().setResource(bad).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("MeasureReport");
        Bundle answer = client.transaction().withBundle(bundle).execute();
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created",
                "400 Bad Request");
        OperationOutcome outcome = (OperationOutcome) answer.getEntry().get(1).getResponse().getOutcome();
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Bundle.entry[1].resource.subject");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("has no microsystem ward-9");
    }

    @Test
    void shouldAnswerProblemsOfTheRequestItselfAsOperationOutcomes() {
        TestTokens.actAs(trust);
        given().contentType("application/json").body("{}").post("/api/fhir/MeasureReport").then().statusCode(415)
                .contentType(org.hamcrest.Matchers.startsWith("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].code", equalTo("not-supported"));
        given().contentType("application/fhir+json").body("{\"resourceType\": \"Bundle\", \"type\": \"collection\"}")
                .post("/api/fhir").then().statusCode(400).body("issue[0].expression[0]", equalTo("Bundle.type"));
        given().contentType("application/fhir+json").body("{\"resourceType\": \"MeasureReport\", \"status\": 7}")
                .post("/api/fhir/MeasureReport").then().statusCode(400).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("HAPI")));
    }

    @Test
    void shouldAcceptTheDocumentsOwnExamples() {
        TestTokens.actAs(trust);
        for (String[] example : new String[][] {{"application/fhir+json", Examples.FHIR, "/api/fhir/MeasureReport"},
                {"application/fhir+xml", Examples.FHIR_XML, "/api/fhir/MeasureReport"},
                {"application/fhir+json", Examples.FHIR_TRANSACTION, "/api/fhir"},
                {"application/fhir+xml", Examples.FHIR_TRANSACTION_XML, "/api/fhir"}}) {
            String body = example[1].replace("RXH", trust).replace("trauma-ward-2", "ward-1");
            given().contentType(example[0]).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(example[2])
                    .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                    .contentType(org.hamcrest.Matchers.startsWith("application/fhir+json"));
        }
    }
}
