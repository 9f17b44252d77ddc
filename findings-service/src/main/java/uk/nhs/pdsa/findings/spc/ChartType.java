package uk.nhs.pdsa.findings.spc;

import java.util.Arrays;

/** The charts the service draws; which suit a metric depends on its type (see {@link #suits(String)}). */
public enum ChartType {
    /** Proportions (numerator of denominator): p chart. */
    P("p", true),
    /** Proportions with large denominators: Laney p′ chart (p chart corrected for overdispersion). */
    PP("pp", true),
    /** Rates (events per exposure): u chart. */
    U("u", true),
    /** Rates with large exposures: Laney u′ chart. */
    UP("up", true),
    /** Counts in equal areas of opportunity: c chart (the numerator alone). */
    C("c", true),
    /** Measured values: XmR (individuals and moving range) chart. */
    XMR("xmr", false),
    /** Any values against their median, read with the Anhøj runs rules; no control limits. */
    RUN("run", false);

    private final String code;
    private final boolean counted;

    ChartType(String code, boolean counted) {
        this.code = code;
        this.counted = counted;
    }

    public String code() {
        return code;
    }

    /** Whether points are numerator and denominator (or a count) rather than a value. */
    public boolean counted() {
        return counted;
    }

    /** @param metricType {@code proportion}, {@code rate} or {@code value} */
    public static ChartType forMetricType(String metricType) {
        return switch (metricType) {
            case "proportion" -> P;
            case "rate" -> U;
            case "value" -> XMR;
            default -> throw new IllegalArgumentException("Unknown metric type: " + metricType);
        };
    }

    /** @throws IllegalArgumentException for an unknown code */
    public static ChartType fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown chart " + code + "; one of p, pp, u, up, c, xmr, run"));
    }

    /** Whether this chart can draw a metric of the given type. */
    public boolean suits(String metricType) {
        return switch (metricType) {
            case "proportion" -> this == P || this == PP || this == XMR || this == RUN;
            case "rate" -> this == U || this == UP || this == C || this == XMR || this == RUN;
            case "value" -> this == XMR || this == RUN;
            default -> false;
        };
    }
}
