package uk.nhs.pdsa.findings.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.findings.funnel.FunnelPlot.Classification;
import uk.nhs.pdsa.findings.funnel.FunnelPlot.Method;
import uk.nhs.pdsa.findings.funnel.FunnelPlot.Type;
import uk.nhs.pdsa.findings.funnel.FunnelPlot.Unit;

class FunnelPlotTest {
    // The reference case of the findings issue: 12 units, 166 events in 1,990 cases.
    private static final long[] NUMERATORS = {4, 9, 14, 6, 39, 12, 3, 17, 9, 11, 30, 12};
    private static final long[] DENOMINATORS = {45, 120, 210, 88, 300, 156, 67, 240, 99, 180, 410, 75};

    private static List<Unit> units() {
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < NUMERATORS.length; i++) {
            units.add(new Unit(String.valueOf(i + 1), NUMERATORS[i], DENOMINATORS[i]));
        }
        return units;
    }

    @Test
    void shouldGiveTheExactInterpolatedBinomialLimits() {
        FunnelPlot.Result result = FunnelPlot.compute(Type.PROPORTION, units(), Method.AUTO);
        assertThat(result.target()).isCloseTo(0.0834170854, within(1e-10));
        FunnelPlot.Limits at300 = result.units().get(4).limits();
        assertThat(at300.alarmLow()).isCloseTo(0.036754, within(1e-6));
        assertThat(at300.alertLow()).isCloseTo(0.051701, within(1e-6));
        assertThat(at300.alertHigh()).isCloseTo(0.114393, within(1e-6));
        assertThat(at300.alarmHigh()).isCloseTo(0.134957, within(1e-6));
    }

    @Test
    void shouldEstimateOverdispersionAndChooseNoneWhenItIsNotSignificant() {
        FunnelPlot.Result result = FunnelPlot.compute(Type.PROPORTION, units(), Method.AUTO);
        assertThat(result.overdispersion().phi()).isCloseTo(1.182881, within(1e-6));
        assertThat(result.overdispersion().tau2()).isCloseTo(0.00013890, within(1e-8));
        // I·φ̂ = 14.19 is below the 95th percentile of χ²(11), 19.68: no adjustment.
        assertThat(result.overdispersion().method()).isEqualTo(Method.NONE);
        assertThat(result.units()).extracting(u -> u.unit().id() + ":" + u.classification().code()).containsExactly(
                "1:within", "2:within", "3:within", "4:within", "5:alert-high", "6:within", "7:within", "8:within",
                "9:within", "10:within", "11:within", "12:alert-high");
    }

    @Test
    void shouldWidenTheLimitsUnderEachOverdispersionMethod() {
        FunnelPlot.Result none = FunnelPlot.compute(Type.PROPORTION, units(), Method.NONE);
        FunnelPlot.Result multiplicative = FunnelPlot.compute(Type.PROPORTION, units(), Method.MULTIPLICATIVE);
        FunnelPlot.Result additive = FunnelPlot.compute(Type.PROPORTION, units(), Method.ADDITIVE);
        double theta = none.target();
        double s = Math.sqrt(theta * (1 - theta) / 300);
        assertThat(multiplicative.units().get(4).limits().alertHigh())
                .isCloseTo(theta + 1.959964 * Math.sqrt(1.182881) * s, within(1e-6));
        assertThat(additive.units().get(4).limits().alarmHigh())
                .isCloseTo(theta + 3.090232 * Math.sqrt(s * s + 0.00013890), within(1e-6));
        assertThat(multiplicative.overdispersion().method()).isEqualTo(Method.MULTIPLICATIVE);
    }

    @Test
    void shouldUsePoissonLimitsForRates() {
        // 3 events in 1,000 bed days against θ₀ = 5 per 1,000: the 2.5 % limit at n = 1,000 comes from Poisson(5).
        List<Unit> wards = List.of(new Unit("a", 3, 1000), new Unit("b", 7, 1000), new Unit("c", 5, 1000),
                new Unit("d", 15, 1000));
        FunnelPlot.Result result = FunnelPlot.compute(Type.RATE, wards, Method.NONE);
        assertThat(result.target()).isCloseTo(0.0075, within(1e-12));
        // Poisson(7.5): F(2) = 0.0202567, F(3) = 0.0591455; r = 3, α = (F(3) − 0.025)/(F(3) − F(2)) = 0.8780294.
        assertThat(result.units().get(0).limits().alertLow()).isCloseTo(0.0021219706, within(1e-9));
        assertThat(result.units().get(3).classification()).isEqualTo(Classification.ALERT_HIGH);
    }

    @Test
    void shouldInterpolateQuantilesAsRDoes() {
        // R: quantile(c(1, 2, 3, 4, 10), c(0.1, 0.9)) = 1.4, 7.6
        double[] values = {10, 1, 3, 2, 4};
        assertThat(FunnelPlot.quantile(values, 0.1)).isCloseTo(1.4, within(1e-12));
        assertThat(FunnelPlot.quantile(values, 0.9)).isCloseTo(7.6, within(1e-12));
    }

    @Test
    void shouldDrawACurveAcrossTheDenominators() {
        FunnelPlot.Result result = FunnelPlot.compute(Type.PROPORTION, units(), Method.NONE);
        assertThat(result.curve()).hasSize(60);
        assertThat(result.curve().get(0).denominator()).isEqualTo(23.0);
        assertThat(result.curve().get(59).denominator()).isEqualTo(492.0);
        // The funnel narrows as the denominator grows.
        assertThat(result.curve().get(59).limits().alarmHigh()).isLessThan(result.curve().get(0).limits().alarmHigh());
    }

    @Test
    void shouldRefuseImpossibleInput() {
        assertThatThrownBy(() -> FunnelPlot.compute(Type.PROPORTION, List.of(new Unit("a", 5, 4), new Unit("b", 1, 2)),
                Method.NONE)).hasMessageContaining("cannot exceed");
        assertThatThrownBy(() -> new Unit("a", -1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FunnelPlot.compute(Type.PROPORTION, List.of(new Unit("a", 1, 4)), Method.NONE))
                .hasMessageContaining("at least 2");
    }
}
