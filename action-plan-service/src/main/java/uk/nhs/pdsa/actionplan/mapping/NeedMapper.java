package uk.nhs.pdsa.actionplan.mapping;

import uk.nhs.pdsa.actionplan.ImprovementNeed;
import uk.nhs.pdsa.events.ImprovementNeedOpened;

public final class NeedMapper {
    private NeedMapper() {
    }

    public static ImprovementNeedOpened toOpenedEvent(ImprovementNeed need, String period) {
        return new ImprovementNeedOpened(need.id, need.organisation, need.microsystem, need.audit, need.metric,
                need.openingFindingId, period, need.openedAt, need.dueBy);
    }
}
