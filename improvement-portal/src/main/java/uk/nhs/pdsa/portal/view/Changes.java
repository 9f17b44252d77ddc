package uk.nhs.pdsa.portal.view;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pdsa.events.Period;

/**
 * The PDSA changes tested on a series: every cycle of the improvement needs of that series that has recorded a
 * change date, placed at the chart period the date falls in, oldest first.
 */
public final class Changes {
    /** A change as the chart marks it and the page lists it. */
    public record Change(int number, String label, String day, String title, String stage) {
        /** The note findings draws: {@code period:text}. */
        public String note() {
            String text = title.length() > 70 ? title.substring(0, 69) + "…" : title;
            return label + ":" + number + ". " + text.replaceAll("\\p{Cntrl}", " ");
        }
    }

    private Changes() {
    }

    /**
     * @param needs  the improvement needs of the organisation (action-plan's list items, each with its cycles)
     * @param labels the chart's period labels, oldest first
     */
    public static List<Change> of(JsonNode needs, String audit, String metric, String microsystem, List<String> labels) {
        List<JsonNode> cycles = new ArrayList<>();
        for (JsonNode need : needs) {
            if (audit.equals(need.path("audit").asText()) && metric.equals(need.path("metric").asText())
                    && Objects.equals(blankToNull(microsystem), Links.text(need, "microsystem"))) {
                need.path("cycles").forEach(c -> {
                    if (c.hasNonNull("changeDate")) {
                        cycles.add(c);
                    }
                });
            }
        }
        cycles.sort(Comparator.comparing((JsonNode c) -> c.path("changeDate").asText()));
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : cycles) {
            LocalDate day = LocalDate.parse(c.path("changeDate").asText());
            String label = periodOf(day, labels);
            if (label != null) {
                changes.add(new Change(changes.size() + 1, label, Words.day(day.toString()), c.path("title").asText(),
                        c.path("stage").asText()));
            }
        }
        return changes;
    }

    /** The label of the period that holds {@code day}; null when the chart does not reach it. */
    public static String periodOf(LocalDate day, List<String> labels) {
        for (String label : labels) {
            try {
                Period period = Period.parse(label);
                if (!day.isBefore(period.start()) && day.isBefore(period.end())) {
                    return label;
                }
            } catch (IllegalArgumentException e) {
                return null; // not a calendar period: nothing to place the date on
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
