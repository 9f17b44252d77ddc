package uk.nhs.pdsa.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

class FhirSubmissionReaderTest {
    private static final String MEASURE = "https://pdsa.nhs.uk/fhir/Measure/nhfd-surgery-within-36h";
    private final CatalogueLookup catalogue = new ResultRulesTest.InMemoryCatalogue(List.of(audit()), List.of());

    static String report(String status, String measure, String reporter, String subject, String start, String end,
            String populations) {
        return """
                {"resourceType": "MeasureReport", "status": "%s", "type": "summary", "measure": "%s",
                 %s "reporter": %s, "period": {"start": "%s", "end": "%s"},
                 "group": [{"population": [%s]}]}""".formatted(status, measure,
                subject == null ? "" : "\"subject\": " + subject + ",", reporter, start, end, populations);
    }

    static String population(String code, int count) {
        return """
                {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "%s"}]},
                 "count": %d}""".formatted(code, count);
    }

    @Test
    void shouldMapAMeasureReportToAResult() {
        String json = report("complete", MEASURE + "|1.0.0",
                "{\"identifier\": {\"system\": \"https://fhir.nhs.uk/Id/ods-organization-code\", \"value\": \"RXH\"}}",
                "{\"reference\": \"Location/trauma-ward-2\"}", "2025-03-01", "2025-03-31",
                population("numerator", 41) + "," + population("denominator", 52));
        List<SubmissionReader.Read> reads = FhirSubmissionReader.read(json, catalogue);
        assertThat(reads).singleElement().satisfies(read -> {
            assertThat(read.errors()).isEmpty();
            assertThat(read.pointer()).isEmpty();
            assertThat(read.submission()).isEqualTo(new ResultSubmission("nhfd", "surgery-within-36h", "RXH",
                    "trauma-ward-2", "2025-03", 41L, 52L, null));
        });
    }

    @Test
    void shouldReadEveryReportOfABundleWithItsPlaceAsPointer() {
        String ok = report("complete", MEASURE, "{\"reference\": \"Organization/RXH\"}", null, "2025-01-01", "2025-03-31",
                population("numerator", 1) + "," + population("denominator", 2));
        String pending = report("pending", "https://example.org/Measure/unknown", "{\"display\": \"A trust\"}", null,
                "2025-01-15", "2025-02-14", population("numerator", 1));
        String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [{\"resource\": " + ok
                + "}, {\"resource\": " + pending + "}, {\"resource\": {\"resourceType\": \"Patient\"}}]}";
        List<SubmissionReader.Read> reads = FhirSubmissionReader.read(bundle, catalogue);
        assertThat(reads.get(0).submission().period()).isEqualTo("2025-Q1");
        assertThat(reads.get(0).submission().organisation()).isEqualTo("RXH");
        assertThat(reads.get(1).errors()).extracting(FieldError::pointer).containsExactly("/entry/1/resource/status",
                "/entry/1/resource/measure", "/entry/1/resource/reporter", "/entry/1/resource/period");
        assertThat(reads.get(2).errors()).extracting(FieldError::detail).containsExactly("each Bundle entry must be a"
                + " MeasureReport, or the Organization or Location a report refers to; not a Patient");
    }

    @Test
    void shouldReadAStandardisedRatiosExpectedCountFromTheGroupExtension() {
        String populations = population("numerator", 7) + "," + population("denominator", 52);
        String json = report("complete", MEASURE, "{\"reference\": \"Organization/RJ1\"}", null, "2025-03-01",
                "2025-03-31", populations).replace("\"group\": [{", "\"group\": [{\"extension\": [{\"url\": \""
                + FhirSubmissionReader.EXPECTED_EXTENSION + "\", \"valueDecimal\": 3.7125}], ");
        assertThat(FhirSubmissionReader.read(json, catalogue)).singleElement().satisfies(read -> {
            assertThat(read.errors()).isEmpty();
            assertThat(read.submission()).isEqualTo(new ResultSubmission("nhfd", "surgery-within-36h", "RJ1", null,
                    "2025-03", 7L, 52L, null, new java.math.BigDecimal("3.7125")));
        });
        String wrong = json.replace("\"valueDecimal\": 3.7125", "\"valueString\": \"3.7\"");
        assertThat(FhirSubmissionReader.read(wrong, catalogue)).singleElement().satisfies(read -> assertThat(read.errors())
                .extracting(FieldError::pointer, FieldError::detail).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "/group/0/extension", "the expected-count extension takes a valueDecimal")));
    }

    private static final String RXH = "{\"identifier\": {\"system\": \"https://fhir.nhs.uk/Id/ods-organization-code\","
            + " \"value\": \"RXH\"}}";

    private static String proportion(int numerator, int denominator, String more) {
        return population("numerator", numerator) + "," + population("denominator", denominator) + more;
    }

    private static SubmissionReader.Read only(String json) {
        List<SubmissionReader.Read> reads = FhirSubmissionReader.read(json, catalogue());
        assertThat(reads).hasSize(1);
        return reads.get(0);
    }

    private static CatalogueLookup catalogue() {
        return new ResultRulesTest.InMemoryCatalogue(List.of(audit()), List.of());
    }

    @Test
    void shouldAcceptAMeasureScoreThatAgreesWithTheCountsAndRefuseOneThatDoesNot() {
        String agreeing = report("complete", MEASURE, RXH, null, "2025-03-01", "2025-03-31", proportion(41, 48, ""))
                .replace("\"group\": [{", "\"group\": [{\"measureScore\": {\"value\": 0.854166667}, ");
        assertThat(only(agreeing).submission()).satisfies(r -> {
            assertThat(r.numerator()).isEqualTo(41L);
            assertThat(r.value()).as("a proportion stores its counts, not the score").isNull();
        });
        SubmissionReader.Read wrong = only(agreeing.replace("0.854166667", "0.5"));
        assertThat(wrong.errors()).extracting(FieldError::pointer, FieldError::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/group/0/measureScore", "measureScore (0.5) does not agree with"
                        + " the counts: 41 / 48 = 0.8542 (after exclusions and exceptions)"));
    }

    @Test
    void shouldApplyExclusionsAndExceptionsAsTheMeasurePopulationRulesSay() {
        String json = report("complete", MEASURE, RXH, null, "2025-03-01", "2025-03-31", proportion(4, 48,
                "," + population("denominator-exclusion", 10)));
        assertThat(only(json).submission()).extracting(ResultSubmission::numerator, ResultSubmission::denominator)
                .containsExactly(4L, 38L);
        String all = report("complete", MEASURE, RXH, null, "2025-03-01", "2025-03-31", proportion(4, 48,
                "," + population("denominator-exclusion", 10) + "," + population("denominator-exception", 2) + ","
                        + population("numerator-exclusion", 1) + "," + population("initial-population", 60)));
        assertThat(only(all).submission()).extracting(ResultSubmission::numerator, ResultSubmission::denominator)
                .containsExactly(3L, 36L);
        String tooMany = report("complete", MEASURE, RXH, null, "2025-03-01", "2025-03-31", proportion(4, 48,
                "," + population("denominator-exclusion", 50)));
        assertThat(only(tooMany).errors()).extracting(FieldError::pointer, FieldError::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/group/0/population/2/count", "denominator-exclusion (50) cannot"
                        + " be more than what remains of the denominator (48)"));
    }

    @Test
    void shouldReadTheWardAsALocationAndTheTrustItselfAsATrustLevelSubject() {
        String counts = proportion(41, 48, "");
        assertThat(only(report("complete", MEASURE, RXH, "{\"reference\": \"Location/ward-10\"}", "2025-03-01",
                "2025-03-31", counts)).submission().microsystem()).isEqualTo("ward-10");
        assertThat(only(report("complete", MEASURE, RXH, "{\"identifier\": {\"value\": \"ward-10\"}}", "2025-03-01",
                "2025-03-31", counts)).submission().microsystem()).isEqualTo("ward-10");
        SubmissionReader.Read trust = only(report("complete", MEASURE, RXH, "{\"reference\": \"Organization/RXH\"}",
                "2025-03-01", "2025-03-31", counts));
        assertThat(trust.errors()).isEmpty();
        assertThat(trust.submission().microsystem()).as("the trust itself: a trust-level result").isNull();
        assertThat(only(report("complete", MEASURE, RXH, RXH, "2025-03-01", "2025-03-31", counts)).submission()
                .microsystem()).isNull();
        assertThat(only(report("complete", MEASURE, RXH, "{\"reference\": \"Organization/RJ1\"}", "2025-03-01",
                "2025-03-31", counts)).errors()).extracting(FieldError::detail).containsExactly("an Organization subject"
                        + " must be the reporting trust itself (RXH), not RJ1");
        assertThat(only(report("complete", MEASURE, RXH, "{\"reference\": \"Patient/123\"}", "2025-03-01",
                "2025-03-31", counts)).errors()).extracting(FieldError::pointer).containsExactly("/subject/reference");
    }

    @Test
    void shouldResolveAContainedOrInBundleReporterAndRefuseAnotherIdentifierSystem() {
        String counts = proportion(41, 48, "");
        String contained = report("complete", MEASURE, "{\"reference\": \"#trust\"}", null, "2025-03-01",
                "2025-03-31", counts).replace("\"measure\":", "\"contained\": [{\"resourceType\": \"Organization\","
                        + " \"id\": \"trust\", \"identifier\": [" + RXH.substring(RXH.indexOf(':') + 1, RXH.length() - 1)
                        + "]}], \"measure\":");
        assertThat(only(contained).submission().organisation()).isEqualTo("RXH");

        String inBundle = "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
                + "{\"fullUrl\": \"urn:uuid:0b6f1c1e-5a7e-4c55-9a43-4f1f8f0c2d11\", \"resource\": {\"resourceType\":"
                + " \"Organization\", \"identifier\": [" + RXH.substring(RXH.indexOf(':') + 1, RXH.length() - 1) + "]}},"
                + "{\"resource\": " + report("complete", MEASURE,
                        "{\"reference\": \"urn:uuid:0b6f1c1e-5a7e-4c55-9a43-4f1f8f0c2d11\"}", null, "2025-03-01",
                        "2025-03-31", counts) + "}]}";
        List<SubmissionReader.Read> reads = FhirSubmissionReader.read(inBundle, catalogue());
        assertThat(reads).singleElement().satisfies(r -> {
            assertThat(r.pointer()).isEqualTo("/entry/1/resource");
            assertThat(r.submission().organisation()).isEqualTo("RXH");
        });

        String otherSystem = report("complete", MEASURE, "{\"identifier\": {\"system\": \"https://example.org/trusts\","
                + " \"value\": \"RXH\"}}", null, "2025-03-01", "2025-03-31", counts);
        assertThat(only(otherSystem).errors()).extracting(FieldError::pointer, FieldError::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/reporter/identifier", "the trust is named by its ODS code"
                        + " (identifier system https://fhir.nhs.uk/Id/ods-organization-code), not by"
                        + " https://example.org/trusts"));
    }

    @Test
    void shouldRefuseIndividualAndDataCollectionReportsClearly() {
        String counts = proportion(41, 48, "");
        for (String type : List.of("individual", "data-collection")) {
            String json = report("complete", MEASURE, RXH, null, "2025-03-01", "2025-03-31", counts)
                    .replace("\"type\": \"summary\"", "\"type\": \"" + type + "\"");
            assertThat(only(json).errors()).extracting(FieldError::pointer, FieldError::detail).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("/type", "a " + type + " report is not an audit result: send the"
                            + " summary (type summary or subject-list) with the counts for the trust or microsystem"));
        }
    }

    @Test
    void shouldRefuseADecimalCountWithoutJavaOrHapiText() {
        String json = report("complete", MEASURE, RXH, null, "2025-03-01", "2025-03-31", proportion(41, 48, ""))
                .replace("\"count\": 41", "\"count\": 4.0");
        assertThatThrownBy(() -> FhirSubmissionReader.read(json, catalogue())).isInstanceOfSatisfying(
                ProblemException.class, e -> assertThat(e.toProblem("/").detail()).contains("a count is a whole number")
                        .doesNotContain("HAPI", "java", "Exception"));
    }

    @Test
    void shouldReadTheSameReportFromXml() {
        String xml = """
                <MeasureReport xmlns="http://hl7.org/fhir">
                  <status value="complete"/><type value="summary"/><measure value="%s"/>
                  <subject><reference value="Location/ward-10"/></subject>
                  <period><start value="2025-03-01"/><end value="2025-03-31"/></period>
                  <reporter><reference value="Organization/RXH"/></reporter>
                  <group>
                    <population><code><coding><system value="http://terminology.hl7.org/CodeSystem/measure-population"/>
                      <code value="numerator"/></coding></code><count value="41"/></population>
                    <population><code><coding><system value="http://terminology.hl7.org/CodeSystem/measure-population"/>
                      <code value="denominator"/></coding></code><count value="48"/></population>
                  </group>
                </MeasureReport>""".formatted(MEASURE);
        assertThat(FhirSubmissionReader.read(FhirSubmissionReader.parse(xml, true), catalogue())).singleElement()
                .satisfies(r -> assertThat(r.submission()).isEqualTo(new ResultSubmission("nhfd", "surgery-within-36h",
                        "RXH", "ward-10", "2025-03", 41L, 48L, null)));
    }

    @Test
    void shouldTurnExactCalendarSpansIntoPeriods() {
        assertThat(FhirSubmissionReader.period(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31))).isEqualTo("2025-03");
        assertThat(FhirSubmissionReader.period(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29))).isEqualTo("2024-02");
        assertThat(FhirSubmissionReader.period(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30))).isEqualTo("2025-Q2");
        assertThat(FhirSubmissionReader.period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))).isEqualTo("2025");
        assertThat(FhirSubmissionReader.period(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 4, 30))).isNull();
        assertThat(FhirSubmissionReader.period(LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 31))).isNull();
        assertThat(FhirSubmissionReader.period(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 3, 31))).isNull();
    }

    @Test
    void shouldRejectJsonThatIsNotFhirAsMalformed() {
        assertThatThrownBy(() -> FhirSubmissionReader.read("{\"resourceType\": \"MeasureReport\", \"status\": 7}", catalogue))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.toProblem("/").type()).endsWith("/malformed-body"));
        assertThatThrownBy(() -> FhirSubmissionReader.read("{\"audit\": \"nhfd\"}", catalogue))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void shouldRejectAnotherResourceType() {
        assertThatThrownBy(() -> FhirSubmissionReader.read("{\"resourceType\": \"Patient\"}", catalogue))
                .isInstanceOf(ProblemException.class).hasMessageContaining("not a Patient");
    }

    private static Audit audit() {
        Audit audit = new Audit();
        audit.code = "nhfd";
        Metric m = new Metric();
        m.code = "surgery-within-36h";
        m.type = MetricType.PROPORTION;
        m.fhirMeasure = MEASURE;
        audit.metrics.add(m);
        return audit;
    }
}
