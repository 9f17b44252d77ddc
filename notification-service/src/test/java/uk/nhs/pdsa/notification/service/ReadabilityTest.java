package uk.nhs.pdsa.notification.service;

import uk.nhs.pdsa.testing.Readability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
                        "alarm-high", 0.14, 0.07, false);
                Message m = DisclosureMessages.forPatients("HWL", d);
                assertThat(Readability.fleschReadingEase(m.body())).as(m.body()).isGreaterThanOrEqualTo(60);
                assertThat(m.body().toLowerCase()).doesNotContain("special cause", "outlier", "funnel", "sigma",
                        "alarm", "control limit", "variation", "statistic");
                assertThat(m.body()).contains("December 2025", "14 in 100", "7 in 100");
                assertThat(m.recipientRole()).isEqualTo("patient-representative");
            }
        }
    }

    @Test
    void shouldWriteAStandardisedRatioForPatientsAsCountsForEveryHundredExpected() {
        Disclosed d = new Disclosed("RJ1", "Guy's and St Thomas' NHS Foundation Trust", null, "nela",
                "National Emergency Laparotomy Audit", "mortality-30-day", "Death within 30 days of surgery, against"
                        + " expected", "2025-12", "special-cause", "concern", "special-cause-concern", 1.62, 1.01, true);
        String words = DisclosureMessages.forPatients("HWL", d).body();
        assertThat(words).contains("In December 2025, for \"Death within 30 days of surgery, against expected\", there"
                + " were 162 for every 100 we would expect for patients like these. Most of the time it was about 101 for"
                + " every 100.").doesNotContain(" in 100", "ratio", "%");
        assertThat(Readability.fleschReadingEase(words)).as(words).isGreaterThanOrEqualTo(60);
        assertThat(DisclosureMessages.collegeSummary("RCSENG", "National Emergency Laparotomy Audit", List.of(d)).body())
                .contains("observed 1.62 times expected against 1.01 usually").doesNotContain("162.0%");
    }
}
