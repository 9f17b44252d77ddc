package uk.nhs.pdsa.actionplan.escalation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an unanswered need escalates, and to whom: steps of days after the due date, each addressed to a
 * role, e.g. {@code 0d:owner, 14d:clinical-lead, 28d:medical-director}. A need is overdue from the day after
 * its due date; step {@code k} is reached on day {@code dueBy + 1 + days(k)}. If the watch was away across
 * several steps, the need goes straight to the highest step reached (its role is told; notification routes
 * up the chain).
 */
public final class EscalationSchedule {
    private static final Pattern STEP = Pattern.compile("^\\s*(\\d{1,4})d\\s*:\\s*([a-z][a-z0-9-]*)\\s*$");

    /** One step: {@code days} after the need became overdue, addressed to {@code role}; level counts from 1. */
    public record Step(int level, int days, String role) {
    }

    private final List<Step> steps;

    private EscalationSchedule(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * @param text steps as {@code <days>d:<role>}, comma-separated, days strictly increasing
     * @throws IllegalArgumentException naming the bad step
     */
    public static EscalationSchedule parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",")) {
            Matcher m = STEP.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("escalation step '" + part.trim() + "' must read <days>d:<role>, e.g. 14d:clinical-lead");
            }
            int days = Integer.parseInt(m.group(1));
            if (!steps.isEmpty() && days <= steps.get(steps.size() - 1).days()) {
                throw new IllegalArgumentException("escalation steps must be in increasing days: '" + part.trim()
                        + "' follows " + steps.get(steps.size() - 1).days() + "d");
            }
            steps.add(new Step(steps.size() + 1, days, m.group(2)));
        }
        return new EscalationSchedule(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    /** Days past the due date on {@code today} (0 on the first overdue day counts as 0 days after it). */
    public static int daysOverdue(LocalDate dueBy, LocalDate today) {
        return (int) Math.max(0, ChronoUnit.DAYS.between(dueBy.plusDays(1), today));
    }

    /** The highest step reached on {@code today}, if the need is overdue at all. */
    public Optional<Step> reached(LocalDate dueBy, LocalDate today) {
        if (!today.isAfter(dueBy)) {
            return Optional.empty();
        }
        int days = daysOverdue(dueBy, today);
        Step reached = null;
        for (Step s : steps) {
            if (s.days() <= days) {
                reached = s;
            }
        }
        return Optional.ofNullable(reached);
    }

    /** The step to raise now for a need already escalated to {@code currentLevel} (0 = never), if any. */
    public Optional<Step> due(LocalDate dueBy, LocalDate today, int currentLevel) {
        return reached(dueBy, today).filter(s -> s.level() > currentLevel);
    }
}
