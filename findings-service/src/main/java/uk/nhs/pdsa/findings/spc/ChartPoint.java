package uk.nhs.pdsa.findings.spc;

/**
 * A plotted point with its centre line, 3-sigma control limits and 2-sigma "near" lines. Limits can
 * differ point to point on p, p′, u and u′ charts, because sigma depends on each point's size. A run chart
 * has a centre (the median) and NaN limits.
 *
 * @param excluded left out of the limit calculation (still plotted and tested)
 * @param segment  which segment (0, 1, … after each rebase) the point belongs to
 */
public record ChartPoint(String label, double value, double centre, double lowerLimit, double upperLimit,
        double lowerNear, double upperNear, boolean excluded, int segment) {

    public boolean isAboveUpperLimit() {
        return value > upperLimit;
    }

    public boolean isBelowLowerLimit() {
        return value < lowerLimit;
    }

    public boolean hasLimits() {
        return !Double.isNaN(upperLimit);
    }
}
