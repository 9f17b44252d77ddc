package uk.nhs.pdsa.findings.spc;

import uk.nhs.pdsa.metrics.ChartType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Charts checked against published worked examples; each test names its source. */
class PublishedReferenceCasesTest {
    // Montgomery, Introduction to Statistical Quality Control, 7th ed., Example 7.1: 30 samples of n = 50.
    private static final int[] EXAMPLE_7_1 = {12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11,
            20, 18, 24, 15, 9, 12, 7, 13, 9, 6};
    // Montgomery, Example 7.3: nonconformities in 26 samples of 100 printed circuit boards.
    private static final int[] EXAMPLE_7_3 = {21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18,
            39, 30, 24, 16, 19, 17, 15};

    private static List<Observation> samples(int[] counts, int size) {
        List<Observation> samples = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            samples.add(Observation.counted(String.valueOf(i + 1), counts[i], size));
        }
        return samples;
    }

    private static SpcOptions excluding(String... labels) {
        return new SpcOptions(7, 7, false, true, null, List.of(), Set.of(labels));
    }

    @Test
    void shouldRecomputeTheExample7_1PChartWithoutTheAssignableCauses() {
        // Montgomery, Example 7.1 revised limits: samples 15 and 23 (assignable causes) left out of the limits.
        SpcAnalysis analysis = SpcAnalysis.of(ChartType.P, "lower-is-better", null, samples(EXAMPLE_7_1, 50),
                excluding("15", "23"));
        ChartPoint first = analysis.points().get(0);
        assertThat(first.centre()).isCloseTo(0.2150000, within(1e-7));
        assertThat(first.lowerLimit()).isCloseTo(0.04070284, within(1e-8));
        assertThat(first.upperLimit()).isCloseTo(0.38929716, within(1e-8));
        assertThat(analysis.points().get(14).excluded()).isTrue();
        List<Integer> beyond = analysis.signals().stream().filter(s -> s.rule() == SpecialCauseRule.BEYOND_LIMITS)
                .map(s -> s.from() + 1).toList();
        assertThat(beyond).containsExactly(15, 21, 23);
    }

    @Test
    void shouldMatchTheExample7_3CChartWithoutSamples6And20() {
        // Montgomery, Example 7.3: samples 6 and 20 have assignable causes; revised c̄ = 19.67, limits 6.36 and 32.97.
        List<ChartPoint> chart = ControlChart.compute(ChartType.C, samples(EXAMPLE_7_3, 100), excluding("6", "20"));
        assertThat(chart.get(0).centre()).isCloseTo(19.66666667, within(1e-8));
        assertThat(chart.get(0).lowerLimit()).isCloseTo(6.36253197, within(1e-8));
        assertThat(chart.get(0).upperLimit()).isCloseTo(32.97080136, within(1e-8));
        assertThat(chart.get(19).value()).isEqualTo(39.0);
        assertThat(chart.get(19).isAboveUpperLimit()).isTrue();
    }

    @Test
    void shouldScreenAnOutlyingMovingRangeOnceAndKeepTheMean() {
        // Making Data Count / Wheeler screening: one wild point inflates two moving ranges (8 and 9).
        double[] values = {1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1};
        List<Observation> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(Observation.measured(String.valueOf(i), values[i]));
        }
        ChartPoint screened = ControlChart.compute(ChartType.XMR, points).get(0);
        assertThat(ControlChart.XmR.meanMovingRange(values, true)).isCloseTo(1.0, within(1e-12));
        assertThat(screened.centre()).isCloseTo(1.944444, within(1e-6));
        assertThat(screened.lowerLimit()).isCloseTo(-0.715556, within(1e-6));
        assertThat(screened.upperLimit()).isCloseTo(4.604444, within(1e-6));

        ChartPoint unscreened = ControlChart.compute(ChartType.XMR, points,
                new SpcOptions(7, 7, false, false, null, List.of(), Set.of())).get(0);
        assertThat(ControlChart.XmR.meanMovingRange(values, false)).isCloseTo(1.882353, within(1e-6));
        assertThat(unscreened.lowerLimit()).isCloseTo(-3.062614, within(1e-6));
        assertThat(unscreened.upperLimit()).isCloseTo(6.951503, within(1e-6));
    }

    @Test
    void shouldGiveTheAnhojLimitsOfThePublishedTable() {
        // Anhøj and Olesen 2014, Table 1: useful points -> longest run above / fewest crossings below signals.
        int[][] table = {{10, 6, 2}, {20, 7, 6}, {24, 8, 8}, {30, 8, 10}, {40, 8, 14}, {50, 9, 19}};
        for (int[] row : table) {
            List<ChartPoint> alternating = IntStream.range(0, row[0])
                    .mapToObj(i -> new ChartPoint(String.valueOf(i), i % 2, 0.5, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, false, 0))
                    .toList();
            RunsAnalysis runs = RunsAnalysis.of(alternating);
            assertThat(runs.longestRunMax()).as("n = %d", row[0]).isEqualTo(row[1]);
            assertThat(runs.crossingsMin()).as("n = %d", row[0]).isEqualTo(row[2]);
            assertThat(runs.crossings()).isEqualTo(row[0] - 1);
            assertThat(runs.signal()).isFalse();
        }
    }
}
