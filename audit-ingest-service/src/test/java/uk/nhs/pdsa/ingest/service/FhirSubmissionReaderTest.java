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
        assertThat(reads.get(2).errors()).extracting(FieldError::detail).containsExactly("each Bundle entry must be a MeasureReport");
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
