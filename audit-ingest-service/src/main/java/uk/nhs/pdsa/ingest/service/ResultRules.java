package uk.nhs.pdsa.ingest.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;

/**
 * What makes a result acceptable: a known audit and metric, a well-formed organisation code and period,
 * and the measure fields the metric's type calls for (proportion: 0 <= numerator <= denominator,
 * denominator >= 1; rate: events >= 0 over exposure >= 1; value: a value and no counts).
 */
public final class ResultRules {
    private static final Pattern ODS_CODE = Pattern.compile("^[A-Z0-9]{3,10}$");
    private static final Pattern MICROSYSTEM = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$");

    private final Function<String, Optional<Audit>> catalogue;

    public ResultRules(Function<String, Optional<Audit>> catalogue) {
        this.catalogue = catalogue;
    }

    /** The reasons {@code s} (found at {@code pointer} in the request) cannot be accepted; empty if it can. */
    public List<FieldError> check(ResultSubmission s, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Metric> metric = catalogue.apply(s.audit())
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
        if (!ODS_CODE.matcher(s.organisation()).matches()) {
            errors.add(new FieldError(pointer + "/organisation", "organisation must be an ODS code such as RXH"));
        }
        if (s.microsystem() != null && !MICROSYSTEM.matcher(s.microsystem()).matches()) {
            errors.add(new FieldError(pointer + "/microsystem",
                    "microsystem must be letters, digits and hyphens, at most 64 characters"));
        }
        try {
            Period.parse(s.period());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(pointer + "/period", e.getMessage()));
        }
        metric.ifPresent(m -> checkMeasures(m, s, pointer, errors));
        return errors;
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
            errors.add(new FieldError(pointer + "/value", "a " + metric.type + " metric takes numerator and denominator, not value"));
        }
        if (s.numerator() == null) {
            errors.add(new FieldError(pointer + "/numerator", "numerator is required for a " + metric.type + " metric"));
        } else if (s.numerator() < 0) {
            errors.add(new FieldError(pointer + "/numerator", "numerator must not be negative"));
        }
        if (s.denominator() == null) {
            errors.add(new FieldError(pointer + "/denominator", "denominator is required for a " + metric.type + " metric"));
        } else if (s.denominator() < 1) {
            errors.add(new FieldError(pointer + "/denominator", "denominator must be at least 1"));
        }
        if (Metric.PROPORTION.equals(metric.type) && s.numerator() != null && s.denominator() != null
                && s.numerator() > s.denominator()) {
            errors.add(new FieldError(pointer + "/numerator",
                    "numerator (" + s.numerator() + ") must not exceed denominator (" + s.denominator() + ")"));
        }
    }
}
