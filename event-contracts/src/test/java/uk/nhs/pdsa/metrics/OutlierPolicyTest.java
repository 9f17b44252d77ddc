package uk.nhs.pdsa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.nhs.pdsa.events.AuditDefined;

/** Analysis periods and when they close: outliers come from closed periods of complete data, not month by month. */
class OutlierPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "financial-year, 2025-03, 2024-25, 2024-04, 2025-03",
            "financial-year, 2025-04, 2025-26, 2025-04, 2026-03",
            "calendar-year, 2025-07, 2025, 2025-01, 2025-12",
            "calendar-quarter, 2025-08, 2025-Q3, 2025-07, 2025-09",
            "calendar-quarter, 2025-12, 2025-Q4, 2025-10, 2025-12",
            "rolling-12-months, 2025-08, 12m-to-2025-09, 2024-10, 2025-09"})
    void shouldCutTimeIntoTheAuditsAnalysisPeriods(String kind, YearMonth month, String label, YearMonth first, YearMonth last) {
        AnalysisPeriod p = AnalysisPeriod.Kind.of(kind).containing(month);
        assertThat(p).isEqualTo(new AnalysisPeriod(label, first, last));
        assertThat(p.contains(month)).isTrue();
        assertThat(p.contains(last.plusMonths(1))).isFalse();
        assertThat(p.months()).hasSize(kind.equals("calendar-quarter") ? 3 : 12);
    }

    @Test
    void shouldCloseAPeriodItsWorkingDaysAfterItsLastDayAndListOnlyClosedOnes() {
        OutlierPolicy nhfd = new OutlierPolicy(AnalysisPeriod.Kind.CALENDAR_QUARTER, 20, Set.of("mortality-30-day"), null);
        AnalysisPeriod q4 = AnalysisPeriod.Kind.CALENDAR_QUARTER.containing(YearMonth.of(2025, 12));
        // 20 working days after Wednesday 31 December 2025, New Year's Day not counted: Thursday 29 January 2026.
        assertThat(nhfd.submissionsClose(q4)).isEqualTo(LocalDate.of(2026, 1, 29));
        assertThat(nhfd.closed(q4, LocalDate.of(2026, 1, 29))).isFalse();
        assertThat(nhfd.closed(q4, LocalDate.of(2026, 1, 30))).isTrue();
        assertThat(nhfd.closedPeriods(YearMonth.of(2025, 1), LocalDate.of(2026, 1, 30)))
                .extracting(AnalysisPeriod::label).containsExactly("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
        assertThat(nhfd.closedPeriods(YearMonth.of(2025, 1), LocalDate.of(2025, 4, 1))).isEmpty();
        assertThat(nhfd.analyses("mortality-30-day")).isTrue();
        assertThat(nhfd.analyses("surgery-within-36h")).isFalse();
        assertThat(nhfd.timescales()).isEqualTo(OutlierPolicy.HQIP_DEFAULT);

        OutlierPolicy rolling = new OutlierPolicy(AnalysisPeriod.Kind.ROLLING_12_MONTHS, 0, Set.of("m"), null);
        assertThat(rolling.closedPeriods(YearMonth.of(2025, 1), LocalDate.of(2025, 10, 1)))
                .extracting(AnalysisPeriod::label).containsExactly("12m-to-2025-03", "12m-to-2025-06", "12m-to-2025-09");
    }

    @Test
    void shouldRefuseAPolicyThatCannotWork() {
        assertThatThrownBy(() -> new OutlierPolicy(null, 10, Set.of("m"), null)).hasMessageContaining("analysis period");
        assertThatThrownBy(() -> new OutlierPolicy(AnalysisPeriod.Kind.CALENDAR_YEAR, 10, Set.of(), null))
                .hasMessageContaining("metric");
        assertThatThrownBy(() -> new OutlierPolicy(AnalysisPeriod.Kind.CALENDAR_YEAR, -1, Set.of("m"), null))
                .hasMessageContaining("working days");
        assertThatThrownBy(() -> new OutlierPolicy.Timescales(10, 0, 5, 10, 5)).hasMessageContaining("1 to 120");
        assertThatThrownBy(() -> AnalysisPeriod.Kind.of("monthly")).hasMessageContaining("financial-year");
    }

    @Test
    void shouldReadTheCataloguesPolicyWithHqipTimescalesForThoseItLeavesOut() {
        AuditDefined.Outliers stated = new AuditDefined.Outliers("calendar-quarter", 15, List.of("mortality-30d"),
                new AuditDefined.Timescales(null, 30, null, null, 3));

        AuditDefined.Outliers kept = OutlierPolicy.complete(stated);
        OutlierPolicy policy = OutlierPolicy.of(stated);

        assertThat(kept.timescales()).isEqualTo(new AuditDefined.Timescales(10, 30, 5, 10, 3));
        assertThat(policy.period()).isEqualTo(AnalysisPeriod.Kind.CALENDAR_QUARTER);
        assertThat(policy.submissionsCloseAfter()).isEqualTo(15);
        assertThat(policy.analyses("mortality-30d")).isTrue();
        assertThat(policy.timescales()).isEqualTo(new OutlierPolicy.Timescales(10, 30, 5, 10, 3));
        assertThat(OutlierPolicy.of(new AuditDefined.Outliers("financial-year", 0, List.of("m"), null)).timescales())
                .isEqualTo(OutlierPolicy.HQIP_DEFAULT);
        assertThatThrownBy(() -> OutlierPolicy.of(new AuditDefined.Outliers("financial-year", null, List.of("m"), null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2025-26        | 2025-04 | 2026-03 | April 2025 to March 2026",
            "2025           | 2025-01 | 2025-12 | January to December 2025",
            "2025-Q3        | 2025-07 | 2025-09 | July to September 2025",
            "12m-to-2025-09 | 2024-10 | 2025-09 | October 2024 to September 2025"})
    void shouldReadEachKindOfLabelBackToItsMonthsAndWords(String label, String first, String last, String words) {
        AnalysisPeriod period = AnalysisPeriod.ofLabel(label).orElseThrow();
        assertThat(period.label()).isEqualTo(label);
        assertThat(period.first()).isEqualTo(YearMonth.parse(first));
        assertThat(period.last()).isEqualTo(YearMonth.parse(last));
        assertThat(period.inWords()).isEqualTo(words);
    }

    @Test
    void shouldNotReadLabelsThatNameNoPeriod() {
        for (String label : new String[] {"2025-27", "2025-12", "2025-Q5", "12m-to-2025-08", "", "last year"}) {
            assertThat(AnalysisPeriod.ofLabel(label)).as(label).isEmpty();
        }
        assertThat(AnalysisPeriod.ofLabel(null)).isEmpty();
    }
}
