package uk.nhs.pdsa.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Improvement needs as action-plan-service publishes them, for consumers' tests. */
public final class TestNeeds {
    private TestNeeds() {
    }

    /** A need just opened (version 1) by one special cause concern in {@code period}. */
    public static ImprovementNeedState opened(String organisation, String microsystem, UUID findingId, String period,
            LocalDate dueBy) {
        Instant now = Instant.now();
        return new ImprovementNeedState(UUID.randomUUID(), 1, ImprovementNeedState.OPEN, organisation, microsystem, "nhfd",
                "surgery-within-36h", findingId,
                List.of(new ImprovementNeedState.Evidence(findingId, FindingState.SPECIAL_CAUSE, period,
                        "special-cause-concern", FindingState.OPEN)),
                now, dueBy, null, null, null, null, now);
    }
}
