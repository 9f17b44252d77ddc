package uk.nhs.pdsa.findings.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import uk.nhs.pdsa.findings.funnel.FunnelPlot;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.findings.model.FunnelRequest;
import uk.nhs.pdsa.findings.model.FunnelChart;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/** Checks a funnel compute request field by field and computes it. */
public final class FunnelRequests {
    private FunnelRequests() {
    }

    /** {@code none}, {@code multiplicative}, {@code additive} or {@code auto} (null: auto). */
    public static FunnelPlot.Method method(String overdispersion, String pointer, List<FieldError> errors) {
        if (overdispersion == null) {
            return FunnelPlot.Method.AUTO;
        }
        try {
            return FunnelPlot.Method.valueOf(overdispersion.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(pointer, "overdispersion must be none, multiplicative, additive or auto"));
            return FunnelPlot.Method.AUTO;
        }
    }

    public static FunnelChart compute(FunnelRequest request) {
        if (request == null) {
            throw ProblemException.validation("the body is required", List.of(new FieldError("/", "body is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        FunnelPlot.Type type = MetricType.of(request.type()).flatMap(FunnelPlot.Type::of).orElse(null);
        if (type == null) {
            errors.add(new FieldError("/type", "type must be proportion, rate or standardised-ratio"));
        }
        FunnelPlot.Method method = method(request.overdispersion(), "/overdispersion", errors);
        List<FunnelRequest.Unit> given = request.units() == null ? List.of() : request.units();
        if (given.size() < 2 || given.size() > 5000) {
            errors.add(new FieldError("/units", "a funnel plot compares 2 to 5000 units; this one has " + given.size()));
        }
        List<FunnelPlot.Unit> units = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            FunnelRequest.Unit u = given.get(i);
            String at = "/units/" + i;
            int before = errors.size();
            if (u == null || u.id() == null || u.id().isBlank()) {
                errors.add(new FieldError(at + "/id", "each unit needs an id"));
                continue;
            }
            if (!ids.add(u.id())) {
                errors.add(new FieldError(at + "/id", "unit " + u.id() + " appears twice"));
            }
            if (u.numerator() == null || u.numerator() < 0) {
                errors.add(new FieldError(at + "/numerator", "numerator is required and must not be negative"));
            } else if (u.numerator() > SpcRequests.MAX_MAGNITUDE) {
                errors.add(new FieldError(at + "/numerator", "numerator must be at most 10^12"));
            }
            if (u.denominator() != null && u.denominator() > SpcRequests.MAX_MAGNITUDE) {
                errors.add(new FieldError(at + "/denominator", "denominator must be at most 10^12"));
            }
            boolean ratio = type == FunnelPlot.Type.STANDARDISED_RATIO;
            if (ratio ? u.denominator() != null && u.denominator() < 1 : u.denominator() == null || u.denominator() < 1) {
                errors.add(new FieldError(at + "/denominator", ratio ? "denominator (the patients) must be at least 1"
                        : "denominator is required and must be at least 1"));
            }
            if (ratio && (u.expected() == null || !(u.expected() > 0) || u.expected() > 1e9)) {
                errors.add(new FieldError(at + "/expected", "a standardised ratio needs expected, more than 0 and at most"
                        + " 1,000,000,000"));
            } else if (!ratio && u.expected() != null) {
                errors.add(new FieldError(at + "/expected", "only a standardised ratio takes expected"));
            }
            if (errors.size() == before && type == FunnelPlot.Type.PROPORTION && u.numerator() > u.denominator()) {
                errors.add(new FieldError(at + "/numerator", "numerator (" + u.numerator() + ") must not exceed denominator ("
                        + u.denominator() + ")"));
            }
            if (errors.size() == before) {
                units.add(ratio ? new FunnelPlot.Unit(u.id(), u.numerator(), u.denominator() == null ? 0 : u.denominator(),
                        u.expected()) : new FunnelPlot.Unit(u.id(), u.numerator(), u.denominator()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s)", errors);
        }
        return FunnelChart.of(null, null, FunnelPlot.compute(type, units, method));
    }
}
