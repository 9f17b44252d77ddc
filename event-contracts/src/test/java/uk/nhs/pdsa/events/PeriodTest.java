package uk.nhs.pdsa.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @Test
    void shouldReadMonthsQuartersAndYears() {
        assertThat(Period.parse("2025-03")).satisfies(p -> {
            assertThat(p.granularity()).isEqualTo(Period.Granularity.MONTH);
            assertThat(p.start()).isEqualTo(LocalDate.of(2025, 3, 1));
            assertThat(p.end()).isEqualTo(LocalDate.of(2025, 4, 1));
        });
        assertThat(Period.parse("2025-Q4").start()).isEqualTo(LocalDate.of(2025, 10, 1));
        assertThat(Period.parse("2025-Q4").end()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(Period.parse("2024").end()).isEqualTo(LocalDate.of(2025, 1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-13", "2025-00", "2025-Q5", "25-03", "2025-3", "2025/03", "", "1800", "2025-03-01"})
    void shouldRejectWhatIsNotAPeriod(String text) {
        assertThatThrownBy(() -> Period.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldOrderByStartThenLength() {
        List<String> sorted = Stream.of("2025-04", "2025", "2024-12", "2025-Q1", "2025-01")
                .map(Period::parse).sorted().map(Period::text).toList();
        assertThat(sorted).containsExactly("2024-12", "2025-01", "2025-Q1", "2025", "2025-04");
    }
}
