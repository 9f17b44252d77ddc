package uk.nhs.pdsa.runtime.rest;

import java.util.List;
import java.util.regex.Pattern;

import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.metrics.OrganisationCode;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * The form of the codes lists are filtered by, checked before a query runs: a filter that can match nothing because
 * it is malformed (month 13, an organisation code with a space) is the caller's mistake and answers 400 with a
 * pointer, not an empty list. A blank or absent filter is no filter.
 */
public final class FilterRules {
    /** Audit, metric and specialty codes. */
    public static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    public static final Pattern MICROSYSTEM = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$");

    private final List<FieldError> errors = new java.util.ArrayList<>();

    public static FilterRules check() {
        return new FilterRules();
    }

    public FilterRules organisation(String name, String value) {
        if (given(value) && !OrganisationCode.isValid(value)) {
            errors.add(new FieldError("/" + name, "an organisation code: " + OrganisationCode.RULE));
        }
        return this;
    }

    public FilterRules code(String name, String value) {
        if (given(value) && !CODE.matcher(value).matches()) {
            errors.add(new FieldError("/" + name, "a code: lower-case letters, digits and hyphens, at most 64"));
        }
        return this;
    }

    public FilterRules microsystem(String name, String value) {
        if (given(value) && !MICROSYSTEM.matcher(value).matches()) {
            errors.add(new FieldError("/" + name, "a microsystem code: letters, digits and hyphens, at most 64"));
        }
        return this;
    }

    public FilterRules period(String name, String value) {
        if (given(value)) {
            try {
                Period.parse(value);
            } catch (RuntimeException e) {
                errors.add(new FieldError("/" + name, "a period: a month (2025-03), a quarter (2025-Q1) or a year (2025)"));
            }
        }
        return this;
    }

    public FilterRules oneOf(String name, String value, java.util.Collection<String> allowed) {
        if (given(value) && !allowed.contains(value)) {
            errors.add(new FieldError("/" + name, "one of " + String.join(", ", new java.util.TreeSet<>(allowed))));
        }
        return this;
    }

    /** Adds these errors to a caller's own list (for endpoints that check more). */
    public List<FieldError> errors() {
        return errors;
    }

    /** 400 problem+json naming every malformed filter, if any. */
    public void orRefuse() {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid parameter(s)", List.copyOf(errors));
        }
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
