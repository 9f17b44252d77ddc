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
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/**
 * A trust (which submits results), a Royal College, a patient group or the regulator (which receive messages), or a
 * commissioner (an integrated care board, which oversees its member trusts).
 */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {
    public static final String TRUST = "trust";
    public static final String COLLEGE = "college";
    public static final String PATIENT_GROUP = "patient-group";
    /** The regulator (the Care Quality Commission): told of confirmed alarms and of trusts that fail to respond. */
    public static final String REGULATOR = "regulator";
    /** An integrated care board: oversees the trusts it commissions ({@link #members}). */
    public static final String COMMISSIONER = "commissioner";

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String type;

    /** For a college, the specialties it covers. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> specialties = new ArrayList<>();

    /** For a commissioner, the codes of the trusts it commissions. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> members = new ArrayList<>();

    @Column(nullable = false)
    public int version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "organisation_microsystem", joinColumns = @JoinColumn(name = "organisation_code"))
    @OrderBy("code")
    public List<Microsystem> microsystems = new ArrayList<>();

    public Optional<Microsystem> microsystem(String msCode) {
        return microsystems.stream().filter(m -> m.code.equals(msCode)).findFirst();
    }
}
