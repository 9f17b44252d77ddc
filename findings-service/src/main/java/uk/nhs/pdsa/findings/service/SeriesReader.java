package uk.nhs.pdsa.findings.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.funnel.FunnelPlot;

/**
 * Reads series by key, a few statements for any number of them. A microsystem's series is its stored points
 * ({@code series_point}); a trust's series is {@code trust_point}: per period the trust's own trust-level result
 * when it submitted one, else the sum of its microsystems' numerators and denominators (proportions and rates:
 * values cannot be summed), kept up to date by {@link SeriesStore} as points arrive. Funnels compare trusts, so
 * they read {@code trust_point} too.
 */
@ApplicationScoped
public class SeriesReader {
    private static final String COLUMNS = "series_key, period, period_start, audit, metric, organisation, %s,"
            + " metric_type, direction, target, numerator, denominator, value";
    private static final Comparator<SeriesPoint> BY_PERIOD = Comparator
            .<SeriesPoint, LocalDate>comparing(p -> p.periodStart).thenComparing(p -> p.period);

    private final EntityManager em;

    public SeriesReader(EntityManager em) {
        this.em = em;
    }

    /** Funnels compare proportions (binomial) and rates (Poisson); other metric types have none. */
    public static FunnelPlot.Type funnelType(String metricType) {
        return switch (metricType) {
            case "proportion" -> FunnelPlot.Type.PROPORTION;
            case "rate" -> FunnelPlot.Type.RATE;
            default -> null;
        };
    }

    /** The points of each series in {@code keys} that has any, in period order, by series key text. */
    public Map<String, List<SeriesPoint>> series(Collection<SeriesKey> keys) {
        List<String> microsystems = keys.stream().filter(k -> k.microsystem() != null).map(SeriesKey::asText).toList();
        List<String> trusts = keys.stream().filter(k -> k.microsystem() == null).map(SeriesKey::asText).toList();
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<String, List<SeriesPoint>> series = new HashMap<>();
            for (String table : List.of("series_point", "trust_point")) {
                List<String> wanted = table.equals("series_point") ? microsystems : trusts;
                if (wanted.isEmpty()) {
                    continue;
                }
                try (PreparedStatement select = c.prepareStatement("select " + columns(table) + " from " + table
                        + " where series_key = any(?::varchar[])")) {
                    select.setArray(1, c.createArrayOf("varchar", wanted.toArray()));
                    for (SeriesPoint p : read(select)) {
                        series.computeIfAbsent(p.seriesKey, k -> new ArrayList<>()).add(p);
                    }
                }
            }
            series.values().forEach(points -> points.sort(BY_PERIOD));
            return series;
        });
    }

    /** Each trust's point in each of the funnels (audit, metric, period), keyed {@code [audit, metric, period]}. */
    public Map<List<String>, List<SeriesPoint>> funnels(Collection<List<String>> keys) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<List<String>, List<SeriesPoint>> funnels = new HashMap<>();
            if (keys.isEmpty()) {
                return funnels;
            }
            try (PreparedStatement select = c.prepareStatement("select " + columns("trust_point") + " from trust_point"
                    + " join unnest(?::varchar[], ?::varchar[], ?::varchar[]) as due(audit, metric, period)"
                    + " using (audit, metric, period) order by organisation")) {
                for (int i = 0; i < 3; i++) {
                    int column = i;
                    select.setArray(i + 1, c.createArrayOf("varchar", keys.stream().map(k -> k.get(column)).toArray()));
                }
                for (SeriesPoint p : read(select)) {
                    funnels.computeIfAbsent(List.of(p.audit, p.metric, p.period), k -> new ArrayList<>()).add(p);
                }
            }
            return funnels;
        });
    }

    /** The funnel units of one period's trust points (counted ones only). */
    public static List<FunnelPlot.Unit> units(List<SeriesPoint> trustPoints) {
        return trustPoints.stream().filter(p -> p.numerator != null)
                .map(p -> new FunnelPlot.Unit(p.organisation, p.numerator, p.denominator)).toList();
    }

    private static String columns(String table) {
        return String.format(COLUMNS, table.equals("series_point") ? "microsystem" : "null::varchar");
    }

    private static List<SeriesPoint> read(PreparedStatement select) throws SQLException {
        List<SeriesPoint> points = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                SeriesPoint p = new SeriesPoint();
                p.seriesKey = rs.getString(1);
                p.period = rs.getString(2);
                p.periodStart = rs.getObject(3, LocalDate.class);
                p.audit = rs.getString(4);
                p.metric = rs.getString(5);
                p.organisation = rs.getString(6);
                p.microsystem = rs.getString(7);
                p.metricType = rs.getString(8);
                p.direction = rs.getString(9);
                p.target = rs.getBigDecimal(10);
                p.numerator = rs.getObject(11, Long.class);
                p.denominator = rs.getObject(12, Long.class);
                p.value = rs.getBigDecimal(13);
                points.add(p);
            }
        }
        return points;
    }
}
