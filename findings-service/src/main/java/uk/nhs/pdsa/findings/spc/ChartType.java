package uk.nhs.pdsa.findings.spc;

/** The Shewhart chart that suits a metric's type. */
public enum ChartType {
    /** Proportions (numerator of denominator): p chart. */
    P("p"),
    /** Rates (events per exposure): u chart. */
    U("u"),
    /** Measured values: XmR (individuals and moving range) chart. */
    XMR("xmr");

    private final String code;

    ChartType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
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
}
