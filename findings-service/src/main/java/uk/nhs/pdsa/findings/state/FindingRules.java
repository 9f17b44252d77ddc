package uk.nhs.pdsa.findings.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.funnel.FunnelPlot;
import uk.nhs.pdsa.findings.spc.ChartPoint;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.Variation;

/**
 * What the findings of a series or a funnel are, from its analysis alone, and what changes between the
 * findings held and the findings the data now shows (pure: no I/O, no clock).
 * <p>
 * Findings are a function of the current data, never of the order in which it arrived: recomputing from the
 * same data gives the same findings with the same ids, so a rebuild ends where the incremental run ended.
 * <ul>
 * <li><b>Special cause</b>: a series whose latest point is special cause (Making Data Count variation icon) has
 * one finding. Its id comes from the series, the variation and the first period of the unbroken run of points
 * with that variation ending at the latest point: a shift that goes on is the same finding, changed; a new run
 * after common cause is a new finding. Provisional charts (fewer than 12 points) and run charts (judged by the
 * Anhøj rules over the whole series, not per point) raise none.</li>
 * <li><b>Outlier</b>: each trust beyond the 95% limits of the funnel of a metric and period has one finding per
 * side; alert to alarm (or back) is a change of the same finding.</li>
 * </ul>
 * A change is published only when what a reader acts on changes ({@link #sameFacts}); other movements (limits,
 * national value) refresh the stored state without an event.
 */
public final class FindingRules {

    /**
     * A change to store: the finding's new whole state, and the event type to publish it with, or none for a
     * refresh (limits, centre line or national value moved, nothing a reader acts on: stored, not published).
     */
    public record Transition(EventType type, FindingState state) {
        public boolean published() {
            return type != null;
        }
    }

    private FindingRules() {
    }

    /** The open special-cause finding the series shows now, if any (version 0: not yet reconciled). */
    public static Optional<FindingState> specialCause(SeriesKey series, String direction, SpcAnalysis analysis) {
        Optional<Variation> latest = analysis.latestVariation().filter(Variation::isSpecialCause);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Variation variation = latest.get();
        List<ChartPoint> points = analysis.points();
        int last = points.size() - 1;
        int first = last;
        while (first > 0 && analysis.variations().get(first - 1) == variation) {
            first--;
        }
        String firstPeriod = points.get(first).label();
        List<FindingState.Signal> signals = analysis.signalsAtLatest().stream()
                .map(s -> new FindingState.Signal(s.rule().code(), points.get(s.from()).label(), points.get(s.to()).label()))
                .toList();
        ChartPoint point = points.get(last);
        UUID id = id("special-cause#" + series.asText() + "#" + variation.code() + "#" + firstPeriod);
        return Optional.of(new FindingState(id, FindingState.SPECIAL_CAUSE, FindingState.OPEN, 0, orientation(variation),
                series.audit(), series.metric(), direction, series.organisation(), series.microsystem(), point.label(),
                point.value(), new FindingState.SpecialCause(analysis.chart().code(), variation.code(), firstPeriod,
                        point.centre(), point.lowerLimit(), point.upperLimit(), signals),
                null, null, null, null));
    }

    /** The open outlier findings of one funnel (trusts beyond the 95% limits), in unit order. */
    public static List<FindingState> outliers(String audit, String metric, String direction, String period,
            FunnelPlot.Result funnel) {
        List<FindingState> found = new ArrayList<>();
        for (FunnelPlot.UnitResult u : funnel.units()) {
            FunnelPlot.Classification c = u.classification();
            if (c == FunnelPlot.Classification.WITHIN) {
                continue;
            }
            String side = c.high() ? "high" : "low";
            String level = c == FunnelPlot.Classification.ALARM_HIGH || c == FunnelPlot.Classification.ALARM_LOW
                    ? "alarm" : "alert";
            String organisation = u.unit().id();
            UUID id = id("outlier#" + new SeriesKey(audit, metric, organisation, null).withPeriod(period) + "#" + side);
            FunnelPlot.Limits l = u.limits();
            FunnelPlot.Overdispersion od = funnel.overdispersion();
            found.add(new FindingState(id, FindingState.OUTLIER, FindingState.OPEN, 0, orientation(c.high(), direction),
                    audit, metric, direction, organisation, null, period, u.value(), null,
                    new FindingState.Outlier(level, side, c.code(), u.unit().numerator(), u.unit().denominator(),
                            Double.isNaN(u.unit().expected()) ? null : u.unit().expected(), funnel.target(), finite(u.z()),
                            new FindingState.Limits(l.alarmLow(), l.alertLow(), l.alertHigh(), l.alarmHigh()),
                            od.method().name().toLowerCase(Locale.ROOT), finite(od.phi()), finite(od.tau2()),
                            funnel.units().size()),
                    null, null, null));
        }
        return found;
    }

    /**
     * The transitions from the findings held to the findings the data shows now.
     *
     * @param held    every held finding (open or resolved) whose id is among {@code desired}, and every open
     *                finding of the subjects (series, funnels) that were recomputed
     * @param desired the open findings of those subjects now
     */
    public static List<Transition> reconcile(Collection<FindingState> held, Collection<FindingState> desired,
            Instant now) {
        Map<UUID, FindingState> heldById = new LinkedHashMap<>();
        held.forEach(f -> heldById.put(f.findingId(), f));
        List<Transition> transitions = new ArrayList<>();
        for (FindingState d : desired) {
            FindingState h = heldById.remove(d.findingId());
            if (h == null) {
                transitions.add(new Transition(EventType.FINDING_RAISED, stamp(d, FindingState.OPEN, 1, now, now, null)));
            } else if (!h.holds()) {
                transitions.add(new Transition(EventType.FINDING_RAISED,
                        stamp(d, FindingState.OPEN, h.version() + 1, now, now, null)));
            } else if (!sameFacts(h, d)) {
                transitions.add(new Transition(EventType.FINDING_CHANGED,
                        stamp(d, FindingState.OPEN, h.version() + 1, h.raisedAt(), now, null)));
            } else if (!stamp(h, FindingState.OPEN, 0, null, null, null).equals(stamp(d, FindingState.OPEN, 0, null, null, null))) {
                transitions.add(new Transition(null, stamp(d, FindingState.OPEN, h.version(), h.raisedAt(), h.updatedAt(), null)));
            }
        }
        for (FindingState h : heldById.values()) {
            if (h.holds()) {
                transitions.add(new Transition(EventType.FINDING_RESOLVED,
                        stamp(h, FindingState.RESOLVED, h.version() + 1, h.raisedAt(), now, now)));
            }
        }
        return transitions;
    }

    /**
     * Whether two states of a finding say the same thing to its readers: for a special cause the latest period and
     * value, the variation, the run's first period and the rules that fired; for an outlier the trust's numbers, the
     * level, side and method. Limits, centre line, national value and z follow every other trust's revision and
     * every new point; they are brought up to date when a finding changes, but do not by themselves make a change
     * (else every revision in a period would republish every outlier of its funnel).
     */
    static boolean sameFacts(FindingState a, FindingState b) {
        if (!a.orientation().equals(b.orientation()) || !a.period().equals(b.period()) || a.value() != b.value()) {
            return false;
        }
        if (a.specialCause() != null && b.specialCause() != null) {
            FindingState.SpecialCause x = a.specialCause();
            FindingState.SpecialCause y = b.specialCause();
            return x.chart().equals(y.chart()) && x.variation().equals(y.variation())
                    && x.firstPeriod().equals(y.firstPeriod()) && x.signals().equals(y.signals());
        }
        if (a.outlier() != null && b.outlier() != null) {
            FindingState.Outlier x = a.outlier();
            FindingState.Outlier y = b.outlier();
            return x.classification().equals(y.classification()) && x.numerator() == y.numerator()
                    && x.denominator() == y.denominator() && x.method().equals(y.method());
        }
        return false;
    }

    private static FindingState stamp(FindingState f, String status, int version, Instant raisedAt, Instant updatedAt,
            Instant resolvedAt) {
        return new FindingState(f.findingId(), f.kind(), status, version, f.orientation(), f.audit(), f.metric(),
                f.direction(), f.organisation(), f.microsystem(), f.period(), f.value(), f.specialCause(), f.outlier(),
                raisedAt, updatedAt, resolvedAt);
    }

    private static String orientation(Variation v) {
        return switch (v) {
            case SPECIAL_CAUSE_CONCERN -> FindingState.CONCERN;
            case SPECIAL_CAUSE_IMPROVEMENT -> FindingState.IMPROVEMENT;
            default -> FindingState.NEUTRAL;
        };
    }

    private static String orientation(boolean high, String direction) {
        return switch (direction) {
            case "higher-is-better" -> high ? FindingState.IMPROVEMENT : FindingState.CONCERN;
            case "lower-is-better" -> high ? FindingState.CONCERN : FindingState.IMPROVEMENT;
            default -> FindingState.NEUTRAL;
        };
    }

    /** JSON has no NaN or infinity: a z of a unit at θ₀ = 0 or 1 is reported as 0. */
    private static double finite(double x) {
        return Double.isFinite(x) ? x : 0;
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
