package uk.nhs.pdsa.findings.outlier;

import java.time.LocalDate;

import uk.nhs.pdsa.metrics.EnglandWorkingDays;
import uk.nhs.pdsa.metrics.OutlierPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * One provider's outlier status in one closed analysis period, moved through the stages of the audit's outlier
 * policy (HQIP 2017): the audit checks its own data and analysis; the trust's clinical lead reviews the data and
 * confirms them or corrects them (the analysis then runs again); a confirmed outlier is told to the trust's medical
 * director and chief executive and, for an alarm, to the regulator; the trust responds (its improvement need
 * answered by a cycle or a decision); then the audit discloses it publicly. An overdue stage of the trust is
 * escalated once; data not reviewed after that are taken as submitted; an alarm without a response after that is
 * reported to the regulator. Immutable: each step returns the case after it, its history one entry longer.
 *
 * @param level       {@code alert} (beyond 2 SD, 95 %) or {@code alarm} (beyond 3 SD, 99.8 %)
 * @param dueBy       when the current stage's work is due (null once nothing is due)
 * @param escalated   whether the current stage is past its first deadline and was escalated
 */
public record OutlierCase(String organisation, String metric, String period, String level, Stage stage,
        LocalDate dueBy, boolean escalated, boolean reportedToRegulator, OutlierPolicy.Timescales timescales,
        List<Entry> history) {

    public static final String ALERT = "alert";
    public static final String ALARM = "alarm";

    /** Where a case stands; who acts next is in {@link #actor()}. */
    public enum Stage {
        /** The audit checks the data and the analysis before telling the trust. */
        PROVIDER_ANALYSIS,
        /** The trust's clinical lead reviews the data: confirm them, or correct them by resubmitting. */
        DATA_REVIEW,
        /** Corrected data arrived: the analysis runs again. */
        REANALYSIS,
        /** Confirmed: the audit tells the medical director and chief executive (and the regulator, for an alarm). */
        CONFIRMED,
        /** Told: the trust acknowledges and responds (its improvement need answered). */
        INFORMED,
        /** The trust responded: the audit discloses the comparison publicly at its publication step. */
        RESPONDED,
        /** Disclosed publicly. */
        PUBLISHED,
        /** Not an outlier after corrected data. */
        CLOSED
    }

    /** A step of the case: what happened, who did it, when. */
    public record Entry(Stage stage, String action, String actor, LocalDate on) {
    }

    public OutlierCase {
        if (!ALERT.equals(level) && !ALARM.equals(level)) {
            throw new IllegalArgumentException("level must be alert or alarm");
        }
        history = List.copyOf(history);
    }

    /** A case the period's analysis raised on {@code on}: the audit checks it first. */
    public static OutlierCase raised(String organisation, String metric, String period, String level,
            OutlierPolicy.Timescales timescales, LocalDate on) {
        return new OutlierCase(organisation, metric, period, level, Stage.PROVIDER_ANALYSIS,
                EnglandWorkingDays.plusWorkingDays(on, timescales.providerAnalysis()), false, false, timescales,
                List.of(new Entry(Stage.PROVIDER_ANALYSIS, "raised", "analysis", on)));
    }

    /** Who must act now: {@code audit}, {@code clinical-lead}, {@code trust} (its board) or nobody. */
    public String actor() {
        return switch (stage) {
            case PROVIDER_ANALYSIS, REANALYSIS, CONFIRMED, RESPONDED -> "audit";
            case DATA_REVIEW -> "clinical-lead";
            case INFORMED -> "trust";
            case PUBLISHED, CLOSED -> "nobody";
        };
    }

    /**
     * Whether the national process has told the regulator of this case, so the regulator may read it: a confirmed
     * alarm once the board is told, a trust stage escalated past its deadline, or a trust reported for not responding.
     */
    public boolean toldToRegulator() {
        boolean boardTold = stage == Stage.INFORMED || stage == Stage.RESPONDED || stage == Stage.PUBLISHED;
        return ALARM.equals(level) && boardTold || escalated || reportedToRegulator;
    }

    public boolean overdue(LocalDate today) {
        return dueBy != null && today.isAfter(dueBy);
    }

    /** The audit's check is done: the trust's clinical lead is asked to review the data. */
    public OutlierCase notifyClinicalLead(String actor, LocalDate on) {
        require(Stage.PROVIDER_ANALYSIS, "notify the clinical lead");
        return to(Stage.DATA_REVIEW, on, timescales.dataReview(), "clinical-lead-notified", actor, reportedToRegulator);
    }

    /** The clinical lead confirms the data are accurate. */
    public OutlierCase confirmData(String actor, LocalDate on) {
        require(Stage.DATA_REVIEW, "confirm the data");
        return to(Stage.CONFIRMED, on, timescales.inform(), "data-confirmed", actor, reportedToRegulator);
    }

    /** The clinical lead corrects the data (resubmitted results): the analysis runs again. */
    public OutlierCase correctData(String actor, LocalDate on) {
        require(Stage.DATA_REVIEW, "correct the data");
        return to(Stage.REANALYSIS, on, timescales.providerAnalysis(), "data-corrected", actor, reportedToRegulator);
    }

    /**
     * The analysis on the corrected data: still beyond the limits (at {@code level}) goes back to the clinical lead
     * to review; within them closes the case.
     */
    public OutlierCase reanalysed(boolean stillOutlier, String newLevel, LocalDate on) {
        require(Stage.REANALYSIS, "record the analysis of corrected data");
        if (!stillOutlier) {
            return new OutlierCase(organisation, metric, period, level, Stage.CLOSED, null, false, reportedToRegulator,
                    timescales, append(new Entry(Stage.CLOSED, "not-an-outlier-after-correction", "analysis", on)));
        }
        OutlierCase again = new OutlierCase(organisation, metric, period, newLevel, stage, dueBy, false,
                reportedToRegulator, timescales, history);
        return again.to(Stage.DATA_REVIEW, on, timescales.dataReview(), "still-" + newLevel + "-after-correction",
                "analysis", reportedToRegulator);
    }

    /**
     * The period's data were revised (a trust resubmitted) and its analysis ran again. Before the trust is told
     * the case follows the new analysis (closed when within the limits); a revision during the data review is the
     * clinical lead's correction; once confirmed, the case stays where it is and the history says what the new
     * analysis found (the audit decides what follows).
     */
    public OutlierCase revisedData(boolean stillOutlier, String newLevel, LocalDate on) {
        return switch (stage) {
            case PROVIDER_ANALYSIS -> stillOutlier
                    ? new OutlierCase(organisation, metric, period, newLevel, stage, dueBy, escalated, reportedToRegulator,
                            timescales, append(new Entry(stage, "reanalysed-on-revised-data-" + newLevel, "analysis", on)))
                    : new OutlierCase(organisation, metric, period, level, Stage.CLOSED, null, false, reportedToRegulator,
                            timescales, append(new Entry(Stage.CLOSED, "within-limits-on-revised-data", "analysis", on)));
            case DATA_REVIEW -> correctData("resubmission", on).reanalysed(stillOutlier, newLevel, on);
            case REANALYSIS -> reanalysed(stillOutlier, newLevel, on);
            case PUBLISHED, CLOSED -> this;
            default -> new OutlierCase(organisation, metric, period, stillOutlier ? newLevel : level, stage, dueBy,
                    escalated, reportedToRegulator,
                    timescales, append(new Entry(stage, stillOutlier ? "revised-data-still-" + newLevel
                            : "revised-data-within-limits", "analysis", on)));
        };
    }

    /** The audit told the medical director and chief executive (and, for an alarm, the regulator). */
    public OutlierCase inform(String actor, LocalDate on) {
        require(Stage.CONFIRMED, "inform the trust's board");
        return to(Stage.INFORMED, on, timescales.response(), ALARM.equals(level) ? "board-and-regulator-informed"
                : "board-informed", actor, reportedToRegulator);
    }

    /** The trust responded: its improvement need is answered (a cycle started, or a decision recorded). */
    public OutlierCase respond(String actor, LocalDate on) {
        require(Stage.INFORMED, "record the trust's response");
        return to(Stage.RESPONDED, on, 0, "responded", actor, reportedToRegulator);
    }

    /** Disclosed publicly at the audit's publication step. */
    public OutlierCase publish(String actor, LocalDate on) {
        require(Stage.RESPONDED, "publish");
        return new OutlierCase(organisation, metric, period, level, Stage.PUBLISHED, null, false, reportedToRegulator,
                timescales, append(new Entry(Stage.PUBLISHED, "published", actor, on)));
    }

    /**
     * The clock on {@code today}: a trust stage past its deadline is escalated once (to the medical director), with
     * {@code escalation} more working days; past that, data not reviewed are taken as submitted (confirmed), and an
     * alarm without a response is reported to the regulator (the trust may still respond). Audit stages are not
     * escalated here (the audit's own overdue work shows as overdue). Unchanged when nothing is due.
     */
    public OutlierCase tick(LocalDate today) {
        if (!overdue(today) || !"clinical-lead".equals(actor()) && !"trust".equals(actor())) {
            return this;
        }
        if (!escalated) {
            return new OutlierCase(organisation, metric, period, level, stage,
                    EnglandWorkingDays.plusWorkingDays(dueBy, timescales.escalation()), true, reportedToRegulator,
                    timescales, append(new Entry(stage, "escalated-to-medical-director", "platform", today)));
        }
        if (stage == Stage.DATA_REVIEW) {
            return to(Stage.CONFIRMED, today, timescales.inform(), "data-taken-as-submitted", "platform", reportedToRegulator);
        }
        if (ALARM.equals(level) && !reportedToRegulator) {
            return new OutlierCase(organisation, metric, period, level, stage, null, true, true, timescales,
                    append(new Entry(stage, "no-response-reported-to-regulator", "platform", today)));
        }
        return this;
    }

    private OutlierCase to(Stage next, LocalDate on, int workingDays, String action, String actor, boolean reported) {
        LocalDate due = workingDays == 0 ? null : EnglandWorkingDays.plusWorkingDays(on, workingDays);
        return new OutlierCase(organisation, metric, period, level, next, due, false, reported, timescales,
                append(new Entry(next, action, actor, on)));
    }

    private List<Entry> append(Entry entry) {
        List<Entry> longer = new ArrayList<>(history);
        longer.add(entry);
        return longer;
    }

    private void require(Stage expected, String what) {
        if (stage != expected) {
            throw new IllegalStateException("Cannot " + what + " while the case is at " + stage.name().toLowerCase()
                    .replace('_', ' ') + " (it needs " + expected.name().toLowerCase().replace('_', ' ') + ")");
        }
    }
}
