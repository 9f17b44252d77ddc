package uk.nhs.pdsa.findings.spc;

import java.util.ArrayList;
import java.util.List;

/**
 * The NHS "Making Data Count" special-cause rules (NHS England and NHS Improvement, <i>Making Data
 * Count: Strengthening your decisions</i>, 2019, p. 10). Each rule reports every point of a triggering
 * run, so a chart can highlight all of them.
 */
public enum SpecialCauseRule {
    /** A single point above the upper or below the lower control limit. */
    BEYOND_LIMITS("beyond-limits") {
        @Override
        public List<Signal> apply(List<ChartPoint> points, int runLength) {
            List<Signal> signals = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                if (points.get(i).isAboveUpperLimit()) {
                    signals.add(new Signal(this, i, i, Side.HIGH));
                } else if (points.get(i).isBelowLowerLimit()) {
                    signals.add(new Signal(this, i, i, Side.LOW));
                }
            }
            return signals;
        }
    },
    /** {@code runLength} or more consecutive points on one side of the centre line; a point on the line breaks the run. */
    SHIFT("shift") {
        @Override
        public List<Signal> apply(List<ChartPoint> points, int runLength) {
            return runs(this, points, runLength, i -> {
                ChartPoint p = points.get(i);
                return p.value() > p.centre() ? Side.HIGH : p.value() < p.centre() ? Side.LOW : null;
            }, 0);
        }
    },
    /** {@code runLength} or more consecutive points each higher (or each lower) than the one before; a tie breaks it. */
    TREND("trend") {
        @Override
        public List<Signal> apply(List<ChartPoint> points, int runLength) {
            // The side of point i is the direction of the step from i-1 to i; a run of k steps spans k+1 points.
            return runs(this, points, runLength - 1, i -> {
                if (i == 0) {
                    return null;
                }
                double step = points.get(i).value() - points.get(i - 1).value();
                return step > 0 ? Side.HIGH : step < 0 ? Side.LOW : null;
            }, 1);
        }
    };

    /** The run length Making Data Count uses for shifts and trends. */
    public static final int DEFAULT_RUN_LENGTH = 7;

    private final String code;

    SpecialCauseRule(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public abstract List<Signal> apply(List<ChartPoint> points, int runLength);

    /**
     * Runs of equal, non-null sides at least {@code minimum} long. {@code lead} extra points before the run
     * belong to the signal (the trend's starting point).
     */
    private static List<Signal> runs(SpecialCauseRule rule, List<ChartPoint> points, int minimum,
            java.util.function.IntFunction<Side> sideOf, int lead) {
        List<Signal> signals = new ArrayList<>();
        int start = 0;
        Side current = null;
        for (int i = 0; i <= points.size(); i++) {
            Side side = i < points.size() ? sideOf.apply(i) : null;
            if (side != current || side == null) {
                if (current != null && i - start >= minimum) {
                    signals.add(new Signal(rule, start - lead, i - 1, current));
                }
                start = i;
                current = side;
            }
        }
        return signals;
    }
}
