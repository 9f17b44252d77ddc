package uk.nhs.pdsa.findings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.metrics.OutlierPolicy;

/** An audit's outlier policy as the catalogue last stated it (null: its providers are not compared for outliers). */
@Entity
@Table(name = "outlier_policy")
public class AuditOutlierPolicy extends PanacheEntityBase {
    @Id
    public String audit;

    @JdbcTypeCode(SqlTypes.JSON)
    public AuditDefined.Outliers policy;

    @Column(name = "audit_version", nullable = false)
    public int auditVersion;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The policy, when the audit has one the platform can run. */
    public Optional<OutlierPolicy> rules() {
        try {
            return Optional.ofNullable(policy).map(OutlierPolicy::of);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The audits with a policy. */
    public static List<AuditOutlierPolicy> stated() {
        return list("policy is not null");
    }
}
