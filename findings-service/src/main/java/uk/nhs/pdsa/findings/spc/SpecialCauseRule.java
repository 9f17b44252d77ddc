package uk.nhs.pdsa.findings.spc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The NHS "Making Data Count" special-cause rules (NHS England and NHS Improvement, <i>Making Data Count:
 * Strengthening your decisions</i>, 2019, p. 10; <i>Making Data Count: Getting started</i>, 2019, p. 26), each
 * judged against each point's own centre line and limits. Each signal covers every point of its triggering
 * run, so a chart can highlight all of them.
 */
public enum SpecialCauseRule {
    /** A single point above the upper or below the lower control limit. */
    BEYOND_LIMITS("beyond-limits") {
        @Override
        public List<Signal> apply(List<ChartPoint> points, SpcOptions options) {
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
    /** {@code shiftLength} or more consecutive points on one side of the centre line; a point on the line breaks the run. */
    SHIFT("shift") {
        @Override
        public List<Signal> apply(List<ChartPoint> points, SpcOptions options) {
            return runs(this, points, options.shiftLength(), i -> {
                ChartPoint p = points.get(i);
                return p.value() > p.centre() ? Side.HIGH : p.value() < p.centre() ? Side.LOW : null;
            }, 0);
        }
    },
    /** {@code trendLength} or more consecutive points each higher (or each lower) than the one before; a tie breaks it. */
    TREND("trend") {
        @Override
        public List<Signal> apply(List<ChartPoint> points, SpcOptions options) {
            // The side of point i is the direction of the step from i-1 to i; a run of k steps spans k+1 points.
            return runs(this, points, options.trendLength() - 1, i -> {
                if (i == 0) {
                    return null;
                }
                double step = points.get(i).value() - points.get(i - 1).value();
                return step > 0 ? Side.HIGH : step < 0 ? Side.LOW : null;
            }, 1);
        }
    },
    /**
     * Two of three consecutive points beyond 2σ on the same side. By default only points between 2σ and 3σ
     * count (a point beyond 3σ is already its own signal); {@code twoOfThreeCountsBeyondThree} counts every
     * point beyond 2σ. The signal spans the qualifying points of the window.
     */
    TWO_OF_THREE("two-of-three") {
        @Override
        public List<Signal> apply(List<ChartPoint> points, SpcOptions options) {
            List<Signal> signals = new ArrayList<>();
            for (Side side : Side.values()) {
                Signal open = null;
                for (int start = 0; start + 3 <= points.size(); start++) {
                    int first = -1;
                    int last = -1;
                    int count = 0;
                    for (int i = start; i < start + 3; i++) {
                        if (near(points.get(i), side, options.twoOfThreeCountsBeyondThree())) {
                            count++;
                            first = first < 0 ? i : first;
                            last = i;
                        }
                    }
                    if (count < 2) {
                        continue;
                    }
                    if (open != null && first <= open.to()) {
                        open = new Signal(this, open.from(), Math.max(open.to(), last), side);
                    } else {
                        if (open != null) {
                            signals.add(open);
                        }
                        open = new Signal(this, first, last, side);
                    }
                }
                if (open != null) {
                    signals.add(open);
                }
            }
            signals.sort(java.util.Comparator.comparingInt(Signal::from));
            return signals;
        }

        private boolean near(ChartPoint p, Side side, boolean countBeyondThree) {
            if (!p.hasLimits()) {
                return false;
            }
            return side == Side.HIGH
                    ? p.value() > p.upperNear() && (countBeyondThree || p.value() <= p.upperLimit())
                    : p.value() < p.lowerNear() && (countBeyondThree || p.value() >= p.lowerLimit());
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

    public abstract List<Signal> apply(List<ChartPoint> points, SpcOptions options);

    /**
     * Runs of equal, non-null sides at least {@code minimum} long. {@code lead} extra points before the run
     * belong to the signal (the trend's starting point).
     */
    private static List<Signal> runs(SpecialCauseRule rule, List<ChartPoint> points, int minimum,
            IntFunction<Side> sideOf, int lead) {
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
