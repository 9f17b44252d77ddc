package uk.nhs.pdsa.findings;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A statement about variation: the latest point of a series showed special cause. */
@Entity
@Table(name = "finding")
public class Finding extends PanacheEntityBase {
    @Id
    @Column(name = "finding_id")
    public UUID findingId;

    @Column(name = "series_key", nullable = false)
    public String seriesKey;

    @Column(nullable = false)
    public String audit;

    @Column(nullable = false)
    public String metric;

    @Column(nullable = false)
    public String organisation;

    public String microsystem;

    @Column(nullable = false)
    public String period;

    @Column(nullable = false)
    public String chart;

    @Column(nullable = false)
    public String variation;

    @Column(nullable = false)
    public double value;

    @Column(name = "centre_line", nullable = false)
    public double centreLine;

    @Column(name = "lower_limit", nullable = false)
    public double lowerLimit;

    @Column(name = "upper_limit", nullable = false)
    public double upperLimit;

    /** The signals at the latest point, as the JSON array of the event. */
    @Column(nullable = false, columnDefinition = "text")
    public String signals;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;
}
