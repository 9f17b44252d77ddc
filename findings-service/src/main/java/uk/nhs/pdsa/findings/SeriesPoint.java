package uk.nhs.pdsa.findings;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One point of a series: the latest revision of an audit result for its period. */
@Entity
@Table(name = "series_point")
@IdClass(SeriesPoint.Key.class)
public class SeriesPoint extends PanacheEntityBase {
    @Id
    @Column(name = "series_key")
    public String seriesKey;

    @Id
    public String period;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(nullable = false)
    public String audit;

    @Column(nullable = false)
    public String metric;

    @Column(nullable = false)
    public String organisation;

    public String microsystem;

    @Column(name = "metric_type", nullable = false)
    public String metricType;

    @Column(nullable = false)
    public String direction;

    public BigDecimal target;

    public Long numerator;

    public Long denominator;

    public BigDecimal value;

    @Column(name = "result_id", nullable = false)
    public UUID resultId;

    @Column(nullable = false)
    public int revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static List<SeriesPoint> ofSeries(String seriesKey) {
        return list("seriesKey = ?1 order by periodStart, period", seriesKey);
    }

    /** Composite key (series, period). */
    public record Key(String seriesKey, String period) implements Serializable {
    }
}
