package uk.nhs.pdsa.findings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.metrics.ChartType;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.findings.spc.SpcOptions;

/** How the catalogue says a metric is charted (from its latest catalogue event). */
@Entity
@Table(name = "metric_settings")
@IdClass(MetricSettings.Key.class)
public class MetricSettings extends PanacheEntityBase {
    public record Key(String audit, String metric) {
        public Key() {
            this(null, null);
        }
    }

    @Id
    public String audit;

    @Id
    public String metric;

    @Column(name = "metric_type", nullable = false)
    public MetricType metricType;

    @Column(nullable = false)
    public String direction;

    public BigDecimal target;

    @Column(name = "audit_title")
    public String auditTitle;

    @Column(name = "metric_title")
    public String metricTitle;

    @JdbcTypeCode(SqlTypes.JSON)
    public AuditDefined.SpcSettings spc;

    @Column(name = "audit_version", nullable = false)
    public int auditVersion;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<MetricSettings> of(String audit, String metric) {
        return findByIdOptional(new Key(audit, metric));
    }

    /** The chart the settings name, or the default for the metric type. */
    public ChartType chart() {
        return spc != null && spc.chart() != null ? ChartType.fromCode(spc.chart()) : metricType.defaultChart();
    }

    /** The options of the metric's stored series: the catalogue's, else the series defaults (a 20-point baseline). */
    public SpcOptions options() {
        if (spc == null) {
            return SpcOptions.SERIES_DEFAULTS;
        }
        SpcOptions d = SpcOptions.SERIES_DEFAULTS;
        return new SpcOptions(
                spc.trendLength() != null ? spc.trendLength() : d.trendLength(),
                spc.shiftLength() != null ? spc.shiftLength() : d.shiftLength(),
                spc.twoOfThreeCountsBeyondThree() != null ? spc.twoOfThreeCountsBeyondThree() : d.twoOfThreeCountsBeyondThree(),
                spc.screenMovingRanges() != null ? spc.screenMovingRanges() : d.screenMovingRanges(),
                spc.baselinePoints() != null ? spc.baselinePoints() : d.baselinePoints(),
                spc.rebaseAt() == null ? List.of() : spc.rebaseAt(),
                Set.of());
    }
}
