package uk.nhs.pdsa.findings.spc;

import java.util.ArrayList;
import java.util.List;

/**
 * A series read as Making Data Count reads it: the chart, the rules that fired, and each point's
 * variation. With fewer than {@link #MINIMUM_POINTS} points the limits are provisional and no
 * variation is derived (every point is common cause and {@link #latestVariation()} is empty).
 * <p>
 * A point covered by signals of both orientations counts as concern: a concern must not be hidden
 * by a coincident improvement signal.
 */
public record SpcAnalysis(ChartType chart, String direction, List<ChartPoint> points, List<Signal> signals,
        List<Variation> variations, boolean provisional) {

    /** Making Data Count: at least 12 points before limits are relied upon. */
    public static final int MINIMUM_POINTS = 12;

    public static SpcAnalysis of(ChartType chart, String direction, List<Observation> observations) {
        return of(chart, direction, observations, SpecialCauseRule.DEFAULT_RUN_LENGTH);
    }

    public static SpcAnalysis of(ChartType chart, String direction, List<Observation> observations, int runLength) {
        List<ChartPoint> points = ControlChart.compute(chart, observations);
        boolean provisional = points.size() < MINIMUM_POINTS;
        List<Signal> signals = new ArrayList<>();
        if (!provisional) {
            for (SpecialCauseRule rule : SpecialCauseRule.values()) {
                signals.addAll(rule.apply(points, runLength));
            }
        }
        List<Variation> variations = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            variations.add(variationAt(i, signals, direction));
        }
        return new SpcAnalysis(chart, direction, List.copyOf(points), List.copyOf(signals), List.copyOf(variations),
                provisional);
    }

    private static Variation variationAt(int index, List<Signal> signals, String direction) {
        Variation result = Variation.COMMON_CAUSE;
        for (Signal s : signals) {
            if (s.covers(index)) {
                Variation v = Variation.of(s.side(), direction);
                if (v == Variation.SPECIAL_CAUSE_CONCERN) {
                    return v;
                }
                result = v;
            }
        }
        return result;
    }

    /** The variation icon: the latest point's variation, empty while provisional. */
    public java.util.Optional<Variation> latestVariation() {
        return provisional || points.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(variations.get(variations.size() - 1));
    }

    /** The signals that cover the latest point. */
    public List<Signal> signalsAtLatest() {
        int last = points.size() - 1;
        return signals.stream().filter(s -> s.covers(last)).toList();
    }
}
