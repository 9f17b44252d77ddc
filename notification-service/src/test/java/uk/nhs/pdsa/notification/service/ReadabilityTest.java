package uk.nhs.pdsa.notification.service;

import uk.nhs.pdsa.testing.Readability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.notification.service.DisclosureMessages.Disclosed;

class ReadabilityTest {

    @Test
    void shouldScorePlainAndDenseEnglishApart() {
        // Flesch's own scale: short words in short sentences score high, long words in long sentences low.
        assertThat(Readability.fleschReadingEase("The cat sat on the mat. It was a good cat.")).isGreaterThan(90);
        assertThat(Readability.fleschReadingEase("Statistical process control methodology differentiates"
                + " common cause variation from special cause variation utilising probabilistic limits.")).isLessThan(10);
        assertThat(Readability.syllables("hospital")).isEqualTo(3);
        assertThat(Readability.syllables("care")).isEqualTo(1);
    }

    @Test
    void shouldWritePatientMessagesInPlainEnglishWithoutStatisticalTerms() {
        for (String orientation : new String[] {"concern", "improvement"}) {
            for (String[] metric : new String[][] {{"surgery-within-36h", "Surgery within 36 hours of admission"},
                    {"mortality-30-day", "Death within 30 days of admission"}}) {
                Disclosed d = new Disclosed("RJ1", "Guy's and St Thomas' NHS Foundation Trust", null, "nhfd",
                        "National Hip Fracture Database", metric[0], metric[1], "2025-12", "outlier", orientation,
                        "alarm-high", 0.14, 0.07);
                Message m = DisclosureMessages.forPatients("HWL", d);
                assertThat(Readability.fleschReadingEase(m.body())).as(m.body()).isGreaterThanOrEqualTo(60);
                assertThat(m.body().toLowerCase()).doesNotContain("special cause", "outlier", "funnel", "sigma",
                        "alarm", "control limit", "variation", "statistic");
                assertThat(m.body()).contains("December 2025", "14 in 100", "7 in 100");
                assertThat(m.recipientRole()).isEqualTo("patient-representative");
            }
        }
    }
}
