package uk.nhs.pdsa.findings.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.findings.PeriodAnalysis;
import uk.nhs.pdsa.findings.funnel.FunnelPlot.Classification;

/** Which side of a funnel is a concern, and how a re-run says what changed. */
class OutlierAnalysisRulesTest {
    @Test
    void shouldRaiseOnlyTheSideOfConcernAtItsLevel() {
        assertThat(OutlierAnalysis.level(Classification.ALARM_HIGH, "lower-is-better")).isEqualTo("alarm");
        assertThat(OutlierAnalysis.level(Classification.ALERT_HIGH, "lower-is-better")).isEqualTo("alert");
        assertThat(OutlierAnalysis.level(Classification.ALARM_LOW, "lower-is-better")).isNull();
        assertThat(OutlierAnalysis.level(Classification.ALARM_LOW, "higher-is-better")).isEqualTo("alarm");
        assertThat(OutlierAnalysis.level(Classification.ALERT_HIGH, "higher-is-better")).isNull();
        assertThat(OutlierAnalysis.level(Classification.ALERT_LOW, "neutral")).isEqualTo("alert");
        assertThat(OutlierAnalysis.level(Classification.WITHIN, "neutral")).isNull();
    }

    @Test
    void shouldSayWhatTheFirstRunFoundAndWhatRevisedDataChanged() {
        PeriodAnalysis.Unit rj1 = new PeriodAnalysis.Unit("RJ1", 90, 300, null, 0.3, "alert-high", "alert");
        PeriodAnalysis.Unit rxh = new PeriodAnalysis.Unit("RXH", 90, 300, null, 0.3, "alert-high", "alert");
        PeriodAnalysis.Unit rgt = new PeriodAnalysis.Unit("RGT", 30, 300, null, 0.1, "within", null);
        assertThat(OutlierAnalysis.changes(null, List.of(rj1, rxh, rgt)))
                .containsExactly("3 providers compared: 0 beyond the alarm limit, 2 beyond the alert limit only");

        List<String> changes = OutlierAnalysis.changes(Map.of("RJ1", rj1, "RXH", rxh, "RGT", rgt), List.of(
                new PeriodAnalysis.Unit("RJ1", 90, 300, null, 0.3, "alarm-high", "alarm"),
                new PeriodAnalysis.Unit("RXH", 30, 300, null, 0.1, "within", null)));
        assertThat(changes).containsExactly("RJ1: alert → alarm", "RXH revised from 90 of 300 to 30 of 300",
                "RXH: alert → within the limits", "RGT no longer has results in the period");
        assertThat(OutlierAnalysis.changes(Map.of("RGT", rgt), List.of(rgt))).containsExactly("no provider's totals changed");
    }

    @Test
    void shouldNameTheExpectedCountOfAStandardisedRatioWhenItIsRevised() {
        PeriodAnalysis.Unit before = new PeriodAnalysis.Unit("RJ1", 118, 820, 64.3, 1.835, "alarm-high", "alarm");
        PeriodAnalysis.Unit after = new PeriodAnalysis.Unit("RJ1", 118, 820, 81.25, 1.452, "alarm-high", "alarm");
        assertThat(OutlierAnalysis.changes(Map.of("RJ1", before), List.of(after)))
                .containsExactly("RJ1 revised from 118 of 820 (64.3 expected) to 118 of 820 (81.3 expected)");
    }
}
