package uk.nhs.pdsa.findings.spc;

import uk.nhs.pdsa.metrics.ChartType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ControlChartTest {

    // Montgomery, Introduction to Statistical Quality Control, Example 7.1 (frozen orange juice cans):
    // 30 samples of n = 50, 347 nonconforming, p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524; samples 15 and 23 plot above the UCL.
    private static final int[] ORANGE_JUICE_NONCONFORMING = {12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
            8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6};

    @Test
    void shouldMatchMontgomeryExample7_1PChart() {
        List<Observation> samples = new ArrayList<>();
        for (int i = 0; i < ORANGE_JUICE_NONCONFORMING.length; i++) {
            samples.add(Observation.counted("sample " + (i + 1), ORANGE_JUICE_NONCONFORMING[i], 50));
        }
        List<ChartPoint> chart = ControlChart.compute(ChartType.P, samples);

        assertThat(chart.get(0).centre()).isCloseTo(0.2313, within(0.00005));
        assertThat(chart.get(0).upperLimit()).isCloseTo(0.4102, within(0.00005));
        assertThat(chart.get(0).lowerLimit()).isCloseTo(0.0524, within(0.00005));
        List<Integer> aboveUpper = IntStream.range(0, chart.size())
                .filter(i -> chart.get(i).isAboveUpperLimit()).map(i -> i + 1).boxed().toList();
        assertThat(aboveUpper).containsExactly(15, 23);
    }

    @Test
    void shouldClampPChartLimitsToZeroAndOne() {
        List<ChartPoint> chart = ControlChart.compute(ChartType.P,
                List.of(Observation.counted("a", 1, 2), Observation.counted("b", 2, 2), Observation.counted("c", 2, 2)));
        // p̄ = 5/6, sigma for n = 2 is 0.2635: 3-sigma limits would be 0.0428 and 1.6239.
        assertThat(chart.get(0).upperLimit()).isEqualTo(1.0);
        assertThat(chart.get(0).lowerLimit()).isCloseTo(0.0428, within(0.0001));
    }

    @Test
    void shouldWidenPChartLimitsForSmallerSamples() {
        List<ChartPoint> chart = ControlChart.compute(ChartType.P,
                List.of(Observation.counted("small", 10, 20), Observation.counted("large", 90, 180)));
        // p̄ = 100/200 = 0.5; sigma = sqrt(0.25/20) = 0.1118 and sqrt(0.25/180) = 0.0373.
        assertThat(chart.get(0).upperLimit()).isCloseTo(0.5 + 3 * 0.111803, within(0.00001));
        assertThat(chart.get(1).upperLimit()).isCloseTo(0.5 + 3 * 0.037268, within(0.00001));
        assertThat(chart.get(1).upperNear()).isCloseTo(0.5 + 2 * 0.037268, within(0.00001));
    }

    @Test
    void shouldComputeUChartLimitsPerExposureWithLowerLimitFlooredAtZero() {
        List<ChartPoint> chart = ControlChart.compute(ChartType.U, List.of(
                Observation.counted("a", 2, 100), Observation.counted("b", 4, 200), Observation.counted("c", 3, 100)));
        // ū = 9/400 = 0.0225; for exposure 100, sigma = sqrt(0.0225/100) = 0.015.
        assertThat(chart.get(0).centre()).isCloseTo(0.0225, within(1e-12));
        assertThat(chart.get(0).upperLimit()).isCloseTo(0.0675, within(1e-12));
        assertThat(chart.get(0).lowerLimit()).isZero();
        assertThat(chart.get(2).value()).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void shouldComputeXmrLimitsFromTheMeanMovingRange() {
        List<ChartPoint> chart = ControlChart.compute(ChartType.XMR, List.of(
                Observation.measured("1", 10), Observation.measured("2", 12), Observation.measured("3", 11),
                Observation.measured("4", 13), Observation.measured("5", 12)));
        // mean 11.6; moving ranges 2, 1, 2, 1 so MR̄ = 1.5; limits 11.6 ± 2.66 × 1.5 = 7.61 and 15.59.
        assertThat(chart.get(0).centre()).isCloseTo(11.6, within(1e-9));
        assertThat(chart.get(0).upperLimit()).isCloseTo(15.59, within(1e-9));
        assertThat(chart.get(0).lowerLimit()).isCloseTo(7.61, within(1e-9));
        assertThat(chart.get(0).upperNear()).isCloseTo(11.6 + 2 * 0.886667 * 1.5, within(1e-5));
    }
}
