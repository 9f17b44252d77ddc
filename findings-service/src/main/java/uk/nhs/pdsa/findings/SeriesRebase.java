package uk.nhs.pdsa.findings;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import uk.nhs.pdsa.events.SeriesKey;

/**
 * A team's rebase of its own microsystem chart: from {@code period} on, the chart has a new centre line and
 * limits, because a change was adopted ({@code cycleId}, the PDSA cycle it follows). Who, when and why are kept;
 * undoing it keeps the row with who undid it and when.
 */
@Entity
@Table(name = "series_rebase")
public class SeriesRebase extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String audit;

    @Column(nullable = false)
    public String metric;

    @Column(nullable = false)
    public String organisation;

    @Column(nullable = false)
    public String microsystem;

    @Column(nullable = false)
    public String period;

    @Column(nullable = false)
    public String reason;

    @Column(name = "cycle_id")
    public UUID cycleId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "removed_by")
    public String removedBy;

    @Column(name = "removed_at")
    public Instant removedAt;

    public SeriesKey series() {
        return new SeriesKey(audit, metric, organisation, microsystem);
    }

    /** The series' rebases, undone ones too, oldest first. */
    public static List<SeriesRebase> of(SeriesKey key) {
        if (key.microsystem() == null) {
            return List.of();
        }
        return list("audit = ?1 and metric = ?2 and organisation = ?3 and microsystem = ?4 order by createdAt",
                key.audit(), key.metric(), key.organisation(), key.microsystem());
    }

    /** Whether the series is rebased at the period (and not undone). */
    public static boolean activeAt(SeriesKey key, String period) {
        return count("audit = ?1 and metric = ?2 and organisation = ?3 and microsystem = ?4 and period = ?5"
                + " and removedAt is null", key.audit(), key.metric(), key.organisation(), key.microsystem(), period) > 0;
    }

    /** The periods the series' charts are rebased at (not undone ones), by {@link SeriesKey#asText()}. */
    public static Map<String, List<String>> activePeriods(Collection<SeriesKey> keys) {
        Map<String, List<String>> periods = new HashMap<>();
        List<SeriesKey> wards = keys.stream().filter(k -> k.microsystem() != null).toList();
        if (wards.isEmpty()) {
            return periods;
        }
        List<String> organisations = wards.stream().map(SeriesKey::organisation).distinct().toList();
        List<SeriesRebase> rebases = list("removedAt is null and organisation in ?1 order by period", organisations);
        java.util.Set<String> wanted = new java.util.HashSet<>(wards.stream().map(SeriesKey::asText).toList());
        for (SeriesRebase r : rebases) {
            String key = r.series().asText();
            if (wanted.contains(key)) {
                periods.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(r.period);
            }
        }
        return periods;
    }
}
