package uk.nhs.pdsa.portal.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTest {
    // The meanings of NHS England's Making Data Count variation icons, in the words the portal shows.
    @ParameterizedTest
    @CsvSource({
        "special-cause-concern,     Getting worse (special cause: concern),           nhsuk-tag--orange",
        "special-cause-improvement, Getting better (special cause: improvement),      nhsuk-tag--blue",
        "special-cause-neutral,     'Changed (special cause, no direction)',          nhsuk-tag--purple",
        "common-cause,              No significant change (common cause),             nhsuk-tag--grey",
    })
    void shouldNameEachVariationInPlainWordsWithItsColour(String code, String words, String tag) {
        assertThat(Words.variation(code)).isEqualTo(words);
        assertThat(Words.variationTag(code)).isEqualTo(tag);
    }

    @Test
    void shouldSayWhenThereIsNotEnoughDataYet() {
        assertThat(Words.variation(null)).isEqualTo("Not enough data yet");
        assertThat(Words.variationTag(null)).isEqualTo("nhsuk-tag--grey");
    }

    @Test
    void shouldShowProportionsAsPercentagesAndPeriodsAsMonths() {
        assertThat(Words.value(0.86, true)).isEqualTo("86.0%");
        assertThat(Words.value(12.345, false)).isEqualTo("12.35");
        assertThat(Words.period("2025-03")).isEqualTo("March 2025");
        // An outlier policy's analysis periods, by their months; anything else as it is.
        assertThat(Words.period("2025-Q1")).isEqualTo("January to March 2025");
        assertThat(Words.period("2025-26")).isEqualTo("April 2025 to March 2026");
        assertThat(Words.period("2025")).isEqualTo("January to December 2025");
        assertThat(Words.period("week 12")).isEqualTo("week 12");
        assertThat(Words.day("2026-12-30")).isEqualTo("30 December 2026");
        assertThat(Words.day("2026-12-30T09:15:02Z")).isEqualTo("30 December 2026");
    }

    @Test
    void shouldSayWhereAnOutlierCaseStandsAndWhoActedByRoleOnly() {
        assertThat(Words.outlierStage("data-review")).isEqualTo("Waiting for the trust's clinical lead to review the data");
        assertThat(Words.outlierCaseLevel("alarm")).isEqualTo("Alarm: beyond the 99.8 % limit");
        assertThat(Words.outlierCaseLevel("alert")).isEqualTo("Alert: beyond the 95 % limit");
        assertThat(Words.outlierRole("clinical-lead")).isEqualTo("The trust's clinical lead");
        assertThat(Words.outlierAction("revised-data-still-alarm"))
                .isEqualTo("Analysed again on revised data: still beyond the alarm limit");
        assertThat(Words.outlierAction("still-alert-after-correction"))
                .isEqualTo("Analysed again on revised data: still beyond the alert limit");
        assertThat(Words.published("Guy's", "Death within 30 days", "the hip fracture audit", "April 2025 to March 2026",
                "concern")).startsWith("From April 2025 to March 2026, the result");
    }

    @Test
    void shouldSayWhatANeedIsWaitingFor() {
        assertThat(Words.needStatus("open")).isEqualTo("Waiting for an answer");
        assertThat(Words.needStatus("in-progress")).isEqualTo("PDSA cycle under way");
        assertThat(Words.findingKind("outlier", "concern")).isEqualTo("Outlier among trusts: concern");
    }

    @Test
    void shouldTellAHistoryInWordsWithoutIdentifiers() {
        assertThat(Words.needAction("answered-by-cycle")).isEqualTo("Answered by planning a PDSA cycle");
        assertThat(Words.needAction("something-new")).isEqualTo("something new");
        assertThat(Words.actor("action-plan-service")).isEqualTo("the platform");
        assertThat(Words.actor("a623131d-45ff-4fef-9e4f-4e9fbb88062f@RXH")).isEqualTo("someone at RXH");
        assertThat(Words.funnelVerdict("alarm-low")).isEqualTo("Alarm: below the 99.8% limit");
        assertThat(Words.cycleWaits("study")).startsWith("Studied: waiting for a decision");
        assertThat(Words.assuranceTag("consistently-failing")).isEqualTo("nhsuk-tag--orange");
    }

    @Test
    void shouldTellPatientsWhatWasPublishedInPlainEnglish() {
        String sentence = Words.published("University Hospitals Sussex NHS Foundation Trust", "Surgery within 36 hours",
                "National Hip Fracture Database", "December 2025", "concern");
        assertThat(sentence).contains("In December 2025", "was worse than we would expect").doesNotContain("special cause", "outlier",
                "variation", "limit");
        assertThat(uk.nhs.pdsa.testing.Readability.fleschReadingEase(sentence)).as("Flesch reading ease").isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0, 0, false, 'Since then, the trust has not yet told us of a change it is trying.'",
            "1, 0, 0, false, 'Since then, the trust has tried one change to its care to see if it helps.'",
            "3, 2, 1, false, 'Since then, the trust has tried 3 changes to its care, one at a time, to see what helps. It has checked the results of 2 so far. One change worked and is now part of its usual care.'",
            "3, 3, 2, true, 'Since then, the trust has tried 3 changes to its care, one at a time, to see what helps. It has checked the results of each. 2 changes worked and are now part of its usual care. Its results have got better.'"
    })
    void shouldTellPatientsWhatTheTrustHasDoneSinceInPlainEnglish(int started, int finished, int adopted, boolean improved,
            String expected) {
        String words = Words.since(started, finished, adopted, improved);
        assertThat(words).isEqualTo(expected).doesNotContain("PDSA", "cycle", "adopt");
        assertThat(uk.nhs.pdsa.testing.Readability.fleschReadingEase(words)).as("Flesch reading ease").isGreaterThanOrEqualTo(60);
    }

    @org.junit.jupiter.api.Test
    void shouldGiveAStandardisedRatiosCountsAsObservedAndExpected() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(Words.counts(json.readTree("{\"numerator\": 7, \"denominator\": 52, \"expected\": 3.7125}")))
                .isEqualTo("7 observed, 3.71 expected");
        assertThat(Words.counts(json.readTree("{\"numerator\": 41, \"denominator\": 52}"))).isEqualTo("41 of 52");
        assertThat(Words.counts(json.readTree("{\"value\": 19.5}"))).isEmpty();
        assertThat(Words.countsHeading("standardised-ratio")).isEqualTo("Observed and expected");
        assertThat(Words.countsHeading("proportion")).isEqualTo("Patients");
    }
}
