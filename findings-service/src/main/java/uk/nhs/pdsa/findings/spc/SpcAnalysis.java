package uk.nhs.pdsa.findings.spc;

import uk.nhs.pdsa.metrics.SpcRules;
import uk.nhs.pdsa.metrics.ChartType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A series read as Making Data Count reads it: the chart, the rules that fired, each point's variation,
 * the assurance against the target, and for run charts the Anhøj runs analysis. With fewer than
 * {@link SpcRules#MIN_BASELINE_POINTS} points the limits are shown but provisional and no icons are derived (every point
 * is common cause, variation and assurance are empty/none).
 * <p>
 * A point covered by signals of both orientations counts as concern: a concern must not be hidden by a
 * coincident improvement signal.
 *
 * @param baselinePoints limits from the first this many points of each segment (null: from all of them)
 */
public record SpcAnalysis(ChartType chart, String direction, Double target, List<ChartPoint> points,
        List<Signal> signals, List<Variation> variations, boolean provisional, Assurance assurance,
        RunsAnalysis runs, Integer baselinePoints) {

    public static SpcAnalysis of(ChartType chart, String direction, List<Observation> observations) {
        return of(chart, direction, null, observations, SpcOptions.DEFAULTS);
    }

    public static SpcAnalysis of(ChartType chart, String direction, Double target, List<Observation> observations,
            SpcOptions options) {
        List<ChartPoint> points = ControlChart.compute(chart, observations, options);
        boolean provisional = points.size() < SpcRules.MIN_BASELINE_POINTS;
        List<Signal> signals = new ArrayList<>();
        RunsAnalysis runs = chart == ChartType.RUN ? RunsAnalysis.of(points) : null;
        if (!provisional && chart != ChartType.RUN) {
            for (SpecialCauseRule rule : SpecialCauseRule.values()) {
                signals.addAll(rule.apply(points, options));
            }
        }
        List<Variation> variations = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            variations.add(variationAt(i, signals, direction));
        }
        Assurance assurance = provisional || points.isEmpty() ? Assurance.NONE
                : Assurance.of(points.get(points.size() - 1), target, direction);
        return new SpcAnalysis(chart, direction, target, points, List.copyOf(signals), List.copyOf(variations),
                provisional, assurance, runs, options.baselinePoints());
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
    public Optional<Variation> latestVariation() {
        return provisional || points.isEmpty() ? Optional.empty() : Optional.of(variations.get(variations.size() - 1));
    }

    /** The signals that cover the latest point. */
    public List<Signal> signalsAtLatest() {
        int last = points.size() - 1;
        return signals.stream().filter(s -> s.covers(last)).toList();
    }

    /** The signals that cover point {@code index}. */
    public List<Signal> signalsAt(int index) {
        return signals.stream().filter(s -> s.covers(index)).toList();
    }
}
