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
    void shouldBreakALongTitleAtACommaAndSayWhatTheIconsMeanInWords() {
        SpcChart near = proportionNearTheTop();
        String place = "University Hospitals Sussex NHS Foundation Trust, Trauma ward 2";
        SpcChart named = new SpcChart("Surgery within 36 hours of admission (National Hip Fracture Database), " + place,
                near.audit(), near.metric(), near.organisation(), near.microsystem(), near.metricTitle(),
                near.metricType(), near.chart(), near.direction(), near.target(), near.variation(), near.assurance(),
                near.provisional(), near.baselinePoints(), near.points(), near.signals(), near.runs());
        String svg = SvgChart.spc(named);
        assertThat(svg).contains(">Surgery within 36 hours of admission (National Hip Fracture Database)</text>",
                "class=\"chart-subtitle\"", ">University Hospitals Sussex NHS Foundation Trust, Trauma ward 2</text>",
                ">Special cause: concern</text>", ">Hit and miss</text>",
                "variation: Special cause: concern; assurance: Hit and miss</desc>");
        assertThat(SvgChart.spc(near)).doesNotContain("chart-subtitle");
    }

    @Test
    void shouldShowFinerPercentagesOnlyWhenTheStepNeedsThem() {
        assertThat(SvgChart.percent(0.8, 0.05)).isEqualTo("80%");
        assertThat(SvgChart.percent(0.805, 0.005)).isEqualTo("80.5%");
        assertThat(SvgChart.percent(0.8025, 0.0005)).isEqualTo("80.25%");
    }

    @Test
    void shouldDrawEachSegmentApartMarkTheRecalculationShadeTheBaselineAndNumberTheNotes() {
        List<Observation> observations = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int month = 1; month <= 30; month++) {
            long numerator = month > 15 ? 180 : 150;
            observations.add(Observation.counted(String.format("2024-%02d", month), numerator, 200));
            counts.add(numerator);
        }
        // Months 1 to 15 then 16 to 30 as two segments (labels are only compared as text here).
        SpcOptions options = new SpcOptions(7, 7, false, true, 12, List.of("2024-16"), java.util.Set.of());
        SpcAnalysis analysis = SpcAnalysis.of(ChartType.P, "higher-is-better", null, observations, options);
        SpcChart chart = SpcChart.of("Rebased", null, analysis, counts, java.util.Collections.nCopies(30, 200L));
        assertThat(chart.baselinePoints()).isEqualTo(12);
        assertThat(chart.points().get(14).segment()).isZero();
        assertThat(chart.points().get(15).segment()).isEqualTo(1);

        String svg = SvgChart.spc(chart, List.of(new SvgChart.Note("2024-10", "Theatre slot held"),
                new SvgChart.Note("2031-01", "Not on this chart")));
        assertThat(count(svg, "<polyline class=\"centre\"")).isEqualTo(2);
        assertThat(count(svg, "<polyline class=\"upper-limit\"")).isEqualTo(2);
        assertThat(svg).contains("Limits recalculated from 2024-16", ">Limits recalculated<", ">Baseline of the limits<",
                "<title>2024-10: Theatre slot held</title>", "note 1 at 2024-10: Theatre slot held");
        assertThat(count(svg, "<rect class=\"baseline\"")).isEqualTo(2);
        assertThat(count(svg, "<g class=\"note\">")).as("a note at a period the chart lacks is not drawn").isEqualTo(1);
        // Without notes or rebase the legend says nothing of them.
        assertThat(SvgChart.spc(proportionNearTheTop())).doesNotContain("Limits recalculated", "Baseline", "class=\"note\"");
    }

    @Test
    void shouldRingTheReadersOwnTrustOnAFunnelAndSayWhatTheLinesAre() {
        var result = uk.nhs.pdsa.findings.funnel.FunnelPlot.compute(uk.nhs.pdsa.findings.funnel.FunnelPlot.Type.PROPORTION,
                List.of(new uk.nhs.pdsa.findings.funnel.FunnelPlot.Unit("RXH", 30, 300),
                        new uk.nhs.pdsa.findings.funnel.FunnelPlot.Unit("peer-1", 25, 310),
                        new uk.nhs.pdsa.findings.funnel.FunnelPlot.Unit("peer-2", 80, 290)),
                uk.nhs.pdsa.findings.funnel.FunnelPlot.Method.NONE);
        var funnel = uk.nhs.pdsa.findings.model.FunnelChart.of("Deaths within 30 days (NHFD) by trust, 2025-12",
                "Deaths within 30 days", result);
        String svg = SvgChart.funnel(funnel, "RXH");
        assertThat(svg).contains("class=\"own\"", ">RXH (you)<", ">Your organisation<", "95% limits (alert)",
                "99.8% limits (alarm)", ">Deaths within 30 days</text>", "; RXH ringed");
        assertThat(SvgChart.funnel(funnel, null)).doesNotContain("class=\"own\"", "(you)", "Your organisation");
    }

    @Test
    void shouldPlotAStandardisedRatioAgainstItsExpectedCount() {
        var result = uk.nhs.pdsa.findings.funnel.FunnelPlot.compute(
                uk.nhs.pdsa.findings.funnel.FunnelPlot.Type.STANDARDISED_RATIO,
                List.of(new uk.nhs.pdsa.findings.funnel.FunnelPlot.Unit("RJ1", 118, 820, 64.3),
                        new uk.nhs.pdsa.findings.funnel.FunnelPlot.Unit("RXH", 60, 900, 61.2),
                        new uk.nhs.pdsa.findings.funnel.FunnelPlot.Unit("RTH", 50, 700, 52.5)),
                uk.nhs.pdsa.findings.funnel.FunnelPlot.Method.NONE);
        var funnel = uk.nhs.pdsa.findings.model.FunnelChart.of("Deaths (NHFD) by trust, 2025", "Deaths", result);
        assertThat(funnel.type()).isEqualTo("standardised-ratio");
        assertThat(funnel.units().get(0).expected()).isEqualTo(64.3);
        String svg = SvgChart.funnel(funnel, null);
        assertThat(svg).contains(">Expected count (from the risk model)<", "RJ1: 1.84 at expected 64.3 (alarm-high)",
                ">As expected (1.00)<").doesNotContain("184%");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
