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
                .singleElement().extracting(Message::subject).asString().startsWith("Improvement:");
        assertThat(TrustMessages.forFinding(finding("special-cause-neutral"))).isEmpty();
    }

    @Test
    void shouldTellTheClinicalLeadOfAnOutlierAgainstTheNationalValueAndNothingOnceResolved() {
        FindingState outlier = TestFindings.lowOutlier("RJ1", "2025-12", "alarm", 0.52, 0.78);
        assertThat(TrustMessages.forFinding(outlier)).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Outlier: surgery-within-36h at RJ1 in 2025-12");
            assertThat(m.body()).contains("52.0% against 78.0% across all trusts", "alarm level");
        });
        FindingState resolved = new FindingState(outlier.findingId(), outlier.kind(), FindingState.RESOLVED, 2,
                outlier.orientation(), outlier.audit(), outlier.metric(), outlier.direction(), outlier.organisation(),
                null, outlier.period(), outlier.value(), null, outlier.outlier(), outlier.raisedAt(), Instant.now(),
                Instant.now());
        assertThat(TrustMessages.forFinding(resolved)).isEmpty();
    }

    @Test
    void shouldGiveTheDueDateOfANewNeed() {
        var need = TestNeeds.opened("RXH", null, UUID.randomUUID(), "2025-09", LocalDate.of(2025, 11, 1));
        assertThat(TrustMessages.forNeed(need)).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Improvement need opened: surgery-within-36h at RXH");
            assertThat(m.body()).contains("by 2025-11-01");
        });
    }
}
