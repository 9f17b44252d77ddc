package uk.nhs.pdsa.findings.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The standardised-ratio funnel against FunnelPlotR's own published reference values (nhs-r-community/FunnelPlotR):
 * the exact Poisson limits of tests/testthat/test-poisson_limits.R ({@code calculate_limits} at expected 15, 20 and
 * 30 with target 1, printed to 7 decimals for the lower limits and 6 for the upper ones), and the dispersion ratio
 * of tests/testthat/test-classes_methods.R ({@code funnel_plot} of observed 100, 150, 180, 80, 120, 225 against
 * expected 108, 112, 165, 95, 100, 220 with the SR defaults: {@code phi} printed as 2.948033).
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

    private static final List<FunnelPlot.Unit> FUNNELPLOTR_EXAMPLE = List.of(unit("a", 100, 108), unit("b", 150, 112),
            unit("c", 180, 165), unit("d", 80, 95), unit("e", 120, 100), unit("f", 225, 220));

    @Test
    void shouldEstimateOverdispersionAsFunnelPlotRDoesForItsStandardisedRatioExample() {
        FunnelPlot.Result additive = FunnelPlot.compute(FunnelPlot.Type.STANDARDISED_RATIO, FUNNELPLOTR_EXAMPLE,
                FunnelPlot.Method.ADDITIVE);
        assertThat(round(additive.overdispersion().phi(), 6)).isEqualTo(2.948033);
        assertThat(additive.target()).isEqualTo(1.0);
        // τ² = (Iφ − (I − 1)) / (ΣE − ΣE²/ΣE) with all six kept (none truncated at 10 % of 6 units): 0.0194775.
        assertThat(round(additive.overdispersion().tau2(), 7)).isEqualTo(0.0194775);
        FunnelPlot.UnitResult e = additive.units().get(4);
        assertThat(e.value()).isEqualTo(1.2);
        // FunnelPlotR's OD limits at E = 100: exp(±1.959964·√(1/100 + τ²)).
        assertThat(round(e.limits().alertLow(), 6)).isEqualTo(0.714261);
        assertThat(round(e.limits().alertHigh(), 6)).isEqualTo(1.400048);
        assertThat(round(e.limits().alarmHigh(), 6)).isEqualTo(1.699888);
        assertThat(e.classification()).isEqualTo(FunnelPlot.Classification.WITHIN);
        // FunnelPlotR's own check: the unadjusted 95 % lower limit of e lies above the adjusted one.
        FunnelPlot.Result exact = FunnelPlot.compute(FunnelPlot.Type.STANDARDISED_RATIO, FUNNELPLOTR_EXAMPLE,
                FunnelPlot.Method.NONE);
        assertThat(exact.units().get(4).limits().alertLow()).isGreaterThan(e.limits().alertLow());
        assertThat(exact.units().get(4).limits()).isEqualTo(StandardisedRatioLimits.at(100));
        // Unadjusted, b (150 observed against 112 expected, z = √112 · ln(150/112) = 3.09) lies beyond the 99.8 % limit.
        assertThat(exact.units().get(1).classification()).isEqualTo(FunnelPlot.Classification.ALARM_HIGH);
        assertThat(exact.units().get(1).z()).isCloseTo(3.0917, org.assertj.core.data.Offset.offset(1e-4));
        // Allowing for the spread between providers, b is within: ln(150/112) / √(1/112 + τ²) = 1.733.
        assertThat(additive.units().get(1).z()).isCloseTo(1.7333, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(additive.units().get(1).classification()).isEqualTo(FunnelPlot.Classification.WITHIN);
    }

    @Test
    void shouldTruncateTheLowestAndHighestTenthBeforeEstimatingOverdispersion() {
        double[] z = {-5, -1, -0.5, 0, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 9};
        boolean[] kept = FunnelPlot.untruncated(z);
        // Ranks 1 and 12 of 12 fall in groups ⌊10/13⌋ = 0 and ⌊120/13⌋ = 9: dropped; the rest are kept.
        assertThat(kept[0]).isFalse();
        assertThat(kept[11]).isFalse();
        for (int i = 1; i < 11; i++) {
            assertThat(kept[i]).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "NaN", "Infinity"})
    void shouldRefuseAnExpectedCountThatIsNotPositive(double expected) {
        assertThatThrownBy(() -> StandardisedRatioLimits.at(expected)).isInstanceOf(IllegalArgumentException.class);
    }

    private static FunnelPlot.Unit unit(String id, long observed, double expected) {
        return new FunnelPlot.Unit(id, observed, 0, expected);
    }

    private static double round(double value, int places) {
        return new java.math.BigDecimal(value).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
