package uk.nhs.pdsa.actionplan.pdsa;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pdsa.events.PdsaCycleState.Measure;

/**
 * What a linked series showed at Study, as findings charted it: the points before the change and since,
 * their means, and any special cause since the change with its orientation.
 *
 * @param available   false when findings holds no results for the series (then only {@code note} says why)
 * @param before      points of the periods that ended before the change date
 * @param after       points from the period that contains the change date on
 * @param improvement special cause improvement among the points since the change, or null
 * @param concern     special cause concern among the points since the change, or null
 * @param sustained   special cause improvement since the change and the latest point is still improvement
 */
@Schema(name = "MeasureEvidence", description = "What one linked series showed at Study (read-only)", example = """
        {"measure": {"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "RXH", "microsystem": "trauma-ward-2"},
         "available": true, "note": null, "chart": "p", "direction": "higher-is-better", "changeDate": "2026-05-04",
         "before": [{"period": "2026-04", "value": 0.84, "pointType": "common-cause"}],
         "after": [{"period": "2026-05", "value": 0.96, "pointType": "special-cause-improvement"}],
         "beforeMean": 0.75, "afterMean": 0.96,
         "improvement": {"orientation": "improvement", "firstPeriod": "2026-05", "lastPeriod": "2026-05", "points": 1, "rules": ["two-of-three"]},
         "concern": null, "latestPointType": "special-cause-improvement", "sustained": true}""")
public record MeasureEvidence(Measure measure, boolean available, String note, String chart, String direction,
        LocalDate changeDate, List<PointValue> before, List<PointValue> after, Double beforeMean, Double afterMean,
        SpecialCause improvement, SpecialCause concern, String latestPointType, boolean sustained) {

    /** One charted point: its period, value and point type (common-cause, special-cause-improvement, ...). */
    @Schema(name = "EvidencePoint", example = """
            {"period": "2026-05", "value": 0.96, "pointType": "special-cause-improvement"}""")
    public record PointValue(String period, double value, String pointType) {
    }

    /** The points since the change with special cause of one orientation, and the rules that flagged them. */
    @Schema(name = "SpecialCauseSinceChange", example = """
            {"orientation": "improvement", "firstPeriod": "2026-05", "lastPeriod": "2026-07", "points": 3, "rules": ["two-of-three"]}""")
    public record SpecialCause(String orientation, String firstPeriod, String lastPeriod, int points, List<String> rules) {
    }

    public static MeasureEvidence unavailable(Measure measure, LocalDate changeDate, String note) {
        return new MeasureEvidence(measure, false, note, null, null, changeDate, List.of(), List.of(), null, null, null,
                null, null, false);
    }

    /** Whether the mean since the change is better than before it, as the metric's direction reads "better". */
    public boolean meanBetter() {
        if (beforeMean == null || afterMean == null) {
            return false;
        }
        return switch (direction == null ? "neutral" : direction) {
            case "higher-is-better" -> afterMean > beforeMean;
            case "lower-is-better" -> afterMean < beforeMean;
            default -> false;
        };
    }
}
