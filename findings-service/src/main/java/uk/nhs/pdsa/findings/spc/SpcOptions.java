package uk.nhs.pdsa.findings.spc;

import java.util.List;
import java.util.Set;

import uk.nhs.pdsa.metrics.SpcRules;

/**
 * How a chart is computed and read. Every field has the Making Data Count default.
 *
 * @param trendLength                 points all rising or all falling that make a trend (7)
 * @param shiftLength                 points on one side of the centre line that make a shift (7)
 * @param twoOfThreeCountsBeyondThree whether points beyond 3σ count towards "two of three beyond 2σ"
 *                                    (false: only points between 2σ and 3σ count)
 * @param screenMovingRanges          XmR: drop moving ranges at or above 3.267·MR̄ once and recompute MR̄ (true)
 * @param baselinePoints              limits from the first N points of each segment only (null: all points)
 * @param rebaseAt                    labels at which a new segment, with its own centre and limits, starts
 * @param exclude                     labels left out of the limit calculation (still plotted and tested)
 */
public record SpcOptions(int trendLength, int shiftLength, boolean twoOfThreeCountsBeyondThree,
        boolean screenMovingRanges, Integer baselinePoints, List<String> rebaseAt, Set<String> exclude) {

    public static final SpcOptions DEFAULTS = new SpcOptions(SpcRules.DEFAULT_RUN_LENGTH, SpcRules.DEFAULT_RUN_LENGTH,
            false, true, null, List.of(), Set.of());

    /**
     * A stored series without settings of its own: the defaults with limits from the first
     * {@link SpcRules#DEFAULT_BASELINE_POINTS} points of each segment.
     */
    public static final SpcOptions SERIES_DEFAULTS = new SpcOptions(SpcRules.DEFAULT_RUN_LENGTH,
            SpcRules.DEFAULT_RUN_LENGTH, false, true, SpcRules.DEFAULT_BASELINE_POINTS, List.of(), Set.of());

    /** @throws IllegalArgumentException for lengths outside {@link SpcRules}' bounds */
    public SpcOptions {
        SpcRules.runLength("trendLength", trendLength).or(() -> SpcRules.runLength("shiftLength", shiftLength))
                .or(() -> SpcRules.baseline(baselinePoints)).ifPresent(problem -> {
                    throw new IllegalArgumentException(problem);
                });
        rebaseAt = rebaseAt == null ? List.of() : List.copyOf(rebaseAt);
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
    }
}
