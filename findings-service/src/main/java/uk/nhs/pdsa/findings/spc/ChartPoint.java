package uk.nhs.pdsa.findings.spc;

/**
 * A plotted point with its centre line, 3-sigma control limits and 2-sigma "near" lines. Limits can
 * differ point to point on p and u charts, because sigma depends on each point's size.
 */
public record ChartPoint(String label, double value, double centre, double lowerLimit, double upperLimit,
        double lowerNear, double upperNear) {

    public boolean isAboveUpperLimit() {
        return value > upperLimit;
    }

    public boolean isBelowLowerLimit() {
        return value < lowerLimit;
    }
}
