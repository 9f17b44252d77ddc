package uk.nhs.pdsa.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.events.FindingRaised;
import uk.nhs.pdsa.events.ImprovementNeedOpened;

class TrustMessagesTest {

    private static FindingRaised finding(String variation) {
        return new FindingRaised(UUID.randomUUID(), "nhfd", "surgery-within-36h", "higher-is-better", "RXH", "ward-10",
                "2025-09", "p", variation, 0.612, 0.79, 0.62, 0.96, List.of(), Instant.now());
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
    void shouldGiveTheDueDateOfANewNeed() {
        var need = new ImprovementNeedOpened(UUID.randomUUID(), "RXH", null, "nhfd", "surgery-within-36h",
                UUID.randomUUID(), "2025-09", Instant.now(), LocalDate.of(2025, 11, 1));
        assertThat(TrustMessages.forNeed(need)).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Improvement need opened: surgery-within-36h at RXH");
            assertThat(m.body()).contains("by 2025-11-01");
        });
    }
}
