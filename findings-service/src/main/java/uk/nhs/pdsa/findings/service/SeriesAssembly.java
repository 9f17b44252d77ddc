package uk.nhs.pdsa.findings.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.funnel.FunnelPlot;

/**
 * How stored points make series and funnel units (pure). A trust's own series is its trust-level results;
 * a trust that submits per microsystem only gets, per period, the sum of its microsystems (proportions and
 * rates; values cannot be summed). The funnel of a metric and period compares trusts the same way.
 */
public final class SeriesAssembly {
    private static final Comparator<SeriesPoint> BY_PERIOD = Comparator.<SeriesPoint, java.time.LocalDate>comparing(
            p -> p.periodStart).thenComparing(p -> p.period);

    private SeriesAssembly() {
    }

    /** Per period, the sum of a trust's microsystem points; empty when they are values, which cannot be summed. */
    public static List<SeriesPoint> summed(List<SeriesPoint> parts) {
        Map<String, SeriesPoint> byPeriod = new TreeMap<>();
        for (SeriesPoint part : parts) {
            if (part.numerator == null) {
                return List.of();
            }
            SeriesPoint sum = byPeriod.computeIfAbsent(part.period, p -> copyWithoutMeasures(part));
            sum.numerator += part.numerator;
            sum.denominator += part.denominator;
        }
        List<SeriesPoint> result = new ArrayList<>(byPeriod.values());
        result.sort(BY_PERIOD);
        return result;
    }

    /** The funnel units of one metric and period: per trust its trust-level result, or the sum of its microsystems. */
    public static List<FunnelPlot.Unit> funnelUnits(List<SeriesPoint> points) {
        Map<String, long[]> trustLevel = new TreeMap<>();
        Map<String, long[]> summed = new TreeMap<>();
        for (SeriesPoint p : points) {
            if (p.numerator == null) {
                continue;
            }
            Map<String, long[]> into = p.microsystem == null ? trustLevel : summed;
            long[] totals = into.computeIfAbsent(p.organisation, o -> new long[2]);
            totals[0] += p.numerator;
            totals[1] += p.denominator;
        }
        summed.putAll(trustLevel);
        return summed.entrySet().stream()
                .map(e -> new FunnelPlot.Unit(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** Funnels compare proportions (binomial) and rates (Poisson); other metric types have none. */
    public static FunnelPlot.Type funnelType(String metricType) {
        return switch (metricType) {
            case "proportion" -> FunnelPlot.Type.PROPORTION;
            case "rate" -> FunnelPlot.Type.RATE;
            default -> null;
        };
    }

    private static SeriesPoint copyWithoutMeasures(SeriesPoint part) {
        SeriesPoint sum = new SeriesPoint();
        sum.seriesKey = new SeriesKey(part.audit, part.metric, part.organisation, null).asText();
        sum.period = part.period;
        sum.periodStart = part.periodStart;
        sum.audit = part.audit;
        sum.metric = part.metric;
        sum.organisation = part.organisation;
        sum.metricType = part.metricType;
        sum.direction = part.direction;
        sum.target = part.target;
        sum.numerator = 0L;
        sum.denominator = 0L;
        return sum;
    }
}
