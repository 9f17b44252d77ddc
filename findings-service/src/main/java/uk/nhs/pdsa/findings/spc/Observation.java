package uk.nhs.pdsa.findings.spc;

/**
 * One point of a series. For p and u charts {@code count} of {@code size} (numerator over denominator);
 * for XmR charts {@code value} alone.
 */
public record Observation(String label, double count, double size, double value) {

    public static Observation counted(String label, long numerator, long denominator) {
        if (denominator <= 0 || numerator < 0) {
            throw new IllegalArgumentException(label + ": need numerator >= 0 and denominator > 0");
        }
        return new Observation(label, numerator, denominator, (double) numerator / denominator);
    }

    /** A standardised ratio: {@code observed} over the risk model's {@code expected} count (a decimal area). */
    public static Observation standardised(String label, long observed, double expected) {
        if (observed < 0 || !(expected > 0) || Double.isInfinite(expected)) {
            throw new IllegalArgumentException(label + ": need observed >= 0 and expected > 0");
        }
        return new Observation(label, observed, expected, observed / expected);
    }

    public static Observation measured(String label, double value) {
        return new Observation(label, Double.NaN, Double.NaN, value);
    }
}
