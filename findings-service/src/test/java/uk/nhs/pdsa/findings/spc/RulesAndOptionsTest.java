package uk.nhs.pdsa.findings.spc;

import uk.nhs.pdsa.metrics.ChartType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RulesAndOptionsTest {

    private static List<ChartPoint> fixedLimits(double... values) {
        List<ChartPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new ChartPoint(String.valueOf(i), values[i], 0, -3, 3, -2, 2, false, 0));
        }
        return points;
    }

    private static SpcOptions options(int trend, int shift, boolean countBeyondThree, Integer baseline,
            List<String> rebaseAt) {
        return new SpcOptions(trend, shift, countBeyondThree, true, baseline, rebaseAt, Set.of());
    }

    @Test
    void shouldFlagTwoOfThreeBetweenTwoAndThreeSigmaOnOneSide() {
        List<ChartPoint> points = fixedLimits(0, 2.5, 0, 2.6, 0, 0, 3.5, 2.5, 0, -2.2, -2.4, 0);
        List<Signal> signals = SpecialCauseRule.TWO_OF_THREE.apply(points, SpcOptions.DEFAULTS);
        assertThat(signals).extracting(Signal::from, Signal::to, Signal::side).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 3, Side.HIGH),
                org.assertj.core.groups.Tuple.tuple(9, 10, Side.LOW));
    }

    @Test
    void shouldCountPointsBeyondThreeSigmaWhenAsked() {
        List<ChartPoint> points = fixedLimits(0, 0, 0, 3.5, 2.5, 0);
        assertThat(SpecialCauseRule.TWO_OF_THREE.apply(points, SpcOptions.DEFAULTS)).isEmpty();
        assertThat(SpecialCauseRule.TWO_OF_THREE.apply(points, options(7, 7, true, null, List.of())))
                .extracting(Signal::from, Signal::to).containsExactly(org.assertj.core.groups.Tuple.tuple(3, 4));
    }

    @Test
    void shouldHonourSixPointShiftsAndTrendsWhenConfigured() {
        List<ChartPoint> six = fixedLimits(-0.1, 1, 1, 1, 1, 1, 1, -0.5);
        assertThat(SpecialCauseRule.SHIFT.apply(six, SpcOptions.DEFAULTS)).isEmpty();
        assertThat(SpecialCauseRule.SHIFT.apply(six, options(7, 6, false, null, List.of())))
                .extracting(Signal::from, Signal::to).containsExactly(org.assertj.core.groups.Tuple.tuple(1, 6));
        List<ChartPoint> rising = fixedLimits(-1, -0.8, -0.6, -0.4, -0.2, 0.0, -1);
        assertThat(SpecialCauseRule.TREND.apply(rising, SpcOptions.DEFAULTS)).isEmpty();
        assertThat(SpecialCauseRule.TREND.apply(rising, options(6, 7, false, null, List.of())))
                .extracting(Signal::from, Signal::to).containsExactly(org.assertj.core.groups.Tuple.tuple(0, 5));
    }

    @Test
    void shouldWidenLaneyPPrimeLimitsByTheSpreadOfTheZScores() {
        // p̄ = 80/400 = 0.2, σᵢ = 0.04; z = −2.5, 0, 2.5, 0; mean |Δz| = 2.5, σz = 2.5/1.128 = 2.216312;
        // limits 0.2 ± 3 × 0.04 × 2.216312: upper 0.465957, lower clamped to 0 (the p chart's would be 0.32 / 0.08).
        List<Observation> samples = List.of(Observation.counted("1", 10, 100), Observation.counted("2", 20, 100),
                Observation.counted("3", 30, 100), Observation.counted("4", 20, 100));
        ChartPoint laney = ControlChart.compute(ChartType.PP, samples).get(0);
        assertThat(laney.centre()).isCloseTo(0.2, within(1e-12));
        assertThat(laney.upperLimit()).isCloseTo(0.46595745, within(1e-8));
        assertThat(laney.lowerLimit()).isZero();
        assertThat(ControlChart.compute(ChartType.P, samples).get(0).upperLimit()).isCloseTo(0.32, within(1e-12));
    }

    @Test
    void shouldWidenLaneyUPrimeLimitsLikewise() {
        // ū = 30/3000 = 0.01, σᵢ = √(0.01/1000); z = −1.5811, 1.5811, 0; σz = 2.102578; upper 0.02994681.
        List<Observation> wards = List.of(Observation.counted("1", 5, 1000), Observation.counted("2", 15, 1000),
                Observation.counted("3", 10, 1000));
        ChartPoint laney = ControlChart.compute(ChartType.UP, wards).get(0);
        assertThat(laney.upperLimit()).isCloseTo(0.02994681, within(1e-8));
        assertThat(laney.lowerLimit()).isZero();
    }

    @Test
    void shouldFreezeLimitsAfterTheBaseline() {
        List<Observation> series = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            series.add(Observation.measured(String.valueOf(i), i < 12 ? (i % 2 == 0 ? 9 : 11) : 20));
        }
        SpcAnalysis frozen = SpcAnalysis.of(ChartType.XMR, "higher-is-better", null, series,
                options(7, 7, false, 12, List.of()));
        assertThat(frozen.points().get(19).centre()).isCloseTo(10, within(1e-12));
        assertThat(frozen.points().get(19).upperLimit()).isCloseTo(10 + 2.66 * 2, within(1e-12));
        assertThat(frozen.latestVariation()).contains(Variation.SPECIAL_CAUSE_IMPROVEMENT);
        SpcAnalysis moving = SpcAnalysis.of(ChartType.XMR, "higher-is-better", null, series, SpcOptions.DEFAULTS);
        assertThat(moving.points().get(19).centre()).isCloseTo(14, within(1e-12));
    }

    @Test
    void shouldGiveEachSegmentItsOwnLimitsAfterARebase() {
        List<Observation> series = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double level = i < 12 ? 10 : 20;
            series.add(Observation.measured("m" + i, level + (i % 2 == 0 ? -1 : 1)));
        }
        SpcAnalysis rebased = SpcAnalysis.of(ChartType.XMR, "higher-is-better", null, series,
                options(7, 7, false, null, List.of("m12")));
        assertThat(rebased.points().get(0).centre()).isCloseTo(10, within(1e-12));
        assertThat(rebased.points().get(23).centre()).isCloseTo(20, within(1e-12));
        assertThat(rebased.points().get(23).segment()).isEqualTo(1);
        assertThat(rebased.signals()).isEmpty();
        SpcAnalysis single = SpcAnalysis.of(ChartType.XMR, "higher-is-better", null, series, SpcOptions.DEFAULTS);
        assertThat(single.signals()).extracting(s -> s.rule()).contains(SpecialCauseRule.SHIFT);
    }

    @Test
    void shouldDeriveTheAssuranceIconFromTheTargetAndTheLatestLimits() {
        ChartPoint latest = new ChartPoint("x", 0.9, 0.9, 0.86, 0.94, 0.87, 0.93, false, 0);
        assertThat(Assurance.of(latest, 0.85, "higher-is-better")).isEqualTo(Assurance.CONSISTENTLY_PASSING);
        assertThat(Assurance.of(latest, 0.95, "higher-is-better")).isEqualTo(Assurance.CONSISTENTLY_FAILING);
        assertThat(Assurance.of(latest, 0.90, "higher-is-better")).isEqualTo(Assurance.INCONSISTENT);
        assertThat(Assurance.of(latest, 0.95, "lower-is-better")).isEqualTo(Assurance.CONSISTENTLY_PASSING);
        assertThat(Assurance.of(latest, 0.85, "lower-is-better")).isEqualTo(Assurance.CONSISTENTLY_FAILING);
        assertThat(Assurance.of(latest, null, "higher-is-better")).isEqualTo(Assurance.NONE);
        assertThat(Assurance.of(latest, 0.85, "neutral")).isEqualTo(Assurance.NONE);
    }

    @Test
    void shouldSignalARunChartWithTooFewCrossings() {
        // 1..14 against its median 7.5: one crossing; Binomial(13, 0.5) 5th percentile is 4.
        List<Observation> series = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            series.add(Observation.measured(String.valueOf(i), i));
        }
        SpcAnalysis run = SpcAnalysis.of(ChartType.RUN, "higher-is-better", 5.0, series, SpcOptions.DEFAULTS);
        assertThat(run.points().get(0).centre()).isEqualTo(7.5);
        assertThat(run.points().get(0).hasLimits()).isFalse();
        assertThat(run.runs().crossings()).isEqualTo(1);
        assertThat(run.runs().crossingsMin()).isEqualTo(4);
        assertThat(run.runs().longestRun()).isEqualTo(7);
        assertThat(run.runs().longestRunMax()).isEqualTo(7);
        assertThat(run.runs().signal()).isTrue();
        assertThat(run.assurance()).isEqualTo(Assurance.NONE);
    }

    @Test
    void shouldShowProvisionalLimitsWithoutIconsBelowTwelvePoints() {
        List<Observation> series = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            series.add(Observation.counted(String.valueOf(i), i == 10 ? 45 : 20, 50));
        }
        SpcAnalysis analysis = SpcAnalysis.of(ChartType.P, "higher-is-better", 0.3, series, SpcOptions.DEFAULTS);
        assertThat(analysis.provisional()).isTrue();
        assertThat(analysis.points().get(10).hasLimits()).isTrue();
        assertThat(analysis.latestVariation()).isEmpty();
        assertThat(analysis.assurance()).isEqualTo(Assurance.NONE);
        assertThat(analysis.signals()).isEmpty();
    }
}
