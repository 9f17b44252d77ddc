package uk.nhs.pdsa.notification;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An audit or organisation of the catalogue, newest version, as notification needs it. */
@Entity
@Table(name = "catalogue_entry")
@IdClass(CatalogueEntry.Key.class)
public class CatalogueEntry extends PanacheEntityBase {
    public static final String AUDIT = "audit";
    public static final String ORGANISATION = "organisation";

    @Id
    public String kind;

    @Id
    public String code;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String name;

    /** Organisations: trust, college or patient-group. */
    public String type;

    /** Audits: the specialty it belongs to. */
    public String specialty;

    /** Colleges: the specialties whose audits they oversee. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> specialties;

    /** Audits: metric code to title. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> metrics;

    /** Audits: metric code to type (proportion, rate, value, standardised-ratio). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "metric_types", nullable = false)
    public Map<String, String> metricTypes = Map.of();

    /** Whether an audit's metric is a standardised ratio (observed over expected). */
    public boolean standardised(String metric) {
        return "standardised-ratio".equals(metricTypes == null ? null : metricTypes.get(metric));
    }

    public static Optional<CatalogueEntry> audit(String code) {
        return findByIdOptional(new Key(AUDIT, code));
    }

    public static Optional<CatalogueEntry> organisation(String code) {
        return findByIdOptional(new Key(ORGANISATION, code));
    }

    public static List<CatalogueEntry> ofType(String type) {
        return list("kind = ?1 and type = ?2 order by code", ORGANISATION, type);
    }

    public record Key(String kind, String code) implements Serializable {
    }
}
