package uk.nhs.pdsa.ingest.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.metrics.OrganisationCode;

import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.ingest.Organisation;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;

/**
 * What makes a result acceptable: a known audit and metric, a known trust (and microsystem of it), a period,
 * and the measure fields the metric's type calls for (proportion: 0 <= numerator <= denominator,
 * denominator >= 1; rate: events >= 0 over exposure >= 1; value: a value and no counts).
 */
public final class ResultRules {
    static final int MAX_EXPECTED_DECIMALS = 4;
    private final CatalogueLookup catalogue;
    private final java.time.LocalDate latestStart;

    /** Rules that accept periods that have begun by today. */
    public ResultRules(CatalogueLookup catalogue) {
        this(catalogue, java.time.LocalDate.now());
    }

    /** @param latestStart the last day a result's period may start on (today, plus any grace) */
    public ResultRules(CatalogueLookup catalogue, java.time.LocalDate latestStart) {
        this.catalogue = catalogue;
        this.latestStart = latestStart;
    }

    /** The reasons {@code s} (found at {@code pointer} in the request) cannot be accepted; empty if it can. */
    public List<FieldError> check(ResultSubmission s, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        // Control characters first: no text that holds one is looked up or stored.
        String[][] texts = {{"audit", s.audit()}, {"metric", s.metric()}, {"organisation", s.organisation()},
            {"microsystem", s.microsystem()}, {"period", s.period()}};
        for (String[] text : texts) {
            String refusal = uk.nhs.pdsa.runtime.json.PlainText.refusal(text[1]);
            if (refusal != null) {
                errors.add(new FieldError(pointer + "/" + text[0], text[0] + " " + refusal));
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        Optional<Metric> metric = catalogue.audit(s.audit())
                .map(audit -> {
                    Optional<Metric> found = audit.metric(s.metric());
                    if (found.isEmpty()) {
                        errors.add(new FieldError(pointer + "/metric", "audit " + s.audit() + " has no metric " + s.metric()));
                    }
                    return found;
                })
                .orElseGet(() -> {
                    errors.add(new FieldError(pointer + "/audit", "unknown audit " + s.audit()));
                    return Optional.empty();
                });
        if (!OrganisationCode.isValid(s.organisation())) {
            errors.add(new FieldError(pointer + "/organisation", "organisation must be an ODS code such as RXH"));
        } else {
            checkOrganisation(s, pointer, errors);
        }
        if (s.microsystem() != null && !CatalogueRules.MICROSYSTEM.matcher(s.microsystem()).matches()) {
            errors.add(new FieldError(pointer + "/microsystem",
                    "microsystem must be letters, digits and hyphens, at most 64 characters"));
        }
        try {
            Period period = Period.parse(s.period());
            metric.filter(m -> !m.granularity.equals(period.granularity().name().toLowerCase(java.util.Locale.ROOT)))
                    .ifPresent(m -> errors.add(new FieldError(pointer + "/period", s.metric() + " takes one result a "
                            + m.granularity + " (for example " + example(m.granularity) + "); " + s.period() + " is a "
                            + period.granularity().name().toLowerCase(java.util.Locale.ROOT))));
            if (period.start().isAfter(latestStart)) {
                errors.add(new FieldError(pointer + "/period", "period " + s.period() + " has not begun: results are for"
                        + " periods that started on or before " + latestStart));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(pointer + "/period", "'" + s.period() + "' is not a period: " + e.getMessage()));
        }
        metric.ifPresent(m -> checkMeasures(m, s, pointer, errors));
        return errors;
    }

    private void checkOrganisation(ResultSubmission s, String pointer, List<FieldError> errors) {
        Optional<Organisation> organisation = catalogue.organisation(s.organisation());
        if (organisation.isEmpty()) {
            errors.add(new FieldError(pointer + "/organisation", "unknown organisation " + s.organisation()
                    + "; PUT /api/v1/organisations/" + s.organisation() + " first"));
        } else if (!Organisation.TRUST.equals(organisation.get().type)) {
            errors.add(new FieldError(pointer + "/organisation", s.organisation() + " is a " + organisation.get().type
                    + "; only trusts submit results"));
        } else if (s.microsystem() != null && CatalogueRules.MICROSYSTEM.matcher(s.microsystem()).matches()
                && organisation.get().microsystem(s.microsystem()).isEmpty()) {
            errors.add(new FieldError(pointer + "/microsystem", "trust " + s.organisation() + " has no microsystem "
                    + s.microsystem()));
        }
    }

    private static String example(String granularity) {
        return switch (granularity) {
            case "quarter" -> "2025-Q1";
            case "year" -> "2025";
            default -> "2025-03";
        };
    }

    private static void checkMeasures(Metric metric, ResultSubmission s, String pointer, List<FieldError> errors) {
        if (!metric.isCounted()) {
            if (s.value() == null) {
                errors.add(new FieldError(pointer + "/value", "value is required for a value metric"));
            }
            if (s.numerator() != null || s.denominator() != null) {
                errors.add(new FieldError(pointer + (s.numerator() != null ? "/numerator" : "/denominator"),
                        "a value metric takes value, not numerator and denominator"));
            }
            return;
        }
        if (s.value() != null) {
            errors.add(new FieldError(pointer + "/value", "a " + metric.type.code() + " metric takes numerator and denominator, not value"));
        }
        if (s.numerator() == null) {
            errors.add(new FieldError(pointer + "/numerator", "numerator is required for a " + metric.type.code() + " metric"));
        } else if (s.numerator() < 0) {
            errors.add(new FieldError(pointer + "/numerator", "numerator must not be negative"));
        }
        if (s.denominator() == null) {
            errors.add(new FieldError(pointer + "/denominator", "denominator is required for a " + metric.type.code() + " metric"));
        } else if (s.denominator() < 1) {
            errors.add(new FieldError(pointer + "/denominator", "denominator must be at least 1"));
        }
        if (metric.type != MetricType.RATE && s.numerator() != null && s.denominator() != null
                && s.numerator() > s.denominator()) {
            errors.add(new FieldError(pointer + "/numerator",
                    "numerator (" + s.numerator() + ") must not exceed denominator (" + s.denominator() + ")"));
        }
        checkExpected(metric, s, pointer, errors);
    }

    /**
     * A standardised ratio needs the risk model's expected count: more than 0 (a ratio of nothing expected has no
     * meaning), at most the patients (each patient's predicted risk is at most 1) and with at most 4 decimals.
     * Every other type takes none.
     */
    private static void checkExpected(Metric metric, ResultSubmission s, String pointer, List<FieldError> errors) {
        BigDecimal expected = s.expected();
        if (!metric.type.standardised()) {
            if (expected != null) {
                errors.add(new FieldError(pointer + "/expected", "only a standardised-ratio metric takes expected; "
                        + s.metric() + " is a " + metric.type.code() + " metric"));
            }
            return;
        }
        if (expected == null) {
            errors.add(new FieldError(pointer + "/expected", "expected is required for a standardised-ratio metric:"
                    + " the count the audit's risk model expects for these patients"));
        } else if (expected.signum() <= 0) {
            errors.add(new FieldError(pointer + "/expected", "expected must be more than 0"));
        } else if (expected.stripTrailingZeros().scale() > MAX_EXPECTED_DECIMALS) {
            errors.add(new FieldError(pointer + "/expected", "expected takes at most " + MAX_EXPECTED_DECIMALS
                    + " decimal places"));
        } else if (s.denominator() != null && s.denominator() >= 1
                && expected.compareTo(BigDecimal.valueOf(s.denominator())) > 0) {
            errors.add(new FieldError(pointer + "/expected", "expected (" + expected.toPlainString()
                    + ") must not exceed denominator (" + s.denominator() + "): each patient's predicted risk is at most 1"));
        }
    }
}
