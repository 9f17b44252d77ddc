package uk.nhs.pdsa.findings;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One closed analysis period of one metric, as last analysed: each trust's totals and level, and what changed. */
@Entity
@Table(name = "outlier_analysis")
@IdClass(PeriodAnalysis.Key.class)
public class PeriodAnalysis extends PanacheEntityBase {
    public record Key(String audit, String metric, String period) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    /**
     * A trust's totals over the period and where they fall on the funnel.
     *
     * @param expected for a standardised ratio, the expected count summed over the period (then {@code value} is
     *                 observed over expected); null for other metrics
     * @param level {@code alarm} (beyond 99.8 %), {@code alert} (beyond 95 %) on the side of concern, or null
     */
    public record Unit(String organisation, long numerator, long denominator, Double expected, double value,
            String classification, String level) {
    }

    @Id
    public String audit;

    @Id
    public String metric;

    @Id
    public String period;

    @Column(name = "first_month", nullable = false)
    public String firstMonth;

    @Column(name = "last_month", nullable = false)
    public String lastMonth;

    public double target;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Unit> units;

    /** The data the analysis ran on, so an unchanged period is not analysed again. */
    public String digest;

    public int runs;

    /** What the last run changed, in words (for the first run: what it found). */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> changes;

    @Column(name = "analysed_at", nullable = false)
    public Instant analysedAt;

    public static List<PeriodAnalysis> of(String audit, String metric) {
        return audit == null ? list("order by audit, metric, period")
                : metric == null ? list("audit = ?1 order by metric, period", audit)
                : list("audit = ?1 and metric = ?2 order by period", audit, metric);
    }

    /** The trust's totals and level in this analysis, or null if it had no results in the period. */
    public Unit unitOf(String organisation) {
        return units.stream().filter(u -> u.organisation().equals(organisation)).findFirst().orElse(null);
    }
}
