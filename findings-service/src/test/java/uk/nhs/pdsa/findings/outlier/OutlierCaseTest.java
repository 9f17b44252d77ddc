package uk.nhs.pdsa.findings.outlier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.findings.outlier.OutlierCase.Entry;
import uk.nhs.pdsa.findings.outlier.OutlierCase.Stage;
import uk.nhs.pdsa.metrics.EnglandWorkingDays;
import uk.nhs.pdsa.metrics.OutlierPolicy;

/** The stages of an outlier case (HQIP 2017), their deadlines in English working days, escalation and the regulator. */
class OutlierCaseTest {
    private static final OutlierPolicy.Timescales DAYS = OutlierPolicy.HQIP_DEFAULT;
    /** Monday 2 February 2026: the analysis of 2025-Q4 raises RJ1 as an alarm. */
    private static final LocalDate RAISED = LocalDate.of(2026, 2, 2);

    private static OutlierCase alarm() {
        return OutlierCase.raised("RJ1", "mortality-30-day", "2025-Q4", OutlierCase.ALARM, DAYS, RAISED);
    }

    @Test
    void shouldTakeAConfirmedAlarmFromAnalysisToPublicationWithEachDeadline() {
        OutlierCase c = alarm();
        assertThat(c.stage()).isEqualTo(Stage.PROVIDER_ANALYSIS);
        assertThat(c.actor()).isEqualTo("audit");
        assertThat(c.dueBy()).isEqualTo(LocalDate.of(2026, 2, 16)); // 10 working days
        c = c.notifyClinicalLead("nhfd-team", LocalDate.of(2026, 2, 9));
        assertThat(c.actor()).isEqualTo("clinical-lead");
        assertThat(c.dueBy()).isEqualTo(LocalDate.of(2026, 3, 16)); // 25 working days
        c = c.confirmData("rj1.clinical-lead", LocalDate.of(2026, 3, 2));
        assertThat(c.stage()).isEqualTo(Stage.CONFIRMED);
        assertThat(c.dueBy()).isEqualTo(LocalDate.of(2026, 3, 9)); // 5 working days to tell the board and the regulator
        c = c.inform("nhfd-team", LocalDate.of(2026, 3, 3));
        assertThat(c.history().get(c.history().size() - 1).action()).isEqualTo("board-and-regulator-informed");
        assertThat(c.actor()).isEqualTo("trust");
        assertThat(c.dueBy()).isEqualTo(LocalDate.of(2026, 3, 17)); // 10 working days to respond
        c = c.respond("rj1.medical-director", LocalDate.of(2026, 3, 12));
        assertThat(c.dueBy()).isNull();
        c = c.publish("nhfd-team", LocalDate.of(2026, 4, 1));
        assertThat(c.stage()).isEqualTo(Stage.PUBLISHED);
        assertThat(c.actor()).isEqualTo("nobody");
        assertThat(c.reportedToRegulator()).isFalse();
        assertThat(c.history()).extracting(Entry::action).containsExactly("raised", "clinical-lead-notified",
                "data-confirmed", "board-and-regulator-informed", "responded", "published");
        assertThat(c.history()).extracting(Entry::actor).containsExactly("analysis", "nhfd-team", "rj1.clinical-lead",
                "nhfd-team", "rj1.medical-director", "nhfd-team");
    }

    @Test
    void shouldRunTheAnalysisAgainOnCorrectedDataAndCloseACaseTheyClear() {
        OutlierCase c = alarm().notifyClinicalLead("nhfd-team", RAISED).correctData("rj1.clinical-lead", LocalDate.of(2026, 2, 20));
        assertThat(c.stage()).isEqualTo(Stage.REANALYSIS);
        assertThat(c.actor()).isEqualTo("audit");
        OutlierCase cleared = c.reanalysed(false, null, LocalDate.of(2026, 2, 23));
        assertThat(cleared.stage()).isEqualTo(Stage.CLOSED);
        assertThat(cleared.dueBy()).isNull();
        assertThat(cleared.history()).extracting(Entry::action).endsWith("data-corrected", "not-an-outlier-after-correction");
        // Corrected data that still lie beyond the 95 % limit only: the clinical lead reviews an alert now.
        OutlierCase still = c.reanalysed(true, OutlierCase.ALERT, LocalDate.of(2026, 2, 23));
        assertThat(still.stage()).isEqualTo(Stage.DATA_REVIEW);
        assertThat(still.level()).isEqualTo(OutlierCase.ALERT);
        assertThat(still.history()).extracting(Entry::action).endsWith("still-alert-after-correction");
    }

    @Test
    void shouldEscalateOnceThenTakeUnreviewedDataAsSubmitted() {
        OutlierCase c = alarm().notifyClinicalLead("nhfd-team", RAISED); // due 9 March 2026
        assertThat(c.tick(LocalDate.of(2026, 3, 9))).isSameAs(c);
        OutlierCase escalated = c.tick(LocalDate.of(2026, 3, 10));
        assertThat(escalated.escalated()).isTrue();
        assertThat(escalated.stage()).isEqualTo(Stage.DATA_REVIEW);
        assertThat(escalated.dueBy()).isEqualTo(LocalDate.of(2026, 3, 16)); // 5 more working days
        assertThat(escalated.history()).extracting(Entry::action).endsWith("escalated-to-medical-director");
        assertThat(escalated.tick(LocalDate.of(2026, 3, 16))).isSameAs(escalated);
        OutlierCase taken = escalated.tick(LocalDate.of(2026, 3, 17));
        assertThat(taken.stage()).isEqualTo(Stage.CONFIRMED);
        assertThat(taken.history()).extracting(Entry::action).endsWith("data-taken-as-submitted");
        assertThat(taken.history()).extracting(Entry::actor).endsWith("platform");
    }

    @Test
    void shouldReportAnAlarmWithoutAResponseToTheRegulatorButNotAnAlert() {
        OutlierCase informed = alarm().notifyClinicalLead("a", RAISED).confirmData("b", RAISED).inform("a", RAISED);
        OutlierCase reported = informed.tick(informed.dueBy().plusDays(1)).tick(LocalDate.of(2026, 6, 1));
        assertThat(reported.reportedToRegulator()).isTrue();
        assertThat(reported.stage()).isEqualTo(Stage.INFORMED);
        assertThat(reported.history()).extracting(Entry::action).endsWith("escalated-to-medical-director",
                "no-response-reported-to-regulator");
        assertThat(reported.tick(LocalDate.of(2026, 7, 1))).isSameAs(reported);
        // Reported, the trust may still respond.
        assertThat(reported.respond("rj1.medical-director", LocalDate.of(2026, 6, 2)).stage()).isEqualTo(Stage.RESPONDED);

        OutlierCase alert = OutlierCase.raised("RJ1", "m", "2025-Q4", OutlierCase.ALERT, DAYS, RAISED)
                .notifyClinicalLead("a", RAISED).confirmData("b", RAISED).inform("a", RAISED);
        assertThat(alert.history().get(alert.history().size() - 1).action()).isEqualTo("board-informed");
        OutlierCase late = alert.tick(alert.dueBy().plusDays(1)).tick(LocalDate.of(2026, 6, 1));
        assertThat(late.reportedToRegulator()).isFalse();
        assertThat(late.escalated()).isTrue();
    }

    @Test
    void shouldRefuseAStepOutOfOrderNamingBothStages() {
        assertThatThrownBy(() -> alarm().confirmData("rj1.clinical-lead", RAISED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot confirm the data while the case is at provider analysis (it needs data review)");
        assertThatThrownBy(() -> alarm().publish("a", RAISED)).hasMessageContaining("it needs responded");
        assertThatThrownBy(() -> OutlierCase.raised("RJ1", "m", "2025-Q4", "warning", DAYS, RAISED))
                .hasMessageContaining("alert or alarm");
        // The audit's own overdue stage is shown as overdue, not escalated by the clock.
        OutlierCase c = alarm();
        assertThat(c.overdue(LocalDate.of(2026, 2, 17))).isTrue();
        assertThat(c.tick(LocalDate.of(2026, 2, 17))).isSameAs(c);
    }

    @Test
    void shouldFollowRevisedDataBeforeTheTrustIsToldAndOnlyRecordThemAfterwards() {
        LocalDate revised = LocalDate.of(2026, 2, 4);
        OutlierCase cleared = alarm().revisedData(false, null, revised);
        assertThat(cleared.stage()).isEqualTo(Stage.CLOSED);
        assertThat(cleared.dueBy()).isNull();

        OutlierCase lower = alarm().revisedData(true, OutlierCase.ALERT, revised);
        assertThat(lower.stage()).isEqualTo(Stage.PROVIDER_ANALYSIS);
        assertThat(lower.level()).isEqualTo(OutlierCase.ALERT);
        assertThat(lower.dueBy()).isEqualTo(alarm().dueBy());

        OutlierCase inReview = alarm().notifyClinicalLead("nhfd-team", revised);
        OutlierCase corrected = inReview.revisedData(false, null, revised.plusDays(1));
        assertThat(corrected.stage()).isEqualTo(Stage.CLOSED);
        assertThat(corrected.history()).extracting(Entry::action).containsExactly("raised", "clinical-lead-notified",
                "data-corrected", "not-an-outlier-after-correction");
        assertThat(corrected.history().get(2).actor()).isEqualTo("resubmission");

        OutlierCase confirmed = inReview.confirmData("rj1.clinical-lead", revised.plusDays(2));
        OutlierCase after = confirmed.revisedData(false, null, revised.plusDays(3));
        assertThat(after.stage()).isEqualTo(Stage.CONFIRMED);
        assertThat(after.level()).isEqualTo(OutlierCase.ALARM);
        assertThat(after.dueBy()).isEqualTo(confirmed.dueBy());
        assertThat(after.history().get(after.history().size() - 1).action()).isEqualTo("revised-data-within-limits");

        OutlierCase published = confirmed.inform("nhfd-team", revised.plusDays(3)).respond("rj1", revised.plusDays(4))
                .publish("nhfd-team", revised.plusDays(5));
        assertThat(published.revisedData(false, null, revised.plusDays(6))).isEqualTo(published);
    }
}
