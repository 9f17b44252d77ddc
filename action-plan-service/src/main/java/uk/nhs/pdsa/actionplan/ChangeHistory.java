package uk.nhs.pdsa.actionplan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change to a need or a cycle: who, when, what (the action and what it recorded). */
@Entity
@Table(name = "change_history")
public class ChangeHistory extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** {@code need} or {@code cycle}. */
    @Column(name = "subject_type", nullable = false)
    public String subjectType;

    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    /** The subject's version after the change. */
    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String actor;

    /** The person's name from their token, when a person made the change (null for the service's own steps). */
    @Column(name = "actor_name")
    public String actorName;

    @Column(nullable = false)
    public Instant at;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public JsonNode details;

    public static List<ChangeHistory> of(UUID subjectId) {
        return list("subjectId = ?1 order by id", subjectId);
    }
}
