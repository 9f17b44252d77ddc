package uk.nhs.pdsa.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SampleDataTest {
    private final List<SampleData.Result> results = SampleData.results();

    @Test
    void shouldBeTheSameOnEveryRun() {
        assertThat(SampleData.results()).isEqualTo(results);
    }

    @Test
    void shouldCoverTwelveTrustsWithTwoToFourMicrosystemsForThirtySixMonths() {
        assertThat(results.stream().map(SampleData.Result::organisation).distinct()).hasSize(12);
        Map<String, Long> microsystemsPerTrust = results.stream().collect(Collectors.groupingBy(
                SampleData.Result::organisation, Collectors.mapping(SampleData.Result::microsystem,
                        Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        assertThat(microsystemsPerTrust.values()).allSatisfy(n -> assertThat(n).isBetween(2L, 4L));
        assertThat(results.stream().map(SampleData.Result::period).distinct().sorted().toList())
                .hasSize(36).startsWith("2023-01").endsWith("2025-12");
        assertThat(results).allSatisfy(r -> assertThat(r.numerator()).isBetween(0L, r.denominator()));
    }

    @Test
    void shouldPlantAShiftInOneMicrosystem() {
        List<Double> proportions = results.stream()
                .filter(r -> r.audit().equals("nhfd") && r.metric().equals("surgery-within-36h")
                        && r.organisation().equals(SampleData.SHIFT_TRUST) && r.microsystem().equals(SampleData.SHIFT_MICROSYSTEM))
                .map(r -> (double) r.numerator() / r.denominator()).toList();
        double before = proportions.subList(0, 27).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double after = proportions.subList(27, 36).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(before).isBetween(0.80, 0.88);
        assertThat(after).isBetween(0.55, 0.69);
        assertThat(proportions.subList(27, 36)).allSatisfy(p -> assertThat(p).isLessThan(before));
    }

    @Test
    void shouldPlantAMortalityOutlierTrustThatCaseMixDoesNotExplain() {
        List<SampleData.Result> mortality = results.stream()
                .filter(r -> r.audit().equals("nhfd") && r.metric().equals("mortality-30-day")).toList();
        Map<String, Double> raw = mortality.stream().collect(Collectors.groupingBy(SampleData.Result::organisation,
                Collectors.collectingAndThen(Collectors.toList(), rs -> (double) rs.stream()
                        .mapToLong(SampleData.Result::numerator).sum() / rs.stream().mapToLong(SampleData.Result::denominator).sum())));
        Map<String, Double> ratio = mortality.stream().collect(Collectors.groupingBy(SampleData.Result::organisation,
                Collectors.collectingAndThen(Collectors.toList(), rs -> rs.stream().mapToLong(SampleData.Result::numerator)
                        .sum() / rs.stream().mapToDouble(r -> r.expected().doubleValue()).sum())));
        assertThat(raw.get(SampleData.OUTLIER_TRUST)).isGreaterThan(0.11);
        assertThat(ratio.get(SampleData.OUTLIER_TRUST)).isGreaterThan(1.8);
        // The older population dies more often, as its patients' risks predict: high raw, about 1 adjusted.
        assertThat(raw.get(SampleData.OLDER_TRUST)).isBetween(0.085, 0.105);
        ratio.forEach((trust, r) -> {
            if (!trust.equals(SampleData.OUTLIER_TRUST)) {
                assertThat(r).as(trust).isBetween(0.9, 1.1);
                assertThat(raw.get(trust)).as(trust).isBetween(0.05, trust.equals(SampleData.OLDER_TRUST) ? 0.105 : 0.08);
            }
        });
        // Expected deaths: the patients' summed predicted risks, to 2 decimals; proportions carry none.
        assertThat(mortality).allSatisfy(r -> assertThat(r.expected()).isEqualByComparingTo(java.math.BigDecimal.valueOf(
                r.denominator() * SampleData.HIP_FRACTURE.predictedRisk(r.organisation()))
                .setScale(2, java.math.RoundingMode.HALF_UP)));
        assertThat(results).filteredOn(r -> r.audit().equals("nela") && r.metric().equals("mortality-30-day"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.expected()).isEqualByComparingTo(
                        SampleData.LAPAROTOMY.expected(r.organisation(), r.denominator())));
        assertThat(results).filteredOn(r -> !r.metric().equals("mortality-30-day"))
                .allSatisfy(r -> assertThat(r.expected()).isNull());
    }

    @Test
    void shouldWriteBatchesTheIngestApiReads() {
        String json = SampleDataLoader.Json.results(results.subList(0, 2));
        assertThat(SampleDataLoader.Json.results(results.stream().filter(r -> r.expected() != null).limit(1).toList()))
                .matches("\\[\\{.*\"numerator\":\\d+,\"denominator\":\\d+,\"expected\":\\d+\\.\\d{2}}]");
        assertThat(json).startsWith("[{\"audit\":\"nhfd\"").contains("\"period\":\"2023-01\"").endsWith("}]");
        assertThat(SampleDataLoader.Json.audit(SampleData.AUDITS.get(0)))
                .contains("\"target\":0.85", "\"direction\":\"lower-is-better\"", "\"type\":\"standardised-ratio\"")
                .endsWith(",\"outliers\":{\"analysisPeriod\":\"calendar-year\",\"submissionsCloseAfter\":20,"
                        + "\"metrics\":[\"mortality-30-day\"]}}");
        assertThat(SampleDataLoader.Json.audit(SampleData.AUDITS.get(1))).doesNotContain("outliers");
        assertThat(SampleDataLoader.Json.longField("{\"received\":3,\"created\":12,\"x\":1}", "created")).isEqualTo(12);
    }
}
