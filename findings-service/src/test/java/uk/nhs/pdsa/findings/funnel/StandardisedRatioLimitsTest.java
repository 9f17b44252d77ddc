package uk.nhs.pdsa.findings.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact Poisson limits of a standardised ratio against FunnelPlotR's own published reference values
 * (nhs-r-community/FunnelPlotR, tests/testthat/test-poisson_limits.R: {@code calculate_limits} at expected 15, 20
 * and 30 with target 1, printed to 7 decimals for the lower limits and 6 for the upper ones).
 */
class StandardisedRatioLimitsTest {
    @ParameterizedTest
    @CsvSource({
            "15, 0.5596924, 1.649348, 0.3862650, 2.082907",
            "20, 0.6108260, 1.544419, 0.4479107, 1.902094",
            "30, 0.6746958, 1.427562, 0.5289724, 1.702771"})
    void shouldMatchFunnelPlotRsPoissonLimitsToThePrintedPrecision(double expected, double ll95, double ul95, double ll99,
            double ul99) {
        FunnelPlot.Limits limits = StandardisedRatioLimits.at(expected);
        assertThat(round(limits.alertLow(), 7)).isEqualTo(ll95);
        assertThat(round(limits.alertHigh(), 6)).isEqualTo(ul95);
        assertThat(round(limits.alarmLow(), 7)).isEqualTo(ll99);
        assertThat(round(limits.alarmHigh(), 6)).isEqualTo(ul99);
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "NaN", "Infinity"})
    void shouldRefuseAnExpectedCountThatIsNotPositive(double expected) {
        assertThatThrownBy(() -> StandardisedRatioLimits.at(expected)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double round(double value, int places) {
        return new java.math.BigDecimal(value).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
