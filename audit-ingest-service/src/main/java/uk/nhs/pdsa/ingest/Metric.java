package uk.nhs.pdsa.ingest;

import java.math.BigDecimal;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.metrics.MetricType;

/** One measure of an audit: what kind of number it is and which way is better. */
@Embeddable
public class Metric {
    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public MetricType type;

    /** {@code higher-is-better}, {@code lower-is-better} or {@code neutral}. */
    @Column(nullable = false)
    public String direction;

    public BigDecimal target;

    public String unit;

    /** Canonical URL of the FHIR Measure whose MeasureReports carry this metric. */
    @Column(name = "fhir_measure", nullable = false)
    public String fhirMeasure;

    /** SPC settings findings honours; null for the defaults of the metric's type. */
    @JdbcTypeCode(SqlTypes.JSON)
    public AuditDefined.SpcSettings spc;

    /** The periods its results are for: month, quarter or year. */
    @Column(nullable = false)
    public String granularity = AuditDefined.Metric.MONTH;

    public boolean isCounted() {
        return type.counted();
    }
}
