package uk.nhs.pdsa.actionplan.pdsa;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pdsa.actionplan.pdsa.StudyEvidenceTest.MEASURE;
import static uk.nhs.pdsa.actionplan.pdsa.StudyEvidenceTest.common;
import static uk.nhs.pdsa.actionplan.pdsa.StudyEvidenceTest.improvement;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The suggested score follows the IHI assessment scale's wording step by step (see {@link ProgressScore}). */
class ProgressScoreTest {
    private static final LocalDate CHANGE = LocalDate.of(2025, 10, 1);

    private static MeasureEvidence evidence(StudyEvidence.ChartedPoint... points) {
        return StudyEvidence.of(MEASURE, "p", "higher-is-better", CHANGE, List.of(points));
    }

    @Test
    void shouldScorePlanningAndActivityBeforeThereIsData() {
        assertThat(ProgressScore.suggest(Stage.PLAN, List.of(), false)).isEqualTo(1.5);
        assertThat(ProgressScore.suggest(Stage.DO, List.of(), false)).isEqualTo(2.0);
    }

    @Test
    void shouldScoreChangesTestedWithoutImprovement() {
        var flat = evidence(common("2025-09", 0.7), common("2025-10", 0.7), common("2025-11", 0.69));
        assertThat(ProgressScore.suggest(Stage.STUDY, List.of(flat), false)).isEqualTo(2.5);
        assertThat(ProgressScore.suggest(Stage.STUDY, List.of(MeasureEvidence.unavailable(MEASURE, CHANGE, "none")), false))
                .isEqualTo(2.5);
    }

    @Test
    void shouldScoreModestImprovementWhenTheMeanIsBetterWithoutSpecialCause() {
        var better = evidence(common("2025-09", 0.6), common("2025-10", 0.65), common("2025-11", 0.66));
        assertThat(ProgressScore.suggest(Stage.STUDY, List.of(better), false)).isEqualTo(3.0);
    }

    @Test
    void shouldScoreImprovementWhenSpecialCauseImprovementAppearedButDidNotLast() {
        var passing = evidence(common("2025-09", 0.6), improvement("2025-10", 0.95, "beyond-limits"), common("2025-11", 0.6));
        assertThat(ProgressScore.suggest(Stage.ACT, List.of(passing), false)).isEqualTo(3.5);
    }

    @Test
    void shouldScoreSignificantThenSustainableImprovement() {
        var sustained = evidence(common("2025-09", 0.6), improvement("2025-10", 0.9, "shift"), improvement("2025-11", 0.9, "shift"));
        assertThat(ProgressScore.suggest(Stage.STUDY, List.of(sustained), false)).isEqualTo(4.0);
        assertThat(ProgressScore.suggest(Stage.ACT, List.of(sustained), true)).isEqualTo(4.5);
        assertThat(ProgressScore.sustained(List.of(sustained))).isTrue();
    }

    @Test
    void shouldTakeTheBestMeasureOfSeveral() {
        var flat = evidence(common("2025-09", 0.7), common("2025-10", 0.7));
        var sustained = evidence(common("2025-09", 0.6), improvement("2025-10", 0.9, "beyond-limits"));
        assertThat(ProgressScore.suggest(Stage.STUDY, List.of(flat, sustained), false)).isEqualTo(4.0);
    }
}
