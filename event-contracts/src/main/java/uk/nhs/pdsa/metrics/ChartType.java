package uk.nhs.pdsa.metrics;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The SPC charts the platform draws; which suit a metric is {@link MetricType#charts()}. */
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

    /** The codes in declaration order, for messages: {@code p, pp, u, up, c, xmr, run}. */
    public static final String CODES = String.join(", ", Arrays.stream(values()).map(ChartType::code).toList());

    private final String code;
    private final boolean counted;

    ChartType(String code, boolean counted) {
        this.code = code;
        this.counted = counted;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** Whether points are numerator and denominator (or a count) rather than a value. */
    public boolean counted() {
        return counted;
    }

    /** The chart with this code, if any. */
    public static Optional<ChartType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    /** @throws IllegalArgumentException for an unknown code */
    public static ChartType fromCode(String code) {
        return of(code).orElseThrow(() -> new IllegalArgumentException("unknown chart " + code + "; one of " + CODES));
    }
}
