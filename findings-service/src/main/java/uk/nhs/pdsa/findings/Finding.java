package uk.nhs.pdsa.findings;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import uk.nhs.pdsa.events.FindingState;

/**
 * A finding as last published: its whole state as JSON, with the columns the queries filter on. Written by
 * {@link uk.nhs.pdsa.findings.service.FindingEvaluator} only; read by the REST resource.
 */
@Entity
@Table(name = "finding")
public class Finding extends PanacheEntityBase {
    @Id
    @Column(name = "finding_id")
    public UUID findingId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String orientation;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String audit;

    @Column(nullable = false)
    public String metric;

    @Column(nullable = false)
    public String organisation;

    public String microsystem;

    @Column(nullable = false)
    public String period;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public FindingState state;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
