package uk.nhs.pdsa.findings.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.SpcOptions;
import uk.nhs.pdsa.findings.spc.Variation;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.metrics.SpcRules;

/**
 * A stored series' limits come from a 20-point baseline (Making Data Count) unless the catalogue says otherwise: a
 * later fall cannot pull the centre line towards itself and make ordinary months look like improvement.
 */
class SeriesAnalyserTest {
    /** The sample's planted shift: 27 months alternating 41 and 43 of 50 (84 %), then 9 months at 31 of 50 (62 %). */
    private static List<SeriesPoint> plantedShift() {
        List<SeriesPoint> points = new ArrayList<>();
        for (int m = 0; m < 36; m++) {
            YearMonth month = YearMonth.of(2023, 1).plusMonths(m);
            long numerator = m >= 27 ? 31 : m % 2 == 0 ? 41 : 43;
            points.add(new SeriesPoint("nhfd/surgery-within-36h/RXH/trauma-ward-2", month.toString(), month.atDay(1),
                    "nhfd", "surgery-within-36h", "RXH", "trauma-ward-2", MetricType.PROPORTION, "higher-is-better", null,
                    numerator, 50L, null, null));
        }
        return points;
    }

    @Test
    void shouldTakeTheLimitsFromTheFirstTwentyPointsByDefault() {
        SpcAnalysis chart = SeriesAnalyser.analyse(plantedShift(), Optional.empty());
        assertThat(chart.baselinePoints()).isEqualTo(SpcRules.DEFAULT_BASELINE_POINTS).isEqualTo(20);
        // p̄ of the first 20 months: (10 × 41 + 10 × 43) / 1000 = 0.84, for every point, the shift's too.
        assertThat(chart.points()).allSatisfy(p -> assertThat(p.centre()).isCloseTo(0.84, within(1e-9)));
        // Month 27 (41 of 50, below the centre) opens the run of ten below it that the fall completes.
        assertThat(chart.variations().subList(0, 26)).containsOnly(Variation.COMMON_CAUSE);
        assertThat(chart.variations().subList(26, 36)).containsOnly(Variation.SPECIAL_CAUSE_CONCERN);
    }

    @Test
    void shouldShowWhyAllPointLimitsMislead() {
        // The same series with limits from all 36 points: the centre falls to about 0.785, so the steady months
        // before the fall sit above it for long enough to read as special cause improvement.
        List<SeriesPoint> points = plantedShift();
        SpcAnalysis everyPoint = SpcAnalysis.of(uk.nhs.pdsa.metrics.ChartType.P, "higher-is-better", null,
                IntStream.range(0, points.size()).mapToObj(i -> uk.nhs.pdsa.findings.spc.Observation.counted(
                        points.get(i).period(), points.get(i).numerator(), points.get(i).denominator())).toList(),
                SpcOptions.DEFAULTS);
        assertThat(everyPoint.points().get(0).centre()).isCloseTo((14 * 41 + 13 * 43 + 9 * 31) / 1800.0, within(1e-9));
        assertThat(everyPoint.variations().subList(0, 27)).contains(Variation.SPECIAL_CAUSE_IMPROVEMENT);
    }

    @Test
    void shouldChartAStandardisedRatioAsAUChartOfObservedOverExpected() {
        // 24 months of 6 deaths where 4.8 were expected (and 60 patients): O/E = 1.25 every month, ū = ΣO/ΣE = 1.25,
        // limits ū ± 3√(ū/E) with E = 4.8 as the area of opportunity (Montgomery §7.3.1).
        List<SeriesPoint> points = new ArrayList<>();
        for (int m = 0; m < 24; m++) {
            YearMonth month = YearMonth.of(2024, 1).plusMonths(m);
            points.add(new SeriesPoint("nhfd/mortality-30-day/RJ1", month.toString(), month.atDay(1), "nhfd",
                    "mortality-30-day", "RJ1", null, MetricType.STANDARDISED_RATIO, "lower-is-better", null, 6L, 60L,
                    null, new java.math.BigDecimal("4.8")));
        }
        SpcAnalysis chart = SeriesAnalyser.analyse(points, Optional.empty());
        assertThat(chart.chart()).isEqualTo(uk.nhs.pdsa.metrics.ChartType.U);
        assertThat(chart.points()).allSatisfy(p -> {
            assertThat(p.value()).isCloseTo(1.25, within(1e-12));
            assertThat(p.centre()).isCloseTo(1.25, within(1e-12));
            assertThat(p.upperLimit()).isCloseTo(1.25 + 3 * Math.sqrt(1.25 / 4.8), within(1e-12));
        });
    }
}
