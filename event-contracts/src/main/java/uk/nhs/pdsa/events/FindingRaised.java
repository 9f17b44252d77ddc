package uk.nhs.pdsa.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A computed statement about variation in one series: the latest point shows special cause.
 * {@code findingId} is derived from the series, the period and the variation, so a replay or a
 * recomputation raises the same id again and consumers can ignore it.
 * Schema: {@code docs/events/nhs.pdsa.finding.raised.v1.schema.json}.
 */
public record FindingRaised(
        UUID findingId,
        String audit,
        String metric,
        String direction,
        String organisation,
        String microsystem,
        String period,
        String chart,
        String variation,
        double value,
        double centreLine,
        double lowerLimit,
        double upperLimit,
        List<Signal> signals,
        Instant raisedAt) {

    /** One special-cause rule that fired, and the periods of the points it covers. */
    public record Signal(String rule, String fromPeriod, String toPeriod) {
    }

    public SeriesKey seriesKey() {
        return new SeriesKey(audit, metric, organisation, microsystem);
    }

    /** The variation values used in {@link #variation()}. */
    public static final class Variation {
        public static final String COMMON_CAUSE = "common-cause";
        public static final String SPECIAL_CAUSE_CONCERN = "special-cause-concern";
        public static final String SPECIAL_CAUSE_IMPROVEMENT = "special-cause-improvement";
        public static final String SPECIAL_CAUSE_NEUTRAL = "special-cause-neutral";

        private Variation() {
        }
    }
}
