package uk.nhs.pdsa.findings.spc;

import uk.nhs.pdsa.metrics.ChartType;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpcAnalysisTest {

    /** An XmR series: alternating around 50 (no signal), then the given tail. */
    private static List<Observation> series(int stablePoints, double... tail) {
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < stablePoints; i++) {
            observations.add(Observation.measured("p" + i, i % 2 == 0 ? 48 : 52));
        }
        for (int i = 0; i < tail.length; i++) {
            observations.add(Observation.measured("t" + i, tail[i]));
        }
        return observations;
    }

    private static List<Signal> signals(SpecialCauseRule rule, SpcAnalysis analysis) {
        return analysis.signals().stream().filter(s -> s.rule() == rule).toList();
    }

    @Test
    void shouldFlagEveryPointOfAShiftOfSeven() {
        SpcAnalysis a = SpcAnalysis.of(ChartType.XMR, "higher-is-better", series(14, 47, 47, 47, 47, 47, 47, 47));
        assertThat(signals(SpecialCauseRule.SHIFT, a)).containsExactly(new Signal(SpecialCauseRule.SHIFT, 14, 20, Side.LOW));
        assertThat(a.variations().subList(14, 21)).containsOnly(Variation.SPECIAL_CAUSE_CONCERN);
        assertThat(a.variations().get(13)).isEqualTo(Variation.COMMON_CAUSE);
        assertThat(a.latestVariation()).contains(Variation.SPECIAL_CAUSE_CONCERN);
    }

    @Test
    void shouldNotFlagSixPointsOnOneSide() {
        SpcAnalysis a = SpcAnalysis.of(ChartType.XMR, "higher-is-better", series(14, 47, 47, 47, 47, 47, 47));
        assertThat(signals(SpecialCauseRule.SHIFT, a)).isEmpty();
        assertThat(a.latestVariation()).contains(Variation.COMMON_CAUSE);
    }

    @Test
    void shouldBreakAShiftAtAPointOnTheCentreLine() {
        List<Observation> points = new ArrayList<>();
        double[] values = {47, 47, 47, 50, 47, 47, 47, 47, 53, 53, 53, 50, 53, 53, 53, 53};
        for (int i = 0; i < values.length; i++) {
            points.add(Observation.measured("m" + i, values[i]));
        }
        // The mean is exactly 50: the points equal to 50 lie on the centre line and split both runs of 7 into 3 + 4.
        SpcAnalysis a = SpcAnalysis.of(ChartType.XMR, "neutral", points);
        assertThat(a.points().get(3).centre()).isEqualTo(50.0);
        assertThat(signals(SpecialCauseRule.SHIFT, a)).isEmpty();
    }

    @Test
    void shouldFlagATrendOfSevenRisingPointsAndBreakItOnATie() {
        SpcAnalysis rising = SpcAnalysis.of(ChartType.XMR, "lower-is-better", series(12, 45, 46, 47, 48, 49, 50, 51));
        assertThat(signals(SpecialCauseRule.TREND, rising)).containsExactly(new Signal(SpecialCauseRule.TREND, 12, 18, Side.HIGH));
        assertThat(rising.latestVariation()).contains(Variation.SPECIAL_CAUSE_CONCERN);

        SpcAnalysis tied = SpcAnalysis.of(ChartType.XMR, "lower-is-better", series(12, 45, 46, 47, 47, 49, 50, 51));
        assertThat(signals(SpecialCauseRule.TREND, tied)).isEmpty();
    }

    @Test
    void shouldOrientAPointBeyondTheUpperLimitByDirection() {
        assertThat(SpcAnalysis.of(ChartType.XMR, "higher-is-better", series(14, 90)).latestVariation())
                .contains(Variation.SPECIAL_CAUSE_IMPROVEMENT);
        assertThat(SpcAnalysis.of(ChartType.XMR, "lower-is-better", series(14, 90)).latestVariation())
                .contains(Variation.SPECIAL_CAUSE_CONCERN);
        assertThat(SpcAnalysis.of(ChartType.XMR, "neutral", series(14, 90)).latestVariation())
                .contains(Variation.SPECIAL_CAUSE_NEUTRAL);
    }

    @Test
    void shouldDeriveNoVariationFromFewerThanTwelvePoints() {
        SpcAnalysis a = SpcAnalysis.of(ChartType.XMR, "higher-is-better", series(4, 20, 20, 20, 20, 20, 20, 20));
        assertThat(a.provisional()).isTrue();
        assertThat(a.points()).hasSize(11);
        assertThat(a.signals()).isEmpty();
        assertThat(a.latestVariation()).isEmpty();
    }
}
