package uk.nhs.pdsa.findings.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.funnel.FunnelPlot;
import uk.nhs.pdsa.metrics.ChartType;
import uk.nhs.pdsa.findings.spc.Observation;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.SpcOptions;

class FindingRulesTest {
    private static final SeriesKey WARD = new SeriesKey("nhfd", "surgery-within-36h", "RXH", "ward-7");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-02-01T00:00:00Z");

    /** 14 months alternating 38/50 and 42/50, then {@code low} months at 30/50, then {@code after} (x/50). */
    private static Optional<FindingState> finding(int low, long... after) {
        List<Observation> points = new ArrayList<>();
        for (int m = 1; m <= 14 + low + after.length; m++) {
            long x = m <= 14 ? (m % 2 == 0 ? 38 : 42) : m <= 14 + low ? 30 : after[m - 15 - low];
            points.add(Observation.counted(String.format("%d-%02d", 2023 + (m - 1) / 12, (m - 1) % 12 + 1), x, 50));
        }
        SpcAnalysis analysis = SpcAnalysis.of(ChartType.P, "higher-is-better", null, points, SpcOptions.DEFAULTS);
        return FindingRules.specialCause(WARD, "higher-is-better", analysis);
    }

    @Test
    void shouldKeepOneFindingWhileARunOfConcernGoesOnAndStartANewOneAfterCommonCause() {
        FindingState first = finding(1).orElseThrow();
        assertThat(first.orientation()).isEqualTo(FindingState.CONCERN);
        assertThat(first.specialCause().firstPeriod()).isEqualTo("2024-03");
        assertThat(first.specialCause().signals()).extracting(FindingState.Signal::rule).containsExactly("beyond-limits");

        FindingState seventh = finding(7).orElseThrow();
        assertThat(seventh.findingId()).isEqualTo(first.findingId());
        assertThat(seventh.period()).isEqualTo("2024-09");
        assertThat(seventh.specialCause().signals()).extracting(FindingState.Signal::rule).contains("shift");
        assertThat(seventh.specialCause().signals()).filteredOn(s -> s.rule().equals("shift"))
                .singleElement().satisfies(s -> {
                    assertThat(s.fromPeriod()).isEqualTo("2024-03");
                    assertThat(s.toPeriod()).isEqualTo("2024-09");
                });

        assertThat(finding(7, 40)).isEmpty();
        FindingState again = finding(7, 40, 20).orElseThrow();
        assertThat(again.findingId()).isNotEqualTo(first.findingId());
        assertThat(again.specialCause().firstPeriod()).isEqualTo("2024-11");
    }

    @Test
    void shouldRaiseNothingOnAProvisionalChartOrARunChart() {
        List<Observation> eleven = IntStream.rangeClosed(1, 11)
                .mapToObj(m -> Observation.counted("2025-" + String.format("%02d", m), m == 11 ? 1 : 40, 50)).toList();
        assertThat(FindingRules.specialCause(WARD, "higher-is-better",
                SpcAnalysis.of(ChartType.P, "higher-is-better", eleven))).isEmpty();
        List<Observation> run = IntStream.rangeClosed(1, 24)
                .mapToObj(m -> Observation.measured("p" + m, m > 12 ? 1 : 10)).toList();
        assertThat(FindingRules.specialCause(WARD, "higher-is-better",
                SpcAnalysis.of(ChartType.RUN, "higher-is-better", run))).isEmpty();
    }

    @Test
    void shouldOrientFunnelOutliersByTheMetricsDirection() {
        List<FunnelPlot.Unit> units = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            units.add(new FunnelPlot.Unit("T" + i, i == 0 ? 50 : i == 9 ? 97 : 80, 100));
        }
        FunnelPlot.Result funnel = FunnelPlot.compute(FunnelPlot.Type.PROPORTION, units, FunnelPlot.Method.AUTO);
        List<FindingState> better = FindingRules.outliers("nhfd", "m", "higher-is-better", "2025-06", funnel);
        assertThat(better).extracting(FindingState::organisation).containsExactly("T0", "T9");
        assertThat(better).extracting(FindingState::orientation).containsExactly("concern", "improvement");
        assertThat(better).extracting(f -> f.outlier().classification()).containsExactly("alarm-low", "alarm-high");
        assertThat(better.get(0).outlier().target()).isEqualTo(0.787);
        assertThat(better.get(0).outlier().method()).isEqualTo("none");
        assertThat(better.get(0).value()).isEqualTo(0.5);

        List<FindingState> worse = FindingRules.outliers("nhfd", "m", "lower-is-better", "2025-06", funnel);
        assertThat(worse).extracting(FindingState::orientation).containsExactly("improvement", "concern");
        assertThat(worse).extracting(FindingState::findingId).isEqualTo(better.stream().map(FindingState::findingId).toList());
        assertThat(FindingRules.outliers("nhfd", "m", "neutral", "2025-06", funnel))
                .extracting(FindingState::orientation).containsOnly("neutral");
        assertThat(FindingRules.outliers("nhfd", "m", "higher-is-better", "2025-07", funnel).get(0).findingId())
                .isNotEqualTo(better.get(0).findingId());
    }

    @Test
    void shouldRaiseChangeResolveAndReopenOnlyWhenTheFactsChange() {
        FindingState desired = finding(1).orElseThrow();
        List<FindingRules.Transition> raised = FindingRules.reconcile(List.of(), List.of(desired), T0);
        assertThat(raised).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(EventType.FINDING_RAISED);
            assertThat(t.state().version()).isEqualTo(1);
            assertThat(t.state().status()).isEqualTo("open");
            assertThat(t.state().raisedAt()).isEqualTo(T0);
        });
        FindingState held = raised.get(0).state();

        assertThat(FindingRules.reconcile(List.of(held), List.of(desired), T1)).isEmpty();

        FindingState moved = finding(2).orElseThrow();
        assertThat(FindingRules.reconcile(List.of(held), List.of(moved), T1)).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(EventType.FINDING_CHANGED);
            assertThat(t.state().version()).isEqualTo(2);
            assertThat(t.state().raisedAt()).isEqualTo(T0);
            assertThat(t.state().updatedAt()).isEqualTo(T1);
            assertThat(t.state().period()).isEqualTo("2024-04");
        });

        List<FindingRules.Transition> resolved = FindingRules.reconcile(List.of(held), List.of(), T1);
        assertThat(resolved).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(EventType.FINDING_RESOLVED);
            assertThat(t.state().status()).isEqualTo("resolved");
            assertThat(t.state().version()).isEqualTo(2);
            assertThat(t.state().resolvedAt()).isEqualTo(T1);
            assertThat(t.state().period()).isEqualTo(held.period());
        });
        assertThat(resolved.get(0).state().eventId()).isNotEqualTo(held.eventId());

        FindingState sameButNewLimits = new FindingState(desired.findingId(), desired.kind(), desired.status(), 0,
                desired.orientation(), desired.audit(), desired.metric(), desired.direction(), desired.organisation(),
                desired.microsystem(), desired.period(), desired.value(), new FindingState.SpecialCause(
                        desired.specialCause().chart(), desired.specialCause().variation(),
                        desired.specialCause().firstPeriod(), 0.7, 0.55, 0.85, desired.specialCause().signals()),
                null, null, null, null);
        assertThat(FindingRules.reconcile(List.of(held), List.of(sameButNewLimits), T1))
                .as("limits alone moved (another point revised): stored, not published").singleElement().satisfies(t -> {
                    assertThat(t.published()).isFalse();
                    assertThat(t.state().version()).isEqualTo(1);
                    assertThat(t.state().updatedAt()).isEqualTo(T0);
                    assertThat(t.state().specialCause().centreLine()).isEqualTo(0.7);
                });

        FindingState closed = resolved.get(0).state();
        assertThat(FindingRules.reconcile(List.of(closed), List.of(), T1)).isEmpty();
        assertThat(FindingRules.reconcile(List.of(closed), List.of(desired), T1)).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(EventType.FINDING_RAISED);
            assertThat(t.state().version()).isEqualTo(3);
            assertThat(t.state().resolvedAt()).isNull();
        });
    }
}
