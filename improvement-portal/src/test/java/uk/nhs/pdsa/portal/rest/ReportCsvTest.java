package uk.nhs.pdsa.portal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report's CSV cells: commas and quotes kept, and nothing a spreadsheet would run as a formula. */
class ReportCsvTest {

    @Test
    void shouldQuoteWhatNeedsQuotingAndDisarmFormulas() {
        assertThat(ReportPages.cell("Trauma ward 2")).isEqualTo("Trauma ward 2");
        assertThat(ReportPages.cell("Surgery, within 36 hours")).isEqualTo("\"Surgery, within 36 hours\"");
        assertThat(ReportPages.cell("the \"fast-track\" slot")).isEqualTo("\"the \"\"fast-track\"\" slot\"");
        assertThat(ReportPages.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ReportPages.cell("-1")).isEqualTo("'-1");
        assertThat(ReportPages.cell(null)).isEmpty();
    }
}
