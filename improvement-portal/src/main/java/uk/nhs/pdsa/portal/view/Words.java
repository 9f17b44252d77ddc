package uk.nhs.pdsa.portal.view;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Plain words for what the services answer in codes (NHS England, Making Data Count icons' meanings). */
public final class Words {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private Words() {
    }

    public static String variation(String code) {
        if (code == null || code.isBlank()) {
            return "Not enough data yet";
        }
        return switch (code) {
            case "special-cause-concern" -> "Getting worse (special cause: concern)";
            case "special-cause-improvement" -> "Getting better (special cause: improvement)";
            case "special-cause-neutral" -> "Changed (special cause, no direction)";
            case "common-cause" -> "No significant change (common cause)";
            default -> code;
        };
    }

    /** The NHS.UK tag colour for a variation. */
    public static String variationTag(String code) {
        if (code == null) {
            return "nhsuk-tag--grey";
        }
        return switch (code) {
            case "special-cause-concern" -> "nhsuk-tag--orange";
            case "special-cause-improvement" -> "nhsuk-tag--blue";
            case "special-cause-neutral" -> "nhsuk-tag--purple";
            default -> "nhsuk-tag--grey";
        };
    }

    public static String assurance(String code) {
        if (code == null || code.isBlank()) {
            return "No target";
        }
        return switch (code) {
            case "consistently-passing" -> "Consistently meets the target";
            case "consistently-failing" -> "Consistently misses the target";
            case "inconsistent" -> "Sometimes meets the target";
            case "no-target", "none" -> "No target, or too few points";
            default -> code;
        };
    }

    /** The NHS.UK tag colour for an assurance: blue passing, orange failing, grey otherwise. */
    public static String assuranceTag(String code) {
        return "consistently-passing".equals(code) ? "nhsuk-tag--blue"
                : "consistently-failing".equals(code) ? "nhsuk-tag--orange" : "nhsuk-tag--grey";
    }

    public static String needStatus(String code) {
        return switch (code) {
            case "open" -> "Waiting for an answer";
            case "in-progress" -> "PDSA cycle under way";
            case "closed" -> "Closed by a decision";
            case "improved" -> "Improved";
            default -> code;
        };
    }

    public static String findingKind(String kind, String orientation) {
        String what = switch (kind) {
            case "outlier" -> "Outlier among trusts";
            case "outlier-case" -> "Outlier in the audit's analysis of a closed period";
            default -> "Special cause variation";
        };
        return what + ("concern".equals(orientation) ? ": concern" : "improvement".equals(orientation) ? ": improvement" : "");
    }

    /** What a Making Data Count rule means, in words. */
    public static String rule(String code) {
        return switch (code) {
            case "beyond-limits" -> "A point outside the control limits";
            case "shift" -> "A run of points all on one side of the mean (shift)";
            case "trend" -> "A run of points all rising or all falling (trend)";
            case "two-of-three" -> "Two out of three points close to a control limit";
            case "runs" -> "Too long a run, or too few crossings of the median (run chart rules)";
            default -> code;
        };
    }

    /** An outlier's level: alert (beyond the 95 % limit) or alarm (beyond 99.8 %). */
    public static String outlierLevel(String level, String side) {
        String where = "low".equals(side) ? "below" : "above";
        return "alarm".equals(level) ? "Alarm: " + where + " the 99.8% limit" : "Alert: " + where + " the 95% limit";
    }

    /** Where a trust stands on a funnel plot, from its classification. */
    public static String funnelVerdict(String classification) {
        return switch (classification) {
            case "alarm-high" -> "Alarm: above the 99.8% limit";
            case "alert-high" -> "Alert: above the 95% limit";
            case "alert-low" -> "Alert: below the 95% limit";
            case "alarm-low" -> "Alarm: below the 99.8% limit";
            default -> "Within the expected range";
        };
    }

    /** What happened to an improvement need, from action-plan's history. */
    public static String needAction(String action) {
        return switch (action) {
            case "opened" -> "Improvement need opened by the concern";
            case "evidence-added" -> "Another finding added as evidence";
            case "concern-returned" -> "The concern came back";
            case "concern-resolved" -> "The concern no longer shows on the chart";
            case "finding-resolved" -> "A finding of its evidence resolved";
            case "decided" -> "Answered by a decision";
            case "answered-by-cycle" -> "Answered by planning a PDSA cycle";
            case "reopened" -> "Reopened";
            case "escalated" -> "Escalated: the answer is overdue";
            case "improved" -> "Improved: special cause improvement after the change";
            default -> action.replace('-', ' ');
        };
    }

    /**
     * Who did it, as far as the history says: the platform for its own steps, else the organisation the person acted
     * for (the services record the provider's subject, which is no name).
     */
    public static String actor(String actor) {
        if (actor == null || actor.isBlank() || actor.endsWith("-service") || actor.equals("system")) {
            return "the platform";
        }
        int at = actor.lastIndexOf('@');
        return at > 0 ? "someone at " + actor.substring(at + 1) : actor;
    }

    /** A need's escalation step in words (from action-plan's {@code escalation}). */
    public static String escalation(com.fasterxml.jackson.databind.JsonNode e) {
        return "Step " + e.path("level").asInt() + ", to the " + e.path("role").asText().replace('-', ' ') + " ("
                + e.path("daysOverdue").asInt() + " days overdue)";
    }

    /** How a need was answered, in words (from action-plan's {@code answer}). */
    public static String answer(com.fasterxml.jackson.databind.JsonNode a) {
        return a.hasNonNull("rationale") ? "By a decision: " + a.path("rationale").asText() : "By planning a PDSA cycle";
    }

    /** A worksheet field's label. */
    public static String field(String name) {
        return switch (name) {
            case "changeDate" -> "Date the change was made";
            case "whatWasDone" -> "What was done";
            case "problems" -> "Problems";
            case "observations" -> "Observations";
            case "comparison" -> "Results against the prediction";
            case "learning" -> "What was learned";
            case "decision" -> "Decision";
            case "rationale" -> "Why";
            case "teamScore" -> "Team's progress score";
            case "owner" -> "Owner";
            case "reason" -> "Reason";
            case "version" -> "Version";
            default -> name;
        };
    }

    /** An Act decision in words; any other value as it is. */
    public static String decision(String value) {
        return switch (value) {
            case "adopt" -> "Adopt: make the change standard practice";
            case "adapt" -> "Adapt: change it and test again";
            case "abandon" -> "Abandon: stop testing this change";
            default -> value;
        };
    }

    /** The IHI progress score's meaning (Institute for Healthcare Improvement, 1.0 to 5.0). */
    public static String score(double score) {
        String[] meanings = {"Forming a team", "Planning has begun", "Activity, but no changes", "Changes tested, but no"
            + " improvement", "Modest improvement", "Improvement", "Significant improvement", "Sustainable improvement",
            "Outstanding sustainable results"};
        int index = (int) Math.round((score - 1.0) * 2);
        return index >= 0 && index < meanings.length ? meanings[index] : "";
    }

    /** What findings showed after the change, for one measure (the snapshot Study took). */
    public static String evidence(com.fasterxml.jackson.databind.JsonNode e) {
        if (!e.path("available").asBoolean()) {
            return "No data: " + e.path("note").asText("findings held no results for this measure");
        }
        boolean proportion = "p".equals(e.path("chart").asText()) || "pp".equals(e.path("chart").asText());
        String before = e.hasNonNull("beforeMean") ? value(e.path("beforeMean").asDouble(), proportion) : "no points";
        String after = e.hasNonNull("afterMean") ? value(e.path("afterMean").asDouble(), proportion) : "no points yet";
        String cause = e.hasNonNull("improvement") ? "special cause improvement since the change"
                + (e.path("sustained").asBoolean() ? ", sustained" : "")
                : e.hasNonNull("concern") ? "special cause concern since the change" : "no special cause since the change";
        return "Mean before the change " + before + ", since " + after + ": " + cause + ".";
    }

    public static String rampStatus(String status) {
        return switch (status) {
            case "running" -> "A cycle is under way";
            case "continues" -> "The last cycle was adopted or adapted: a next cycle may follow";
            case "ended" -> "Ended: the last change was abandoned";
            default -> status;
        };
    }

    /** What a change to a cycle was, from its history. */
    public static String cycleAction(String action) {
        return switch (action) {
            case "planned" -> "Planned the cycle";
            case "do" -> "Recorded Do (the change made)";
            case "study" -> "Recorded Study";
            case "act" -> "Recorded Act";
            case "owner-changed" -> "Handed the cycle to a new owner";
            case "team-score" -> "Gave the team's progress score";
            case "overdue" -> "Passed its planned end";
            case "decided" -> "Answered by a decision";
            default -> needAction(action);
        };
    }

    /** An instant as "30 November 2026 at 08:15" (England's time). */
    public static String moment(String iso) {
        try {
            return java.time.Instant.parse(iso).atZone(java.time.ZoneId.of("Europe/London"))
                    .format(DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    /**
     * A published finding in plain words for patients and the public: which hospital trust, which measure, when,
     * and whether it was better or worse than expected. Short sentences, no statistical terms.
     */
    public static String published(String trust, String measure, String audit, String period, String orientation) {
        String how = switch (orientation) {
            case "concern" -> "worse than we would expect";
            case "improvement" -> "better than we would expect";
            default -> "not what we would expect";
        };
        return (period.contains(" to ") ? "From " : "In ") + period + ", the result for \"" + measure + "\" at " + trust + " was " + how + ". We know this from the "
                + audit + ". It checks the care in each hospital in the same way. The hospital was told first, so it can act.";
    }

    /**
     * What the trust has done since it was told, for patients and the public, from a publication's {@code since}
     * counts: tests of change started and finished, changes kept, results improved. Short sentences, plain words.
     */
    public static String since(int started, int finished, int adopted, boolean improved) {
        if (started == 0) {
            return improved ? "Since then, the results at this trust have got better."
                    : "Since then, the trust has not yet told us of a change it is trying.";
        }
        StringBuilder words = new StringBuilder(started == 1
                ? "Since then, the trust has tried one change to its care to see if it helps."
                : "Since then, the trust has tried " + started + " changes to its care, one at a time, to see what helps.");
        if (finished > 0 && finished < started) {
            words.append(" It has checked the results of ").append(finished).append(" so far.");
        } else if (finished > 0) {
            words.append(" It has checked the results of each.");
        }
        if (adopted > 0) {
            words.append(adopted == 1 ? " One change worked and is now part of its usual care."
                    : " " + adopted + " changes worked and are now part of its usual care.");
        }
        if (improved) {
            words.append(" Its results have got better.");
        }
        return words.toString();
    }

    /** A delivery status as GOV.UK Notify words it. */
    public static String deliveryStatus(String status) {
        return switch (status) {
            case "created", "sending" -> "Sending";
            case "delivered" -> "Delivered";
            case "temporary-failure" -> "Not delivered yet: will try again";
            case "permanent-failure" -> "Failed: not delivered";
            case "technical-failure" -> "Technical failure: ask the platform team";
            default -> status;
        };
    }

    /** What a PDSA cycle waits for at its stage. */
    public static String cycleWaits(String stage) {
        return switch (stage) {
            case "plan" -> "Planned: waiting for the change to be made (Do)";
            case "do" -> "Change made: waiting for the results to be studied (Study)";
            case "study" -> "Studied: waiting for a decision to adopt, adapt or abandon (Act)";
            default -> "Complete";
        };
    }

    /** {@code 2025-03} as "March 2025"; an analysis period ({@code 2025-26}, {@code 2025-Q3}) by its months. */
    public static String period(String period) {
        try {
            return YearMonth.parse(period).format(MONTH);
        } catch (RuntimeException e) {
            return uk.nhs.pdsa.metrics.AnalysisPeriod.ofLabel(period).map(uk.nhs.pdsa.metrics.AnalysisPeriod::inWords)
                    .orElse(period);
        }
    }

    /** Where an outlier case stands, in words. */
    public static String outlierStage(String stage) {
        return switch (stage) {
            case "provider-analysis" -> "The audit is checking its data and analysis";
            case "data-review" -> "Waiting for the trust's clinical lead to review the data";
            case "reanalysis" -> "Corrected data: the analysis runs again";
            case "confirmed" -> "Confirmed: the audit tells the trust's board";
            case "informed" -> "The trust's board is told: waiting for the trust's response";
            case "responded" -> "The trust responded: waiting for publication";
            case "published" -> "Published";
            case "closed" -> "Closed: within the limits after correction";
            default -> stage;
        };
    }

    /** An outlier's level: alert (beyond the 95 % limit) or alarm (beyond 99.8 %). */
    public static String outlierCaseLevel(String level) {
        return "alarm".equals(level) ? "Alarm: beyond the 99.8 % limit" : "Alert: beyond the 95 % limit";
    }

    /** Who acts next on an outlier case, or who took a step, as a role. */
    public static String outlierRole(String role) {
        return switch (role) {
            case "audit" -> "The national audit";
            case "clinical-lead" -> "The trust's clinical lead";
            case "trust" -> "The trust";
            case "analysis" -> "The analysis";
            case "platform" -> "The platform (a deadline passed)";
            case "nobody" -> "Nobody";
            default -> role;
        };
    }

    /** A step of an outlier case, in words. */
    public static String outlierAction(String action) {
        return switch (action) {
            case "raised" -> "Found beyond the limits in the analysis of the closed period";
            case "clinical-lead-notified" -> "The clinical lead was asked to review the data";
            case "data-confirmed" -> "The clinical lead confirmed the data are accurate";
            case "data-corrected" -> "The clinical lead corrected the data (resubmitted)";
            case "data-taken-as-submitted" -> "Not reviewed in time: the data were taken as submitted";
            case "board-informed" -> "The medical director and chief executive were told";
            case "board-and-regulator-informed" -> "The medical director, chief executive and the Care Quality Commission were told";
            case "responded" -> "The trust responded: its improvement need was answered";
            case "published" -> "Published";
            case "escalated-to-medical-director" -> "Overdue: escalated to the medical director";
            case "no-response-reported-to-regulator" -> "No response: reported to the Care Quality Commission";
            case "not-an-outlier-after-correction", "within-limits-on-revised-data", "revised-data-within-limits" ->
                    "Within the limits on the corrected data";
            default -> action.startsWith("still-") || action.startsWith("revised-data-still-")
                    || action.startsWith("reanalysed-on-revised-data-")
                            ? "Analysed again on revised data: still beyond the "
                                    + (action.contains("alarm") ? "alarm" : "alert") + " limit"
                            : action;
        };
    }

    public static String day(String isoDate) {
        try {
            return LocalDate.parse(isoDate.length() > 10 ? isoDate.substring(0, 10) : isoDate).format(DAY);
        } catch (RuntimeException e) {
            return isoDate;
        }
    }

    /**
     * A point's or a trust's counts: "41 of 52", or for a standardised ratio (with an expected count) "7 observed,
     * 3.71 expected"; empty for a measured value.
     */
    public static String counts(com.fasterxml.jackson.databind.JsonNode n) {
        if (!n.hasNonNull("numerator")) {
            return "";
        }
        if (n.hasNonNull("expected")) {
            return n.path("numerator").asLong() + " observed, " + String.format(Locale.UK, "%.2f", n.path("expected")
                    .asDouble()) + " expected";
        }
        return n.path("numerator").asLong() + " of " + n.path("denominator").asLong();
    }

    /** The heading of the counts column for a metric type. */
    public static String countsHeading(String metricType) {
        return "standardised-ratio".equals(metricType) ? "Observed and expected" : "Patients";
    }

    /** A proportion as a percentage with one decimal; other values with up to two decimals. */
    public static String value(double value, boolean proportion) {
        return proportion ? String.format(Locale.UK, "%.1f%%", value * 100) : String.format(Locale.UK, "%.2f", value);
    }
}
