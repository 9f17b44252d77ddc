package uk.nhs.pdsa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpcRulesTest {
    // Making Data Count uses runs of 6 or 7; the platform accepts 5 to 15.
    @ParameterizedTest
    @CsvSource({ "4, false", "5, true", "7, true", "15, true", "16, false" })
    void shouldAcceptRunLengthsFromFiveToFifteen(int points, boolean accepted) {
        assertThat(SpcRules.runLength("shiftLength", points).isEmpty()).isEqualTo(accepted);
        SpcRules.runLength("shiftLength", points).ifPresent(problem -> assertThat(problem).startsWith("shiftLength must be 5 to 15"));
    }

    // NHS England: limits from fewer than 12 points are provisional, so a baseline needs 12.
    @ParameterizedTest
    @CsvSource({ "11, false", "12, true", "1000, true", "1001, false" })
    void shouldAskABaselineOfAtLeastTwelvePoints(int points, boolean accepted) {
        assertThat(SpcRules.baseline(points).isEmpty()).isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource({ "proportion, pp, true", "proportion, u, false", "rate, c, true", "value, p, false", "value, bar, false" })
    void shouldAcceptOnlyAChartThatSuitsTheMetricType(String type, String chart, boolean accepted) {
        assertThat(SpcRules.chart(MetricType.fromCode(type), chart).isEmpty()).isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource({ "proportion", "rate", "value" })
    void shouldLeaveUnsetSettingsToTheDefaults(String type) {
        assertThat(SpcRules.chart(MetricType.fromCode(type), null)).isEmpty();
        assertThat(SpcRules.runLength("trendLength", null)).isEmpty();
        assertThat(SpcRules.baseline(null)).isEmpty();
    }
}
