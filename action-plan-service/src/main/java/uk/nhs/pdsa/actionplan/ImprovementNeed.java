package uk.nhs.pdsa.actionplan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A concerning finding that a team must answer, by a PDSA cycle or a recorded decision, before {@code dueBy}. */
@Entity
@Table(name = "improvement_need")
public class ImprovementNeed extends PanacheEntityBase {
    public static final String OPEN = "open";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String organisation;

    public String microsystem;

    @Column(nullable = false)
    public String audit;

    @Column(nullable = false)
    public String metric;

    @Column(nullable = false)
    public String status;

    @Column(name = "opening_finding_id", nullable = false)
    public UUID openingFindingId;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "due_by", nullable = false)
    public LocalDate dueBy;

    public static Optional<ImprovementNeed> findOpen(String organisation, String microsystem, String audit, String metric) {
        return find("organisation = :organisation and audit = :audit and metric = :metric and status = 'open' and "
                + (microsystem == null ? "microsystem is null" : "microsystem = :microsystem"),
                microsystem == null
                        ? Parameters.with("organisation", organisation).and("audit", audit).and("metric", metric)
                        : Parameters.with("organisation", organisation).and("audit", audit).and("metric", metric)
                                .and("microsystem", microsystem))
                .firstResultOptional();
    }
}
