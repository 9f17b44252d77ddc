package uk.nhs.pdsa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Against the bank holidays in England and Wales as GOV.UK publishes them (https://www.gov.uk/bank-holidays, and
 * its JSON at https://www.gov.uk/bank-holidays.json), including substitute days and the one-off changes of 2020,
 * 2022 and 2023.
 */
class EnglandWorkingDaysTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2020|2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28",
            "2021|2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28",
            "2022|2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27",
            "2023|2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26",
            "2024|2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26",
            "2025|2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26",
            "2026|2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28",
            "2027|2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28"})
    void shouldKnowTheBankHolidaysGovUkPublishes(int year, String dates) {
        assertThat(EnglandWorkingDays.bankHolidays(year))
                .containsExactlyElementsOf(Arrays.stream(dates.split(" ")).map(LocalDate::parse).toList());
    }

    @Test
    void shouldCountDeadlinesInWorkingDays() {
        // Ten working days from Thursday 17 April 2025 skip Good Friday, Easter Monday, the early May bank holiday
        // and three weekends.
        assertThat(EnglandWorkingDays.plusWorkingDays(LocalDate.of(2025, 4, 17), 10)).isEqualTo(LocalDate.of(2025, 5, 6));
        // Over Christmas 2026: Friday 25 and Monday 28 (Boxing Day's substitute) are holidays.
        assertThat(EnglandWorkingDays.plusWorkingDays(LocalDate.of(2026, 12, 24), 3)).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(EnglandWorkingDays.plusWorkingDays(LocalDate.of(2026, 11, 30), 0)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(EnglandWorkingDays.workingDaysBetween(LocalDate.of(2025, 4, 17), LocalDate.of(2025, 5, 6))).isEqualTo(10);
        assertThat(EnglandWorkingDays.workingDaysBetween(LocalDate.of(2025, 5, 2), LocalDate.of(2025, 4, 17))).isZero();
        assertThat(EnglandWorkingDays.isWorkingDay(LocalDate.of(2026, 12, 28))).isFalse();
        assertThat(EnglandWorkingDays.isWorkingDay(LocalDate.of(2026, 12, 29))).isTrue();
        assertThatThrownBy(() -> EnglandWorkingDays.plusWorkingDays(LocalDate.of(2026, 1, 5), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1818, 1818-03-22", "1943, 1943-04-25", "2000, 2000-04-23", "2024, 2024-03-31", "2038, 2038-04-25"})
    void shouldFindEasterSundayIncludingItsEarliestAndLatestDates(int year, LocalDate easter) {
        assertThat(EnglandWorkingDays.easterSunday(year)).isEqualTo(easter);
    }
}
