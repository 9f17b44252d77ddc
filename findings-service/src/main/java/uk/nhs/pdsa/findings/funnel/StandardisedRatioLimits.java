package uk.nhs.pdsa.findings.funnel;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Exact Poisson control limits for an indirectly standardised ratio (observed / expected, target 1) at an expected
 * count E, as Spiegelhalter (2005, "Funnel plots for comparing institutional performance", Statistics in Medicine
 * 24:1185) gives them and FunnelPlotR's {@code SR} data type draws them: the lower limit at probability p is
 * χ²(p; 2E) / 2E and the upper limit at 1 − p is χ²(1 − p; 2(E + 1)) / 2E, the chi-square form of the Poisson
 * quantiles, continuous in E: the exact limits of the {@code standardised-ratio} funnel (see docs/outliers.md).
 */
public final class StandardisedRatioLimits {
    private StandardisedRatioLimits() {
    }

    /** The 95 % (alert) and 99.8 % (alarm) limits of a ratio at {@code expected} (&gt; 0). */
    public static FunnelPlot.Limits at(double expected) {
        if (!(expected > 0) || Double.isInfinite(expected)) {
            throw new IllegalArgumentException("expected must be a positive count");
        }
        return new FunnelPlot.Limits(lower(expected, 0.001), lower(expected, 0.025), upper(expected, 0.975),
                upper(expected, 0.999));
    }

    static double lower(double expected, double p) {
        return ChiSquaredDistribution.of(2 * expected).inverseCumulativeProbability(p) / (2 * expected);
    }

    static double upper(double expected, double p) {
        return ChiSquaredDistribution.of(2 * (expected + 1)).inverseCumulativeProbability(p) / (2 * expected);
    }
}
