package uk.nhs.pdsa.portal.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ChangesTest {
    private static final List<String> MONTHS = List.of("2025-10", "2025-11", "2025-12", "2026-01");

    @Test
    void shouldPlaceAChangeDateInThePeriodThatHoldsIt() {
        assertThat(Changes.periodOf(LocalDate.of(2025, 11, 1), MONTHS)).isEqualTo("2025-11");
        assertThat(Changes.periodOf(LocalDate.of(2025, 11, 30), MONTHS)).isEqualTo("2025-11");
        assertThat(Changes.periodOf(LocalDate.of(2026, 2, 1), MONTHS)).as("after the chart's last period").isNull();
        assertThat(Changes.periodOf(LocalDate.of(2025, 8, 14), List.of("2025-Q2", "2025-Q3"))).isEqualTo("2025-Q3");
    }

    @Test
    void shouldMarkTheCyclesOfThisSeriesOnlyOldestFirstNumbered() throws Exception {
        JsonNode needs = new ObjectMapper().readTree("""
                [{"audit": "nhfd", "metric": "within-36h", "microsystem": "ward-a", "cycles": [
                   {"title": "Weekend review", "stage": "do", "changeDate": "2026-01-09"},
                   {"title": "Theatre slot held", "stage": "act", "changeDate": "2025-11-12"},
                   {"title": "Not yet done", "stage": "plan", "changeDate": null}]},
                 {"audit": "nhfd", "metric": "within-36h", "microsystem": "ward-b", "cycles": [
                   {"title": "Another ward", "stage": "do", "changeDate": "2025-12-01"}]},
                 {"audit": "nhfd", "metric": "mortality", "microsystem": "ward-a", "cycles": [
                   {"title": "Another measure", "stage": "do", "changeDate": "2025-12-01"}]}]""");
        List<Changes.Change> changes = Changes.of(needs, "nhfd", "within-36h", "ward-a", MONTHS);
        assertThat(changes).extracting(Changes.Change::title).containsExactly("Theatre slot held", "Weekend review");
        assertThat(changes.get(0).note()).isEqualTo("2025-11:1. Theatre slot held");
        assertThat(changes.get(1).note()).isEqualTo("2026-01:2. Weekend review");
        assertThat(changes.get(0).day()).isEqualTo("12 November 2025");
        assertThat(Changes.of(needs, "nhfd", "within-36h", null, MONTHS)).as("the whole trust's chart").isEmpty();
    }
}
