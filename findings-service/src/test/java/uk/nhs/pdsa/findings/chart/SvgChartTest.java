package uk.nhs.pdsa.findings.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.model.SpcChart;
import uk.nhs.pdsa.findings.spc.Observation;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.SpcOptions;
import uk.nhs.pdsa.metrics.ChartType;

class SvgChartTest {
    private static final Pattern Y_LABEL = Pattern.compile("<text class=\"y-label\"[^>]*>([^<]*)</text>");

    /** 20 months of a proportion near 96 %: the axis must stop at 100 % and read in round percentages. */
    private static SpcChart proportionNearTheTop() {
        List<Observation> observations = new ArrayList<>();
        List<Long> numerators = new ArrayList<>();
        List<Long> denominators = new ArrayList<>();
        for (int month = 1; month <= 20; month++) {
            long numerator = month > 16 ? 160 : 192;
            observations.add(Observation.counted("month " + month, numerator, 200));
            numerators.add(numerator);
            denominators.add(200L);
        }
        SpcAnalysis analysis = SpcAnalysis.of(ChartType.P, "higher-is-better", 0.95, observations, SpcOptions.DEFAULTS);
        return SpcChart.of("Surgery within 36 hours (National Hip Fracture Database), RXH",
                new SpcChart.Subject(new SeriesKey("nhfd", "surgery-within-36h", "RXH", null), "Surgery within 36 hours",
                        "proportion"), analysis, numerators, denominators);
    }

    @Test
    void shouldReadAProportionInRoundPercentagesOnAnAxisThatStopsAtOneHundred() {
        String svg = SvgChart.spc(proportionNearTheTop());
        List<String> ticks = new ArrayList<>();
        Matcher m = Y_LABEL.matcher(svg);
        while (m.find()) {
            ticks.add(m.group(1));
        }
        assertThat(ticks).isNotEmpty().allMatch(t -> t.matches("\\d+%"));
        assertThat(ticks.stream().mapToInt(t -> Integer.parseInt(t.replace("%", ""))).max().orElseThrow())
                .isLessThanOrEqualTo(100);
        assertThat(svg).contains("<title>Surgery within 36 hours (National Hip Fracture Database), RXH</title>",
                ">Surgery within 36 hours</text>", "class=\"legend\"", ">Control limits<", ">Target<", ">Concern<");
    }

    @Test
    void shouldShowFinerPercentagesOnlyWhenTheStepNeedsThem() {
        assertThat(SvgChart.percent(0.8, 0.05)).isEqualTo("80%");
        assertThat(SvgChart.percent(0.805, 0.005)).isEqualTo("80.5%");
        assertThat(SvgChart.percent(0.8025, 0.0005)).isEqualTo("80.25%");
    }
}
