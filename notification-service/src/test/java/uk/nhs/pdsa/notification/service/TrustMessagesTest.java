package uk.nhs.pdsa.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestNeeds;

class TrustMessagesTest {

    private static FindingState finding(String variation) {
        return TestFindings.specialCause("RXH", "ward-10", "2025-09", variation, 0.612, 0.79);
    }

    @Test
    void shouldTellTheClinicalLeadOfAConcernInPlainWords() {
        List<Message> messages = TrustMessages.forFinding(finding("special-cause-concern"));
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.organisation()).isEqualTo("RXH");
            assertThat(m.recipientRole()).isEqualTo("clinical-lead");
            assertThat(m.subject()).isEqualTo("Concern: surgery-within-36h at ward-10 (RXH) in 2025-09");
            assertThat(m.body()).contains("61.2% against a usual 79.0%").doesNotContain("sigma", "special cause");
        });
    }

    @Test
    void shouldCelebrateAnImprovementAndStayQuietOnNeutralVariation() {
        assertThat(TrustMessages.forFinding(finding("special-cause-improvement")))
                .allSatisfy(m -> assertThat(m.subject()).startsWith("Improvement:"))
                .extracting(Message::recipientRole).containsExactly("clinical-lead", "improvement-lead");
        assertThat(TrustMessages.forFinding(finding("special-cause-neutral"))).isEmpty();
    }

    @Test
    void shouldTellTheClinicalLeadOfAnOutlierAgainstTheNationalValueAndNothingOnceResolved() {
        FindingState outlier = TestFindings.lowOutlier("RJ1", "2025-12", "alarm", 0.52, 0.78);
        assertThat(TrustMessages.forFinding(outlier)).allSatisfy(m -> {
            assertThat(m.subject()).isEqualTo("Outlier: surgery-within-36h at RJ1 in 2025-12");
            assertThat(m.body()).contains("52.0% against 78.0% across all trusts", "alarm level");
        }).extracting(Message::recipientRole).containsExactly("clinical-lead", "medical-director");
        assertThat(TrustMessages.forFinding(TestFindings.lowOutlier("RJ1", "2025-12", "alert", 0.6, 0.78)))
                .extracting(Message::recipientRole).containsExactly("clinical-lead");
        FindingState resolved = new FindingState(outlier.findingId(), outlier.kind(), FindingState.RESOLVED, 2,
                outlier.orientation(), outlier.audit(), outlier.metric(), outlier.direction(), outlier.organisation(),
                null, outlier.period(), outlier.value(), null, outlier.outlier(), outlier.raisedAt(), Instant.now(),
                Instant.now());
        assertThat(TrustMessages.forFinding(resolved)).isEmpty();
    }

    @Test
    void shouldGiveAStandardisedRatioOutlierAsObservedAgainstExpected() {
        FindingState high = new FindingState(UUID.randomUUID(), FindingState.OUTLIER, FindingState.OPEN, 1,
                FindingState.CONCERN, "nela", "mortality-30-day", "lower-is-better", "RJ1", null, "2025-12", 1.6, null,
                new FindingState.Outlier("alarm", "high", "alarm-high", 24, 180, 15.0, 1.0, 3.4,
                        new FindingState.Limits(0.5, 0.6, 1.5, 1.8), "none", 1.0, 0.0, 12), Instant.now(), Instant.now(),
                null);
        assertThat(TrustMessages.forFinding(high)).first().satisfies(m -> assertThat(m.body()).contains(
                "was 24 against 15.0 expected for its patients' risks (a ratio of 1.60, where 1.00 is as expected):"
                        + " further from it than chance explains").doesNotContain("%"));
    }

    @Test
    void shouldGiveTheDueDateOfANewNeed() {
        var need = TestNeeds.opened("RXH", null, UUID.randomUUID(), "2025-09", LocalDate.of(2025, 11, 1));
        assertThat(TrustMessages.forNeed(need)).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Improvement need opened: surgery-within-36h at RXH");
            assertThat(m.body()).contains("by 2025-11-01");
        });
    }

    @Test
    void shouldEscalateAnOverdueNeedUpTheChainAsFarAsItsStep() {
        var opened = TestNeeds.opened("RXH", "ward-10", UUID.randomUUID(), "2025-09", LocalDate.of(2025, 11, 1));
        assertThat(TrustMessages.forEscalation(opened)).isEmpty();
        assertThat(TrustMessages.forEscalation(escalated(opened, 1, "owner"))).extracting(Message::recipientRole)
                .containsExactly("audit-lead");
        assertThat(TrustMessages.forEscalation(escalated(opened, 2, "clinical-lead"))).extracting(Message::recipientRole)
                .containsExactly("audit-lead", "clinical-lead");
        List<Message> third = TrustMessages.forEscalation(escalated(opened, 3, "medical-director"));
        assertThat(third).extracting(Message::recipientRole).containsExactly("audit-lead", "clinical-lead", "medical-director");
        assertThat(third.get(0).subject()).isEqualTo("Overdue: improvement need for surgery-within-36h at ward-10 (RXH)");
        assertThat(third.get(0).body()).contains("was due by 2025-11-01", "29 days overdue");
        assertThat(TrustMessages.forEscalation(escalated(opened, 4, "chief-executive"))).hasSize(4);
    }

    @Test
    void shouldCelebrateAnImprovedNeedWithTheClinicalAndImprovementLeads() {
        var need = TestNeeds.opened("RXH", "ward-10", UUID.randomUUID(), "2025-09", LocalDate.of(2025, 11, 1));
        assertThat(TrustMessages.forImproved(need)).extracting(Message::recipientRole)
                .containsExactly("clinical-lead", "improvement-lead");
        assertThat(TrustMessages.forImproved(need).get(0).subject()).isEqualTo("Improved: surgery-within-36h at ward-10 (RXH)");
    }

    private static uk.nhs.pdsa.events.ImprovementNeedState escalated(uk.nhs.pdsa.events.ImprovementNeedState n, int level,
            String role) {
        return new uk.nhs.pdsa.events.ImprovementNeedState(n.needId(), n.version() + level, n.status(), n.organisation(),
                n.microsystem(), n.audit(), n.metric(), n.openingFindingId(), n.evidence(), n.openedAt(), n.dueBy(), null,
                new uk.nhs.pdsa.events.ImprovementNeedState.Escalation(level, role, 29, Instant.now()), null, null,
                Instant.now());
    }
}
