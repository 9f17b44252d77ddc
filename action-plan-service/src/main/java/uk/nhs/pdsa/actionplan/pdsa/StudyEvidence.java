package uk.nhs.pdsa.actionplan.pdsa;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.events.PdsaCycleState.Measure;

/** Builds the evidence of one linked series from its chart points and the date the change was made. */
public final class StudyEvidence {
    public static final String IMPROVEMENT = "special-cause-improvement";
    public static final String CONCERN = "special-cause-concern";

    private StudyEvidence() {
    }

    /** A charted point as findings returns it. */
    public record ChartedPoint(String period, double value, String pointType, List<String> signals) {
    }

    /**
     * Splits the chart at the change: a period that ended before the change date is "before"; the period
     * that contains the change date, and every later one, is "after" (the change was in effect for part or
     * all of it).
     */
    public static MeasureEvidence of(Measure measure, String chart, String direction, LocalDate changeDate,
            List<ChartedPoint> points) {
        List<MeasureEvidence.PointValue> before = new ArrayList<>();
        List<MeasureEvidence.PointValue> after = new ArrayList<>();
        List<ChartedPoint> since = new ArrayList<>();
        for (ChartedPoint p : points) {
            MeasureEvidence.PointValue value = new MeasureEvidence.PointValue(p.period(), p.value(), p.pointType());
            if (!Period.parse(p.period()).end().isAfter(changeDate)) {
                before.add(value);
            } else {
                after.add(value);
                since.add(p);
            }
        }
        MeasureEvidence.SpecialCause improvement = specialCause(since, IMPROVEMENT);
        String latest = points.isEmpty() ? null : points.get(points.size() - 1).pointType();
        boolean sustained = improvement != null && IMPROVEMENT.equals(latest);
        return new MeasureEvidence(measure, true, after.isEmpty() ? "no results since the change yet" : null, chart,
                direction, changeDate, before, after, mean(before), mean(after), improvement,
                specialCause(since, CONCERN), latest, sustained);
    }

    private static MeasureEvidence.SpecialCause specialCause(List<ChartedPoint> since, String pointType) {
        List<ChartedPoint> flagged = since.stream().filter(p -> pointType.equals(p.pointType())).toList();
        if (flagged.isEmpty()) {
            return null;
        }
        Set<String> rules = new LinkedHashSet<>();
        flagged.forEach(p -> rules.addAll(p.signals() == null ? List.of() : p.signals()));
        String orientation = pointType.equals(IMPROVEMENT) ? "improvement" : "concern";
        return new MeasureEvidence.SpecialCause(orientation, flagged.get(0).period(),
                flagged.get(flagged.size() - 1).period(), flagged.size(), List.copyOf(rules));
    }

    private static Double mean(List<MeasureEvidence.PointValue> points) {
        return points.isEmpty() ? null : points.stream().mapToDouble(MeasureEvidence.PointValue::value).average().orElseThrow();
    }
}
