package uk.nhs.pdsa.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Findings as findings-service publishes them, for consumers' tests (audit nhfd, metric surgery-within-36h). */
public final class TestFindings {
    private TestFindings() {
    }

    /** An open special cause on a microsystem's p chart; {@code variation} sets the orientation. */
    public static FindingState specialCause(String organisation, String microsystem, String period, String variation,
            double value, double centreLine) {
        String orientation = switch (variation) {
            case "special-cause-concern" -> FindingState.CONCERN;
            case "special-cause-improvement" -> FindingState.IMPROVEMENT;
            default -> FindingState.NEUTRAL;
        };
        Instant now = Instant.now();
        return new FindingState(UUID.randomUUID(), FindingState.SPECIAL_CAUSE, FindingState.OPEN, 1, orientation,
                "nhfd", "surgery-within-36h", "higher-is-better", organisation, microsystem, period, value,
                new FindingState.SpecialCause("p", variation, "2025-03", centreLine, 0.62, 0.96,
                        List.of(new FindingState.Signal("shift", "2025-03", period))),
                null, now, now, null);
    }

    /** An open outlier of a trust in the funnel of one period, low side (a concern: higher is better). */
    public static FindingState lowOutlier(String organisation, String period, String level, double value, double target) {
        Instant now = Instant.now();
        return new FindingState(UUID.randomUUID(), FindingState.OUTLIER, FindingState.OPEN, 1, FindingState.CONCERN,
                "nhfd", "surgery-within-36h", "higher-is-better", organisation, null, period, value, null,
                new FindingState.Outlier(level, "low", level + "-low", Math.round(value * 100), 100, null, target, -3.5,
                        new FindingState.Limits(target - 0.14, target - 0.09, target + 0.08, target + 0.12), "none", 1.0,
                        0.0, 12),
                now, now, null);
    }
}
