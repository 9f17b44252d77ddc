package uk.nhs.pdsa.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import uk.nhs.pdsa.events.AuditDefined;

/** A national or local clinical audit and the metrics results are submitted for. */
@Entity
@Table(name = "audit")
public class Audit extends PanacheEntityBase {
    @Id
    public String code;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String specialty;

    /** Increases by one with every change; carried by the catalogue event. */
    @Column(nullable = false)
    public int version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The audit's outlier policy, its timescales complete; null when providers are not compared for outliers. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "outlier_policy")
    public AuditDefined.Outliers outliers;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "audit_metric", joinColumns = @JoinColumn(name = "audit_code"))
    @OrderColumn(name = "position")
    public List<Metric> metrics = new ArrayList<>();

    public Optional<Metric> metric(String metricCode) {
        return metrics.stream().filter(m -> m.code.equals(metricCode)).findFirst();
    }
}
