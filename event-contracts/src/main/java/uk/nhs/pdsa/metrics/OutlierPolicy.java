package uk.nhs.pdsa.metrics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import uk.nhs.pdsa.events.AuditDefined;

/**
 * An audit's outlier policy: how its data are cut into analysis periods, when a period's submissions close, which
 * metrics are compared, and how many working days (England) each stage of an outlier case has.
 *
 * @param period                 how the audit cuts time into analysis periods
 * @param submissionsCloseAfter  working days after a period's last day until its submissions close
 * @param metrics                the metrics compared between providers
 * @param timescales             working days per stage
 */
public record OutlierPolicy(AnalysisPeriod.Kind period, int submissionsCloseAfter, Set<String> metrics, Timescales timescales) {

    /**
     * Working days each stage has: the audit team checks its data and analysis ({@code providerAnalysis}); the
     * trust's clinical lead reviews the data ({@code dataReview}); the audit tells the medical director, the chief
     * executive and, for an alarm, the regulator ({@code inform}); the trust acknowledges and responds
     * ({@code response}); an overdue stage of the trust is escalated once, with {@code escalation} more days.
     */
    public record Timescales(int providerAnalysis, int dataReview, int inform, int response, int escalation) {
        public Timescales {
            for (int days : new int[] {providerAnalysis, dataReview, inform, response, escalation}) {
                if (days < 1 || days > MAX_STAGE_DAYS) {
                    throw new IllegalArgumentException("a stage has 1 to " + MAX_STAGE_DAYS + " working days");
                }
            }
        }
    }

    /**
     * The stages' working days this platform starts an audit with, as we read HQIP's "Detection and management of
     * outliers for National Clinical Audits" (2017, Table 1, alarms): 10 for the audit's own check, 25 for the trust's
     * clinical lead, 5 to tell the trust's board and the regulator, 10 for the trust's acknowledgement and response.
     * Each audit publishes its own policy: set these from it.
     */
    public static final Timescales HQIP_DEFAULT = new Timescales(10, 25, 5, 10, 5);

    /** Bounds the catalogue checks a definition against. */
    public static final int MAX_STAGE_DAYS = 120;
    public static final int MAX_CLOSE_AFTER = 260;

    /**
     * The policy an audit's definition states, unset timescales taken from {@link #HQIP_DEFAULT}.
     *
     * @throws IllegalArgumentException when the definition breaks a rule (the catalogue refuses such definitions)
     */
    public static OutlierPolicy of(AuditDefined.Outliers o) {
        AuditDefined.Outliers full = complete(o);
        AuditDefined.Timescales t = full.timescales();
        return new OutlierPolicy(AnalysisPeriod.Kind.of(full.analysisPeriod()),
                full.submissionsCloseAfter() == null ? -1 : full.submissionsCloseAfter(),
                full.metrics() == null ? Set.of() : Set.copyOf(full.metrics()),
                new Timescales(t.providerAnalysis(), t.dataReview(), t.inform(), t.response(), t.escalation()));
    }

    /** The definition with each unset stage timescale filled from {@link #HQIP_DEFAULT}: what the catalogue keeps. */
    public static AuditDefined.Outliers complete(AuditDefined.Outliers o) {
        AuditDefined.Timescales t = o.timescales() == null
                ? new AuditDefined.Timescales(null, null, null, null, null) : o.timescales();
        Timescales d = HQIP_DEFAULT;
        return new AuditDefined.Outliers(o.analysisPeriod(), o.submissionsCloseAfter(), o.metrics(),
                new AuditDefined.Timescales(or(t.providerAnalysis(), d.providerAnalysis()), or(t.dataReview(), d.dataReview()),
                        or(t.inform(), d.inform()), or(t.response(), d.response()), or(t.escalation(), d.escalation())));
    }

    private static Integer or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    public OutlierPolicy {
        if (period == null) {
            throw new IllegalArgumentException("an analysis period is required");
        }
        if (submissionsCloseAfter < 0 || submissionsCloseAfter > MAX_CLOSE_AFTER) {
            throw new IllegalArgumentException("submissions close 0 to " + MAX_CLOSE_AFTER + " working days after the period");
        }
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one metric is analysed");
        }
        metrics = Set.copyOf(metrics);
        timescales = timescales == null ? HQIP_DEFAULT : timescales;
    }

    public boolean analyses(String metric) {
        return metrics.contains(metric);
    }

    /** The last day results for {@code p} are taken (after it, the period is closed and analysed once). */
    public LocalDate submissionsClose(AnalysisPeriod p) {
        return EnglandWorkingDays.plusWorkingDays(p.last().atEndOfMonth(), submissionsCloseAfter);
    }

    /** Whether {@code p} is closed on {@code today}: its submissions closed before today. */
    public boolean closed(AnalysisPeriod p, LocalDate today) {
        return today.isAfter(submissionsClose(p));
    }

    /** The closed analysis periods from the one holding {@code firstMonth} on, oldest first. */
    public List<AnalysisPeriod> closedPeriods(YearMonth firstMonth, LocalDate today) {
        List<AnalysisPeriod> closed = new ArrayList<>();
        for (AnalysisPeriod p = period.containing(firstMonth); closed(p, today); p = period.next(p)) {
            closed.add(p);
        }
        return closed;
    }
}
