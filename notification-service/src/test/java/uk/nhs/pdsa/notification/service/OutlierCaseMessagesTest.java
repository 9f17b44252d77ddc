package uk.nhs.pdsa.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.events.TestOutlierCases;
import uk.nhs.pdsa.notification.repository.TrustProgress;
import uk.nhs.pdsa.testing.Readability;

/** Who hears of each step of an outlier case, and the words patient groups read at publication. */
class OutlierCaseMessagesTest {
    private static final UUID CASE = UUID.fromString("5d1c0b7e-3f7a-4a51-9f0e-2b8c4d6e7f81");
    private static final OutlierCaseMessages.Names NAMES = new OutlierCaseMessages.Names(
            "Guy's and St Thomas' NHS Foundation Trust", "National Hip Fracture Database", "Death within 30 days");
    private static final List<String> REGULATORS = List.of("CQC");
    private static final List<String> GROUPS = List.of("HWL", "HWS");
    private static final LocalDate DUE = LocalDate.of(2026, 6, 12);

    private static List<Message> of(String level, String stage, String action, OutlierCaseState.Response response,
            TrustProgress.Since progress) {
        return OutlierCaseMessages.of(TestOutlierCases.at(CASE, 3, "RJ1", level, stage, action, "audit", "trust", DUE,
                response), NAMES, REGULATORS, GROUPS, progress);
    }

    private static List<String> recipients(List<Message> messages) {
        return messages.stream().map(m -> m.organisation() + "/" + m.recipientRole()).toList();
    }

    @Test
    void shouldAskTheClinicalLeadToReviewTheDataByTheDeadlineWithALinkToTheCase() {
        List<Message> messages = of("alarm", "data-review", "clinical-lead-notified", null, null);
        assertThat(recipients(messages)).containsExactly("RJ1/clinical-lead");
        assertThat(messages.get(0).body()).contains("April 2025 to March 2026", "beyond the alarm limit (99.8 %)", "14.4% (118 of 820)",
                "7.1% across all trusts", "Confirm they are accurate, or correct them by resubmitting", "12 June 2026");
        assertThat(messages.get(0).links()).extracting(Message.Link::path).containsExactly("/outliers/" + CASE);
    }

    @Test
    void shouldTellTheBoardOfAConfirmedOutlierAndTheRegulatorOnlyOfAnAlarm() {
        assertThat(recipients(of("alarm", "informed", "board-and-regulator-informed", null, null))).containsExactly(
                "RJ1/medical-director", "RJ1/chief-executive", "CQC/regulator-lead");
        assertThat(recipients(of("alert", "informed", "board-informed", null, null))).containsExactly(
                "RJ1/medical-director", "RJ1/chief-executive");
        Message board = of("alarm", "informed", "board-and-regulator-informed", null, null).get(0);
        assertThat(board.body()).contains("the Care Quality Commission has been told", "Please respond by 12 June 2026",
                "published after the trust has responded");
        assertThat(of("alert", "informed", "board-informed", null, null).get(0).body())
                .doesNotContain("Care Quality Commission");
        // The regulator hears what the case says, not a review that may not have happened (data taken as submitted).
        assertThat(of("alarm", "informed", "board-and-regulator-informed", null, null).get(2).body())
                .doesNotContain("reviewed").contains("asked to respond by 12 June 2026");
    }

    @Test
    void shouldEscalateOverdueStagesAndReportATrustThatDoesNotRespond() {
        assertThat(recipients(of("alarm", "data-review", "escalated-to-medical-director", null, null)))
                .containsExactly("RJ1/clinical-lead", "RJ1/medical-director");
        assertThat(of("alarm", "informed", "escalated-to-medical-director", null, null).get(0).subject())
                .startsWith("Overdue: outlier response");
        assertThat(recipients(of("alarm", "confirmed", "data-taken-as-submitted", null, null)))
                .containsExactly("RJ1/clinical-lead", "RJ1/medical-director");
        assertThat(recipients(of("alarm", "informed", "no-response-reported-to-regulator", null, null)))
                .containsExactly("CQC/regulator-lead", "RJ1/medical-director", "RJ1/chief-executive");
    }

    @Test
    void shouldTellNobodyOfTheAnalysisAloneOrOfTheTrustsOwnResponse() {
        for (String action : List.of("raised", "reanalysed-on-revised-data-alarm", "data-corrected", "responded")) {
            assertThat(of("alarm", "provider-analysis", action, null, null)).as(action).isEmpty();
        }
    }

    @Test
    void shouldTellPatientGroupsOnlyAtPublicationInPlainWordsThatSayWhatTheTrustDid() {
        Instant started = Instant.parse("2026-06-20T10:00:00Z");
        OutlierCaseState.Response cycle = new OutlierCaseState.Response("cycle", UUID.randomUUID(), UUID.randomUUID(), started);
        OutlierCaseState.Response decision = new OutlierCaseState.Response("decision", UUID.randomUUID(), null, started);
        TrustProgress.Since tested = new TrustProgress.Since(3, 2, 1, 1, 0, Instant.parse("2026-10-01T00:00:00Z"));
        TrustProgress.Since nothing = new TrustProgress.Since(0, 0, 0, 0, 0, null);

        List<Message> withCycle = of("alarm", "published", "published", cycle, tested);
        assertThat(recipients(withCycle)).containsExactly("HWL/patient-representative", "HWS/patient-representative");
        String cycleWords = withCycle.get(0).body();
        String decisionWords = of("alarm", "published", "published", decision, nothing).get(0).body();
        String silentWords = of("alarm", "published", "published", null, nothing).get(0).body();
        assertThat(cycleWords).contains("From April 2025 to March 2026, the score", "14 in 100", "about 7 in 100",
                "On 20 June 2026 its staff started testing a change", "they have tested 3 changes, and kept 1 of them",
                "Its results have got better since.");
        assertThat(decisionWords).contains("On 20 June 2026 the hospital looked into it and wrote down what it decided")
                .doesNotContain("started testing");
        assertThat(silentWords).contains("has not yet told us what it will do").doesNotContain("On 20 June");
        assertThat(of("alarm", "published", "published", null, nothing).get(0).body())
                .doesNotContain("Care Quality Commission");
        assertThat(OutlierCaseMessages.forPatients("HWL", TestOutlierCases.reported(TestOutlierCases.at(CASE, 7, "RJ1",
                "alarm", "published", "published", "audit", "nobody", null, null)), NAMES, nothing).body())
                .contains("We have told the Care Quality Commission");
        for (String words : List.of(cycleWords, decisionWords, silentWords)) {
            assertThat(Readability.fleschReadingEase(words)).as(words).isGreaterThanOrEqualTo(60);
            assertThat(words.toLowerCase()).doesNotContain("special cause", "outlier", "funnel", "alarm", "alert",
                    "control limit", "variation", "statistic", "pdsa");
        }
        for (String stage : List.of("data-review", "confirmed", "informed", "responded")) {
            assertThat(of("alarm", stage, "responded", cycle, tested)).as(stage).isEmpty();
        }
    }

    @Test
    void shouldGiveAStandardisedRatioAsObservedAgainstExpectedNeverAsAPercentage() {
        OutlierCaseState asked = TestOutlierCases.standardised(TestOutlierCases.at(CASE, 3, "RJ1", "alarm", "data-review",
                "clinical-lead-notified", "audit", "clinical-lead", DUE, null));
        assertThat(OutlierCaseMessages.of(asked, NAMES, REGULATORS, GROUPS, null).get(0).body()).contains(
                "118 against 64.3 expected for its patients' risks (820 patients): a ratio of 1.84, where 1.00 is as expected")
                .doesNotContain("14.4%");
        OutlierCaseState published = TestOutlierCases.standardised(TestOutlierCases.at(CASE, 7, "RJ1", "alarm",
                "published", "published", "audit", "nobody", null, null));
        String words = OutlierCaseMessages.forPatients("HWL", published, NAMES, null).body();
        assertThat(words).contains("the score for \"Death within 30 days\" was 118 for 820 patients. For patients like"
                + " these, about 64 would be usual.").doesNotContain(" in 100", "ratio", "expected");
        assertThat(Readability.fleschReadingEase(words)).as(words).isGreaterThanOrEqualTo(60);
    }
}
