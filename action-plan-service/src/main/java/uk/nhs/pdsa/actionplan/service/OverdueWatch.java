package uk.nhs.pdsa.actionplan.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.actionplan.ImprovementNeed;
import uk.nhs.pdsa.actionplan.PdsaCycle;
import uk.nhs.pdsa.events.ImprovementNeedState;

/**
 * Looks for unanswered needs past their due date (escalating each step of the schedule once) and running
 * cycles past their planned end (reported once per planned end). Each item is its own transaction under a
 * row lock, and the step reached is stored with it, so replicas running the watch at once raise nothing
 * twice.
 */
@ApplicationScoped
public class OverdueWatch {
    private static final Logger LOG = Logger.getLogger(OverdueWatch.class);

    private final Clock clock;
    private final ImprovementNeedService needs;
    private final PdsaCycleService cycles;

    public OverdueWatch(Clock clock, ImprovementNeedService needs, PdsaCycleService cycles) {
        this.clock = clock;
        this.needs = needs;
        this.cycles = cycles;
    }

    /** What one pass raised. */
    public record Pass(int escalations, int overdueCycles) {
    }

    @Scheduled(every = "${pdsa.needs.check-every}", delayed = "${pdsa.needs.check-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Pass pass = run();
        if (pass.escalations() + pass.overdueCycles() > 0) {
            LOG.infof("Overdue watch: %d need escalation(s), %d overdue cycle(s)", pass.escalations(), pass.overdueCycles());
        }
    }

    public Pass run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ImprovementNeedService.ENGLAND);
        List<UUID> overdueNeeds = QuarkusTransaction.requiringNew().call(() -> ImprovementNeed
                .<ImprovementNeed>list("status = ?1 and dueBy < ?2 and escalationLevel < ?3", ImprovementNeedState.OPEN, today,
                        needs.schedule().steps().size()).stream()
                .map(n -> n.id).toList());
        int escalations = 0;
        for (UUID id : overdueNeeds) {
            if (QuarkusTransaction.requiringNew().call(() -> needs.escalateIfDue(id, today))) {
                escalations++;
            }
        }
        List<UUID> lateCycles = QuarkusTransaction.requiringNew().call(() -> PdsaCycle
                .<PdsaCycle>list("stage <> 'act' and plannedEnd < ?1 and (overdueFor is null or overdueFor <> plannedEnd)", today)
                .stream().map(c -> c.id).toList());
        int overdue = 0;
        for (UUID id : lateCycles) {
            if (QuarkusTransaction.requiringNew().call(() -> cycles.reportOverdue(id, today))) {
                overdue++;
            }
        }
        return new Pass(escalations, overdue);
    }
}
