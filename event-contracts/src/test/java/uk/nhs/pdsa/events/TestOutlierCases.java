package uk.nhs.pdsa.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Outlier cases as findings-service publishes them, for consumers' tests. */
public final class TestOutlierCases {
    private TestOutlierCases() {
    }

    /**
     * The case of {@code organisation} on nhfd mortality-30-day in 2025-26 (118 of 820 against 7.12 %) after a step;
     * {@code response} null while the trust has not responded.
     */
    public static OutlierCaseState at(UUID caseId, int version, String organisation, String level, String stage,
            String action, String actedBy, String nextActor, LocalDate dueBy, OutlierCaseState.Response response) {
        Instant now = Instant.now();
        return new OutlierCaseState(caseId, version, "nhfd", "mortality-30-day", "2025-26", organisation, level, stage,
                action, actedBy, nextActor, dueBy, false, false, 118L, 820L, null, 118 / 820.0, 0.0712, response,
                now.minusSeconds(3600), now);
    }

    /** The same case with {@code reportedToRegulator} set. */
    public static OutlierCaseState reported(OutlierCaseState c) {
        return new OutlierCaseState(c.caseId(), c.version(), c.audit(), c.metric(), c.period(), c.organisation(),
                c.level(), c.stage(), c.action(), c.actedBy(), c.nextActor(), c.dueBy(), true, true, c.numerator(),
                c.denominator(), c.expected(), c.value(), c.target(), c.response(), c.openedAt(), c.updatedAt());
    }

    /** The same case on a standardised ratio: 118 deaths of 820 patients where 64.3 were expected (ratio 1.835). */
    public static OutlierCaseState standardised(OutlierCaseState c) {
        return new OutlierCaseState(c.caseId(), c.version(), c.audit(), c.metric(), c.period(), c.organisation(),
                c.level(), c.stage(), c.action(), c.actedBy(), c.nextActor(), c.dueBy(), c.escalated(),
                c.reportedToRegulator(), c.numerator(), c.denominator(), 64.3, c.numerator() / 64.3, 1.0, c.response(),
                c.openedAt(), c.updatedAt());
    }
}
