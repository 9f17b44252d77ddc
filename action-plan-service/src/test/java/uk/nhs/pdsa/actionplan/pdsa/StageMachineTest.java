package uk.nhs.pdsa.actionplan.pdsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StageMachineTest {

    /** Every allowed (stage, step) pair and the stage it leads to; every other pair is forbidden. */
    private static final Map<Stage, Map<Step, Stage>> ALLOWED = Map.of(
            Stage.PLAN, Map.of(Step.DO, Stage.DO, Step.HAND_OVER, Stage.PLAN, Step.SCORE, Stage.PLAN, Step.TEAM, Stage.PLAN),
            Stage.DO, Map.of(Step.STUDY, Stage.STUDY, Step.HAND_OVER, Stage.DO, Step.SCORE, Stage.DO, Step.TEAM, Stage.DO),
            Stage.STUDY, Map.of(Step.ACT, Stage.ACT, Step.HAND_OVER, Stage.STUDY, Step.SCORE, Stage.STUDY, Step.TEAM,
                    Stage.STUDY),
            Stage.ACT, Map.of());

    @Test
    void shouldAllowExactlyTheListedTransitionsAndForbidEveryOther() {
        int allowed = 0;
        int forbidden = 0;
        for (Stage stage : Stage.values()) {
            for (Step step : Step.values()) {
                Stage expected = ALLOWED.get(stage).get(step);
                if (expected != null) {
                    assertThat(StageMachine.after(stage, step)).as("%s then %s", stage, step).isEqualTo(expected);
                    assertThat(StageMachine.allows(stage, step)).isTrue();
                    allowed++;
                } else {
                    assertThatThrownBy(() -> StageMachine.after(stage, step)).as("%s then %s", stage, step)
                            .isInstanceOfSatisfying(StageConflict.class, c -> {
                                assertThat(c.current()).isEqualTo(stage);
                                assertThat(c.requested()).isEqualTo(step);
                            });
                    assertThat(StageMachine.allows(stage, step)).isFalse();
                    forbidden++;
                }
            }
        }
        assertThat(allowed).isEqualTo(12);
        assertThat(forbidden).isEqualTo(12);
    }

    @ParameterizedTest
    @CsvSource({
            "PLAN, STUDY, 'Cannot record study while the cycle is at plan (current stage: plan, requested: study); the next stage is do.'",
            "PLAN, ACT, 'Cannot record act while the cycle is at plan (current stage: plan, requested: act); the next stage is do.'",
            "DO, DO, 'Cannot record do while the cycle is at do (current stage: do, requested: do); the next stage is study.'",
            "DO, ACT, 'Cannot record act while the cycle is at do (current stage: do, requested: act); the next stage is study.'",
            "STUDY, DO, 'Cannot record do while the cycle is at study (current stage: study, requested: do); the next stage is act.'",
            "STUDY, STUDY, 'Cannot record study while the cycle is at study (current stage: study, requested: study); the next stage is act.'"})
    void shouldNameTheCurrentAndRequestedStageWhenOutOfOrder(Stage stage, Step step, String message) {
        assertThatThrownBy(() -> StageMachine.after(stage, step)).hasMessage(message);
    }

    @Test
    void shouldRefuseEverythingAfterAct() {
        for (Step step : Step.values()) {
            assertThatThrownBy(() -> StageMachine.after(Stage.ACT, step))
                    .hasMessageContaining("current stage: act")
                    .hasMessageContaining("requested: " + step.code());
        }
    }

    @Test
    void shouldWalkPlanDoStudyActInOrder() {
        Stage stage = Stage.PLAN;
        for (Step step : EnumSet.of(Step.DO, Step.STUDY, Step.ACT)) {
            stage = StageMachine.after(stage, step);
        }
        assertThat(stage).isEqualTo(Stage.ACT);
        assertThat(Set.of(Stage.values())).extracting(Stage::code).containsExactlyInAnyOrder("plan", "do", "study", "act");
    }
}
