package uk.nhs.pdsa.actionplan.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscalationScheduleTest {
    private static final EscalationSchedule DEFAULT = EscalationSchedule.parse("0d:owner, 14d:clinical-lead, 28d:medical-director");
    private static final LocalDate DUE = LocalDate.of(2025, 11, 1);

    @ParameterizedTest(name = "{0}: level {1}")
    @CsvSource({
            "2025-10-15, 0, ''",
            "2025-11-01, 0, ''",
            "2025-11-02, 1, owner",
            "2025-11-15, 1, owner",
            "2025-11-16, 2, clinical-lead",
            "2025-11-29, 2, clinical-lead",
            "2025-11-30, 3, medical-director",
            "2026-06-01, 3, medical-director"})
    void shouldReachEachStepOnItsDay(LocalDate today, int level, String role) {
        var reached = DEFAULT.reached(DUE, today);
        assertThat(reached.map(EscalationSchedule.Step::level).orElse(0)).isEqualTo(level);
        assertThat(reached.map(EscalationSchedule.Step::role).orElse("")).isEqualTo(role);
    }

    @Test
    void shouldRaiseEachStepOnceAndSkipToTheHighestAfterAnAbsence() {
        assertThat(DEFAULT.due(DUE, LocalDate.of(2025, 11, 2), 0)).map(EscalationSchedule.Step::level).contains(1);
        assertThat(DEFAULT.due(DUE, LocalDate.of(2025, 11, 10), 1)).isEmpty();
        assertThat(DEFAULT.due(DUE, LocalDate.of(2025, 11, 16), 1)).map(EscalationSchedule.Step::level).contains(2);
        assertThat(DEFAULT.due(DUE, LocalDate.of(2025, 12, 20), 1)).map(EscalationSchedule.Step::role).contains("medical-director");
        assertThat(DEFAULT.due(DUE, LocalDate.of(2026, 12, 20), 3)).isEmpty();
    }

    @Test
    void shouldCountDaysOverdueFromTheDayAfterTheDueDate() {
        assertThat(EscalationSchedule.daysOverdue(DUE, LocalDate.of(2025, 11, 2))).isZero();
        assertThat(EscalationSchedule.daysOverdue(DUE, LocalDate.of(2025, 11, 16))).isEqualTo(14);
        assertThat(EscalationSchedule.daysOverdue(DUE, DUE)).isZero();
    }

    @Test
    void shouldReadAConfiguredScheduleWithOwnRoles() {
        var schedule = EscalationSchedule.parse("3d:audit-lead,10d:chief-executive");
        assertThat(schedule.steps()).containsExactly(new EscalationSchedule.Step(1, 3, "audit-lead"),
                new EscalationSchedule.Step(2, 10, "chief-executive"));
        assertThat(schedule.reached(DUE, LocalDate.of(2025, 11, 4))).isEmpty();
        assertThat(schedule.reached(DUE, LocalDate.of(2025, 11, 5))).map(EscalationSchedule.Step::role).contains("audit-lead");
    }

    @Test
    void shouldRefuseMalformedOrUnorderedSteps() {
        assertThatThrownBy(() -> EscalationSchedule.parse("14:clinical-lead")).hasMessageContaining("'14:clinical-lead'");
        assertThatThrownBy(() -> EscalationSchedule.parse("14d:clinical-lead,7d:owner")).hasMessageContaining("increasing");
        assertThatThrownBy(() -> EscalationSchedule.parse("0d:Owner")).hasMessageContaining("<days>d:<role>");
    }
}
