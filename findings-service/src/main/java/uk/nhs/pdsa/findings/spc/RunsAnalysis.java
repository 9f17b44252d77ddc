package uk.nhs.pdsa.findings.spc;

import java.util.List;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The Anhøj runs rules for run charts (Anhøj and Olesen, "Run charts revisited: a simulation study of run
 * chart rules for detection of non-random variation in health care processes", <i>PLoS ONE</i> 9(11), 2014,
 * e113825). Points on the median are not useful and are ignored; with n useful points, non-random variation
 * is signalled when the longest run on one side of the median is longer than round(log₂ n) + 3, or when
 * the median is crossed fewer times than the 5th percentile of Binomial(n − 1, 0.5).
 *
 * @param useful        points not on the median
 * @param longestRun    the longest run of consecutive useful points on one side
 * @param longestRunMax the longest run expected by chance: round(log₂ n) + 3
 * @param crossings     how many times consecutive useful points lie on opposite sides
 * @param crossingsMin  the fewest crossings expected by chance: the 5th percentile of Binomial(n − 1, 0.5)
 */
public record RunsAnalysis(int useful, int longestRun, int longestRunMax, int crossings, int crossingsMin) {

    public boolean signal() {
        return longestRun > longestRunMax || crossings < crossingsMin;
    }

    public static RunsAnalysis of(List<ChartPoint> points) {
        int useful = 0;
        int longest = 0;
        int run = 0;
        int crossings = 0;
        int previous = 0;
        for (ChartPoint p : points) {
            int side = Double.compare(p.value(), p.centre());
            if (side == 0) {
                continue;
            }
            useful++;
            if (side == previous) {
                run++;
            } else {
                if (previous != 0) {
                    crossings++;
                }
                run = 1;
                previous = side;
            }
            longest = Math.max(longest, run);
        }
        int longestMax = (int) Math.round(Math.log(Math.max(useful, 1)) / Math.log(2)) + 3;
        // inverseCumulativeProbability(p) is the smallest x with P(X <= x) >= p: the 5th percentile.
        int crossingsMin = useful < 2 ? 0 : BinomialDistribution.of(useful - 1, 0.5).inverseCumulativeProbability(0.05);
        return new RunsAnalysis(useful, longest, longestMax, crossings, crossingsMin);
    }
}
