package uk.nhs.pdsa.findings.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.findings.AuditOutlierPolicy;
import uk.nhs.pdsa.findings.MetricSettings;
import uk.nhs.pdsa.findings.PeriodAnalysis;
import uk.nhs.pdsa.findings.StoredOutlierCase;
import uk.nhs.pdsa.findings.funnel.FunnelPlot;
import uk.nhs.pdsa.findings.outlier.OutlierCase;
import uk.nhs.pdsa.findings.repository.SeriesRepository;
import uk.nhs.pdsa.metrics.AnalysisPeriod;
import uk.nhs.pdsa.metrics.OutlierPolicy;

/**
 * Compares providers as the audit's outlier policy says (HQIP 2017): on each closed analysis period, once, from its
 * complete data (each trust's results summed over the period's months), at alert (95 %) and alarm (99.8 %) limits
 * on the side of concern. A trust beyond them gets an outlier case, which people then move through the policy's
 * stages ({@link OutlierCases}). A period whose data are revised later is analysed again, and the analysis says
 * what changed; cases follow the new analysis as {@link OutlierCase#revisedData} says. The live monthly funnels are
 * information only for the metrics a policy analyses.
 */
@ApplicationScoped
public class OutlierAnalysis {
    private static final Logger LOG = Logger.getLogger(OutlierAnalysis.class);

    /** One analysis or clock run at a time, across every instance: a period's cases are opened once. */
    private static final String ONE_AT_A_TIME = "select pg_advisory_xact_lock(hashtext('pdsa.outlier-analysis'))";

    private final SeriesRepository repository;
    private final OutlierCaseEvents events;
    private final jakarta.persistence.EntityManager em;
    private final Clock clock;

    public OutlierAnalysis(SeriesRepository repository, OutlierCaseEvents events, jakarta.persistence.EntityManager em,
            Clock clock) {
        this.repository = repository;
        this.events = events;
        this.em = em;
        this.clock = clock;
    }

    /** The analyses this run made or changed. */
    public record Run(List<PeriodAnalysis> analysed, int casesOpened, int casesChanged) {
    }

    @Scheduled(every = "${pdsa.outliers.check-every}", delayed = "${pdsa.outliers.first-check-after}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Run run = run(null);
        int ticked = tick();
        if (!run.analysed().isEmpty() || ticked > 0) {
            LOG.infof("Outlier analysis: %d period(s) analysed, %d case(s) opened, %d changed, %d moved by the clock",
                    run.analysed().size(), run.casesOpened(), run.casesChanged(), ticked);
        }
    }

    /** Analyses every closed period of every analysed metric (of one audit, or all) that is new or whose data changed. */
    @Transactional
    public Run run(String onlyAudit) {
        em.createNativeQuery(ONE_AT_A_TIME).getSingleResult();
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        List<PeriodAnalysis> analysed = new ArrayList<>();
        int[] counts = new int[2];
        for (AuditOutlierPolicy stated : AuditOutlierPolicy.stated()) {
            Optional<OutlierPolicy> policy = stated.rules();
            if (policy.isEmpty() || onlyAudit != null && !onlyAudit.equals(stated.audit)) {
                continue;
            }
            for (String metric : policy.get().metrics()) {
                MetricSettings settings = MetricSettings.findById(new MetricSettings.Key(stated.audit, metric));
                Optional<FunnelPlot.Type> type = settings == null ? Optional.empty() : FunnelPlot.Type.of(settings.metricType);
                Optional<String> first = repository.firstMonth(stated.audit, metric);
                if (type.isEmpty() || first.isEmpty()) {
                    continue;
                }
                for (AnalysisPeriod period : policy.get().closedPeriods(YearMonth.parse(first.get()), today)) {
                    analyse(stated.audit, metric, settings.direction, type.get(), period, policy.get(), today, now, counts)
                            .ifPresent(analysed::add);
                }
            }
        }
        return new Run(analysed, counts[0], counts[1]);
    }

    private Optional<PeriodAnalysis> analyse(String audit, String metric, String direction, FunnelPlot.Type type,
            AnalysisPeriod period, OutlierPolicy policy, LocalDate today, Instant now, int[] counts) {
        List<SeriesRepository.Totals> totals = repository.totals(audit, metric,
                period.months().stream().map(YearMonth::toString).toList());
        List<FunnelPlot.Unit> units = totals.stream().filter(t -> t.denominator() > 0)
                .filter(t -> type != FunnelPlot.Type.STANDARDISED_RATIO || t.expected() != null && t.expected() > 0)
                .map(SeriesRepository.Totals::unit).toList();
        String digest = units.stream().map(u -> u.id() + ":" + u.numerator() + "/" + u.denominator()
                + (Double.isNaN(u.expected()) ? "" : "/" + u.expected())).collect(Collectors.joining(","));
        PeriodAnalysis held = PeriodAnalysis.findById(new PeriodAnalysis.Key(audit, metric, period.label()));
        if (units.size() < 2 || held != null && held.digest.equals(digest)) {
            return Optional.empty();
        }
        FunnelPlot.Result funnel = FunnelPlot.compute(type, units, FunnelPlot.Method.AUTO);
        List<PeriodAnalysis.Unit> now_ = funnel.units().stream().map(u -> new PeriodAnalysis.Unit(u.unit().id(),
                u.unit().numerator(), u.unit().denominator(), expectedOf(u.unit()), u.value(), u.classification().code(),
                level(u.classification(), direction))).toList();
        Map<String, PeriodAnalysis.Unit> before = new HashMap<>();
        if (held != null) {
            held.units.forEach(u -> before.put(u.organisation(), u));
        }
        PeriodAnalysis a = held != null ? held : new PeriodAnalysis();
        a.audit = audit;
        a.metric = metric;
        a.period = period.label();
        a.firstMonth = period.first().toString();
        a.lastMonth = period.last().toString();
        a.target = funnel.target();
        a.changes = changes(held == null ? null : before, now_);
        a.units = now_;
        a.digest = digest;
        a.runs++;
        a.analysedAt = now;
        a.persist();

        Map<String, PeriodAnalysis.Unit> byOrganisation = new HashMap<>();
        now_.forEach(u -> byOrganisation.put(u.organisation(), u));
        for (StoredOutlierCase c : StoredOutlierCase.ofPeriod(audit, metric, period.label())) {
            PeriodAnalysis.Unit u = byOrganisation.remove(c.organisation);
            PeriodAnalysis.Unit was = before.get(c.organisation);
            boolean revised = held != null && (u == null || !sameCounts(was, u)
                    || !java.util.Objects.equals(was == null ? null : was.level(), u.level()));
            if (revised || c.state.stage() == OutlierCase.Stage.REANALYSIS) {
                boolean still = u != null && u.level() != null;
                if (c.become(c.state.revisedData(still, still ? u.level() : c.level, today), now)) {
                    events.moved(c);
                    counts[1]++;
                }
            }
        }
        for (PeriodAnalysis.Unit u : byOrganisation.values()) {
            if (u.level() != null) {
                StoredOutlierCase opened = StoredOutlierCase.opened(audit, OutlierCase.raised(u.organisation(), metric,
                        period.label(), u.level(), policy.timescales(), today), now);
                opened.persist();
                events.opened(opened);
                counts[0]++;
            }
        }
        return Optional.of(a);
    }

    /** Moves every open case by the clock (escalations, data taken as submitted, reports to the regulator). */
    @Transactional
    public int tick() {
        em.createNativeQuery(ONE_AT_A_TIME).getSingleResult();
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        int moved = 0;
        for (StoredOutlierCase c : StoredOutlierCase.open()) {
            if (c.become(c.state.tick(today), now)) {
                events.moved(c);
                moved++;
            }
        }
        return moved;
    }

    /** Alarm beyond 99.8 %, alert beyond 95 %, on the side of concern (either side for a neutral metric). */
    static String level(FunnelPlot.Classification c, String direction) {
        boolean concern = "lower-is-better".equals(direction) ? c.high()
                : "higher-is-better".equals(direction) ? c.low() : c != FunnelPlot.Classification.WITHIN;
        if (!concern) {
            return null;
        }
        return c == FunnelPlot.Classification.ALARM_HIGH || c == FunnelPlot.Classification.ALARM_LOW
                ? OutlierCase.ALARM : OutlierCase.ALERT;
    }

    /** In words: on the first run what the analysis found, after that what the revised data changed. */
    static List<String> changes(Map<String, PeriodAnalysis.Unit> before, List<PeriodAnalysis.Unit> after) {
        List<String> changes = new ArrayList<>();
        if (before == null) {
            long alarms = after.stream().filter(u -> OutlierCase.ALARM.equals(u.level())).count();
            long alerts = after.stream().filter(u -> OutlierCase.ALERT.equals(u.level())).count();
            changes.add(after.size() + " providers compared: " + alarms + " beyond the alarm limit, " + alerts
                    + " beyond the alert limit only");
            return changes;
        }
        for (PeriodAnalysis.Unit u : after) {
            PeriodAnalysis.Unit was = before.get(u.organisation());
            if (was == null) {
                changes.add(u.organisation() + " newly compared (" + counts(u) + ")");
            } else if (!sameCounts(was, u)) {
                changes.add(u.organisation() + " revised from " + counts(was) + " to " + counts(u));
            }
            String from = was == null ? null : was.level();
            if (!java.util.Objects.equals(from, u.level())) {
                changes.add(u.organisation() + ": " + (from == null ? "within the limits" : from) + " → "
                        + (u.level() == null ? "within the limits" : u.level()));
            }
        }
        before.keySet().stream().filter(o -> after.stream().noneMatch(u -> u.organisation().equals(o)))
                .sorted().forEach(o -> changes.add(o + " no longer has results in the period"));
        if (changes.isEmpty()) {
            changes.add("no provider's totals changed");
        }
        return changes;
    }

    private static boolean sameCounts(PeriodAnalysis.Unit a, PeriodAnalysis.Unit b) {
        return a != null && b != null && a.numerator() == b.numerator() && a.denominator() == b.denominator()
                && java.util.Objects.equals(a.expected(), b.expected());
    }

    /** A unit's expected count, or null for a metric that is not a standardised ratio. */
    public static Double expectedOf(FunnelPlot.Unit unit) {
        return Double.isNaN(unit.expected()) ? null : unit.expected();
    }

    /** A trust's totals in words: "118 of 820", with the expected count of a standardised ratio. */
    static String counts(PeriodAnalysis.Unit u) {
        return u.numerator() + " of " + u.denominator()
                + (u.expected() == null ? "" : String.format(java.util.Locale.UK, " (%.1f expected)", u.expected()));
    }
}
