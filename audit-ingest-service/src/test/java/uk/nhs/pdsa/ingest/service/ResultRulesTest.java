package uk.nhs.pdsa.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.ingest.Microsystem;
import uk.nhs.pdsa.ingest.Organisation;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;

class ResultRulesTest {
    private final ResultRules rules = new ResultRules(new InMemoryCatalogue(List.of(hipFracture()),
            List.of(trust("RXH", "ward-10"), college("RCSENG"))));

    @Test
    void shouldRejectAnOrganisationNotInTheCatalogue() {
        assertThat(rules.check(proportion("RXX", "2025-03", 1L, 2L), "/0"))
                .extracting(FieldError::pointer, FieldError::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/0/organisation",
                        "unknown organisation RXX; PUT /api/v1/organisations/RXX first"));
    }

    @Test
    void shouldAcceptResultsFromTrustsOnly() {
        assertThat(rules.check(proportion("RCSENG", "2025-03", 1L, 2L), ""))
                .extracting(FieldError::detail).containsExactly("RCSENG is a college; only trusts submit results");
    }

    @Test
    void shouldRejectAMicrosystemTheTrustDoesNotHave() {
        var s = new ResultSubmission("nhfd", "surgery-within-36h", "RXH", "ward-11", "2025-03", 1L, 2L, null);
        assertThat(rules.check(s, "")).extracting(FieldError::detail).containsExactly("trust RXH has no microsystem ward-11");
    }

    @Test
    void shouldAcceptAWellFormedProportion() {
        assertThat(rules.check(proportion("RXH", "2025-03", 41L, 52L), "")).isEmpty();
    }

    @Test
    void shouldRejectResultForUnknownAudit() {
        var s = new ResultSubmission("nope", "surgery-within-36h", "RXH", null, "2025-03", 1L, 2L, null);
        assertThat(pointers(rules.check(s, "/3"))).containsExactly("/3/audit");
    }

    @Test
    void shouldRejectResultForUnknownMetric() {
        var s = new ResultSubmission("nhfd", "nope", "RXH", null, "2025-03", 1L, 2L, null);
        assertThat(rules.check(s, "")).extracting(FieldError::detail).containsExactly("audit nhfd has no metric nope");
    }

    @Test
    void shouldRejectNumeratorAboveDenominator() {
        assertThat(rules.check(proportion("RXH", "2025-03", 53L, 52L), ""))
                .extracting(FieldError::detail).containsExactly("numerator (53) must not exceed denominator (52)");
    }

    @Test
    void shouldReportEveryProblemOfOneItemAtOnce() {
        var s = new ResultSubmission("nhfd", "surgery-within-36h", "rxh", "ward 10", "2025-13", -1L, 0L, BigDecimal.ONE);
        assertThat(pointers(rules.check(s, ""))).containsExactlyInAnyOrder(
                "/organisation", "/microsystem", "/period", "/value", "/numerator", "/denominator");
    }

    @Test
    void shouldRequireValueAndNoCountsForValueMetric() {
        var s = new ResultSubmission("nhfd", "length-of-stay", "RXH", null, "2025", 3L, null, null);
        assertThat(pointers(rules.check(s, ""))).containsExactlyInAnyOrder("/value", "/numerator");
        var ok = new ResultSubmission("nhfd", "length-of-stay", "RXH", null, "2025", null, null, new BigDecimal("19.5"));
        assertThat(rules.check(ok, "")).isEmpty();
    }

    @Test
    void shouldAllowRateEventsAboveExposureCount() {
        var s = new ResultSubmission("nhfd", "falls-per-1000-bed-days", "RXH", null, "2025-Q1", 12L, 9L, null);
        assertThat(rules.check(s, "")).isEmpty();
    }

    @Test
    void shouldTakeObservedPatientsAndExpectedForAStandardisedRatio() {
        assertThat(rules.check(ratio(7L, 52L, "3.7125"), "")).isEmpty();
        assertThat(rules.check(ratio(7L, 52L, null), "/2")).extracting(FieldError::pointer, FieldError::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/2/expected", "expected is required for a"
                        + " standardised-ratio metric: the count the audit's risk model expects for these patients"));
        assertThat(rules.check(ratio(7L, 52L, "0"), "")).extracting(FieldError::detail)
                .containsExactly("expected must be more than 0");
        assertThat(rules.check(ratio(7L, 52L, "-1.5"), "")).extracting(FieldError::detail)
                .containsExactly("expected must be more than 0");
        assertThat(rules.check(ratio(7L, 52L, "52.5"), "")).extracting(FieldError::detail)
                .containsExactly("expected (52.5) must not exceed denominator (52): each patient's predicted risk is at most 1");
        assertThat(rules.check(ratio(7L, 52L, "3.71251"), "")).extracting(FieldError::detail)
                .containsExactly("expected takes at most 4 decimal places");
        assertThat(rules.check(ratio(53L, 52L, "3.7"), "")).extracting(FieldError::detail)
                .containsExactly("numerator (53) must not exceed denominator (52)");
        assertThat(pointers(rules.check(ratio(null, null, "3.7"), ""))).containsExactly("/numerator", "/denominator");
    }

    @Test
    void shouldRefuseAnExpectedCountForAnyOtherType() {
        var s = new ResultSubmission("nhfd", "surgery-within-36h", "RXH", "ward-10", "2025-03", 41L, 52L, null,
                new BigDecimal("40"));
        assertThat(rules.check(s, "")).extracting(FieldError::pointer, FieldError::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/expected", "only a standardised-ratio metric takes expected;"
                        + " surgery-within-36h is a proportion metric"));
    }

    @Test
    void shouldRefuseAResultForAnotherPeriodThanTheMetricStates() {
        assertThat(rules.check(proportion("RXH", "2026-Q1", 1L, 2L), "/0")).extracting(FieldError::pointer,
                FieldError::detail).containsExactly(org.assertj.core.groups.Tuple.tuple("/0/period", "surgery-within-36h"
                        + " takes one result a month (for example 2025-03); 2026-Q1 is a quarter"));
        var monthOfAYearlyMetric = new ResultSubmission("nhfd", "length-of-stay", "RXH", null, "2025-06", null, null,
                BigDecimal.ONE);
        assertThat(rules.check(monthOfAYearlyMetric, "")).extracting(FieldError::detail).containsExactly(
                "length-of-stay takes one result a year (for example 2025); 2025-06 is a month");
    }

    @Test
    void shouldRefuseAPeriodThatHasNotBegun() {
        ResultRules onTheFirst = new ResultRules(new InMemoryCatalogue(List.of(hipFracture()), List.of(trust("RXH", "ward-10"))),
                java.time.LocalDate.of(2026, 11, 30));
        assertThat(onTheFirst.check(proportion("RXH", "2026-11", 1L, 2L), "")).isEmpty();
        assertThat(onTheFirst.check(new ResultSubmission("nhfd", "falls-per-1000-bed-days", "RXH", null, "2026-Q4", 12L,
                900L, null), "")).as("the current quarter has begun").isEmpty();
        assertThat(onTheFirst.check(proportion("RXH", "2026-12", 1L, 2L), "/4")).extracting(FieldError::pointer,
                FieldError::detail).containsExactly(org.assertj.core.groups.Tuple.tuple("/4/period", "period 2026-12 has"
                        + " not begun: results are for periods that started on or before 2026-11-30"));
        assertThat(onTheFirst.check(proportion("RXH", "2099-01", 1L, 2L), "")).extracting(FieldError::pointer)
                .containsExactly("/period");
        ResultRules withGrace = new ResultRules(new InMemoryCatalogue(List.of(hipFracture()), List.of(trust("RXH", "ward-10"))),
                java.time.LocalDate.of(2026, 11, 30).plusDays(5));
        assertThat(withGrace.check(proportion("RXH", "2026-12", 1L, 2L), "")).as("five days' grace").isEmpty();
    }

    private static ResultSubmission ratio(Long observed, Long patients, String expected) {
        return new ResultSubmission("nhfd", "mortality-30-day", "RXH", "ward-10", "2025-03", observed, patients, null,
                expected == null ? null : new BigDecimal(expected));
    }

    private static ResultSubmission proportion(String org, String period, Long numerator, Long denominator) {
        return new ResultSubmission("nhfd", "surgery-within-36h", org, "ward-10", period, numerator, denominator, null);
    }

    private static List<String> pointers(List<FieldError> errors) {
        return errors.stream().map(FieldError::pointer).toList();
    }

    private static Organisation trust(String code, String... microsystems) {
        Organisation o = new Organisation();
        o.code = code;
        o.type = Organisation.TRUST;
        for (String ms : microsystems) {
            Microsystem m = new Microsystem();
            m.code = ms;
            m.name = ms;
            o.microsystems.add(m);
        }
        return o;
    }

    private static Organisation college(String code) {
        Organisation o = new Organisation();
        o.code = code;
        o.type = Organisation.COLLEGE;
        return o;
    }

    /** The catalogue as plain objects: the rules are pure and tested without a database. */
    record InMemoryCatalogue(List<Audit> audits, List<Organisation> organisations) implements CatalogueLookup {
        @Override
        public Optional<Audit> audit(String code) {
            return audits.stream().filter(a -> a.code.equals(code)).findFirst();
        }

        @Override
        public Optional<Organisation> organisation(String code) {
            return organisations.stream().filter(o -> o.code.equals(code)).findFirst();
        }

        @Override
        public Optional<MeasureRef> measure(String canonicalUrl) {
            return audits.stream().flatMap(a -> a.metrics.stream().filter(m -> canonicalUrl.equals(m.fhirMeasure))
                    .map(m -> new MeasureRef(a.code, m.code))).findFirst();
        }
    }

    private static Audit hipFracture() {
        Audit audit = new Audit();
        audit.code = "nhfd";
        audit.metrics.add(metric("surgery-within-36h", MetricType.PROPORTION));
        audit.metrics.add(metric("length-of-stay", MetricType.VALUE));
        audit.metrics.get(1).granularity = "year";
        audit.metrics.add(metric("falls-per-1000-bed-days", MetricType.RATE));
        audit.metrics.get(2).granularity = "quarter";
        audit.metrics.add(metric("mortality-30-day", MetricType.STANDARDISED_RATIO));
        return audit;
    }

    private static Metric metric(String code, MetricType type) {
        Metric m = new Metric();
        m.code = code;
        m.title = code;
        m.type = type;
        m.direction = "higher-is-better";
        m.fhirMeasure = CatalogueRules.defaultFhirMeasure("nhfd", code);
        return m;
    }
}
