package uk.nhs.pdsa.metrics;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an audit metric measures, and so how it is charted and compared. The charts that suit each type follow
 * NHS England's <i>Making Data Count</i> guides ("Statistical process control: choosing the right chart"):
 * attribute charts for counted data (p/p′ for proportions, u/u′/c for rates), XmR for measured values, and a run
 * chart or XmR for anything.
 */
public enum MetricType {
    /** Numerator of denominator, for example patients operated on within 36 hours of all patients. */
    PROPORTION("proportion", ChartType.P, EnumSet.of(ChartType.P, ChartType.PP, ChartType.XMR, ChartType.RUN)),
    /** Events per exposure, for example falls per 1,000 bed days. */
    RATE("rate", ChartType.U, EnumSet.of(ChartType.U, ChartType.UP, ChartType.C, ChartType.XMR, ChartType.RUN)),
    /** A measured value, for example median time to surgery in hours. */
    VALUE("value", ChartType.XMR, EnumSet.of(ChartType.XMR, ChartType.RUN)),
    /**
     * An indirectly standardised ratio, observed over expected (O/E), for example deaths within 30 days against the
     * deaths the audit's risk model expects for the trust's patients: each result carries the observed count
     * (numerator), the patients (denominator) and the expected count. Compared on funnels with exact Poisson limits
     * around 1 (Spiegelhalter 2005); charted over time as a u-chart of O/E with the expected count as the area of
     * opportunity.
     */
    STANDARDISED_RATIO("standardised-ratio", ChartType.U, EnumSet.of(ChartType.U, ChartType.UP, ChartType.XMR,
            ChartType.RUN));

    private final String code;
    private final ChartType defaultChart;
    private final Set<ChartType> charts;

    MetricType(String code, ChartType defaultChart, Set<ChartType> charts) {
        this.code = code;
        this.defaultChart = defaultChart;
        this.charts = charts;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The metric type with this code, if any. */
    public static Optional<MetricType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    /**
     * Reads a code from JSON; an unknown code reads as null, so that request validation can name the field
     * (and an event with one fails its schema check) instead of failing deep in the parser.
     */
    @JsonCreator
    public static MetricType fromJson(String code) {
        return of(code).orElse(null);
    }

    /** @throws IllegalArgumentException for an unknown code */
    public static MetricType fromCode(String code) {
        return of(code).orElseThrow(() -> new IllegalArgumentException("unknown metric type " + code));
    }

    /** Whether a result carries numerator and denominator (true) or a value (false). */
    public boolean counted() {
        return this != VALUE;
    }

    /** Whether a result also carries the expected count of a risk model (standardised ratios). */
    public boolean standardised() {
        return this == STANDARDISED_RATIO;
    }

    /**
     * Whether trusts are compared on a funnel plot: proportions (binomial), rates and standardised ratios (Poisson).
     */
    public boolean funnelled() {
        return counted();
    }

    /** The chart used when the catalogue names none. */
    public ChartType defaultChart() {
        return defaultChart;
    }

    /** The charts that can draw this type, in {@link ChartType} order. */
    public Set<ChartType> charts() {
        return charts;
    }

    public boolean suits(ChartType chart) {
        return charts.contains(chart);
    }
}
