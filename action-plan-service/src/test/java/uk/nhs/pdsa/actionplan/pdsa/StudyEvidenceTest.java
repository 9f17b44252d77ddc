package uk.nhs.pdsa.actionplan.pdsa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.actionplan.pdsa.StudyEvidence.ChartedPoint;
import uk.nhs.pdsa.events.PdsaCycleState.Measure;

class StudyEvidenceTest {
    static final Measure MEASURE = new Measure("nhfd", "surgery-within-36h", "RXH", "trauma-ward-2");

    static ChartedPoint common(String period, double value) {
        return new ChartedPoint(period, value, "common-cause", List.of());
    }

    static ChartedPoint improvement(String period, double value, String... rules) {
        return new ChartedPoint(period, value, StudyEvidence.IMPROVEMENT, List.of(rules));
    }

    @Test
    void shouldSplitAtThePeriodContainingTheChangeDateAndFindImprovementSinceIt() {
        List<ChartedPoint> points = List.of(common("2025-08", 0.60), common("2025-09", 0.62), common("2025-10", 0.64),
                improvement("2025-11", 0.80, "shift"), improvement("2025-12", 0.85, "shift", "beyond-limits"));
        MeasureEvidence e = StudyEvidence.of(MEASURE, "p", "higher-is-better", LocalDate.of(2025, 10, 20), points);

        assertThat(e.before()).extracting(MeasureEvidence.PointValue::period).containsExactly("2025-08", "2025-09");
        assertThat(e.after()).extracting(MeasureEvidence.PointValue::period).containsExactly("2025-10", "2025-11", "2025-12");
        assertThat(e.beforeMean()).isCloseTo(0.61, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(e.afterMean()).isCloseTo((0.64 + 0.80 + 0.85) / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(e.improvement()).isEqualTo(new MeasureEvidence.SpecialCause("improvement", "2025-11", "2025-12", 2,
                List.of("shift", "beyond-limits")));
        assertThat(e.concern()).isNull();
        assertThat(e.sustained()).isTrue();
        assertThat(e.meanBetter()).isTrue();
    }

    @Test
    void shouldCountAPeriodEndingOnTheChangeDateAsBefore() {
        MeasureEvidence e = StudyEvidence.of(MEASURE, "p", "higher-is-better", LocalDate.of(2025, 11, 1),
                List.of(common("2025-10", 0.6), common("2025-11", 0.7)));
        assertThat(e.before()).extracting(MeasureEvidence.PointValue::period).containsExactly("2025-10");
        assertThat(e.after()).extracting(MeasureEvidence.PointValue::period).containsExactly("2025-11");
    }

    @Test
    void shouldNotCallImprovementSustainedWhenTheLatestPointFellBack() {
        MeasureEvidence e = StudyEvidence.of(MEASURE, "p", "higher-is-better", LocalDate.of(2025, 10, 1),
                List.of(common("2025-09", 0.6), improvement("2025-10", 0.9, "beyond-limits"), common("2025-11", 0.62)));
        assertThat(e.improvement()).isNotNull();
        assertThat(e.sustained()).isFalse();
        assertThat(e.latestPointType()).isEqualTo("common-cause");
    }

    @Test
    void shouldReadBetterByTheMetricDirection() {
        List<ChartedPoint> falling = List.of(common("2025-09", 0.10), common("2025-10", 0.08));
        LocalDate change = LocalDate.of(2025, 10, 5);
        assertThat(StudyEvidence.of(MEASURE, "p", "lower-is-better", change, falling).meanBetter()).isTrue();
        assertThat(StudyEvidence.of(MEASURE, "p", "higher-is-better", change, falling).meanBetter()).isFalse();
        assertThat(StudyEvidence.of(MEASURE, "p", "neutral", change, falling).meanBetter()).isFalse();
    }

    @Test
    void shouldSayWhenNothingWasChartedSinceTheChange() {
        MeasureEvidence e = StudyEvidence.of(MEASURE, "p", "higher-is-better", LocalDate.of(2026, 3, 1),
                List.of(common("2025-09", 0.6)));
        assertThat(e.after()).isEmpty();
        assertThat(e.afterMean()).isNull();
        assertThat(e.note()).isEqualTo("no results since the change yet");
        assertThat(e.meanBetter()).isFalse();
    }

    @Test
    void shouldSplitQuartersAndYearsByTheirOwnEnds() {
        MeasureEvidence e = StudyEvidence.of(MEASURE, "p", "higher-is-better", LocalDate.of(2025, 4, 1),
                List.of(common("2025-Q1", 0.6), common("2025-Q2", 0.7)));
        assertThat(e.before()).extracting(MeasureEvidence.PointValue::period).containsExactly("2025-Q1");
        assertThat(e.after()).extracting(MeasureEvidence.PointValue::period).containsExactly("2025-Q2");
    }
}
