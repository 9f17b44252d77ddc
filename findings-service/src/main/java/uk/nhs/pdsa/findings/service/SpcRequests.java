package uk.nhs.pdsa.findings.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import uk.nhs.pdsa.findings.model.SpcRequest;
import uk.nhs.pdsa.findings.model.SpcChart;
import uk.nhs.pdsa.metrics.ChartType;
import uk.nhs.pdsa.metrics.SpcRules;
import uk.nhs.pdsa.findings.spc.Observation;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.SpcOptions;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/** Checks a compute request field by field (every problem listed at once) and charts it. */
public final class SpcRequests {
    private static final Set<String> DIRECTIONS = Set.of("higher-is-better", "lower-is-better", "neutral");
    /**
     * Values, targets and counts lie within ±10^12: beyond, limits computed from squares and sums would lose every
     * digit (or overflow to infinity) and the chart would say nothing true.
     */
    public static final double MAX_MAGNITUDE = 1e12;

    private SpcRequests() {
    }

    public static SpcChart compute(SpcRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ProblemException.validation("the body is required", List.of(new FieldError("/", "body is required")));
        }
        ChartType chart = ChartType.of(request.chart()).orElse(null);
        if (chart == null) {
            errors.add(new FieldError("/chart", "chart must be one of " + ChartType.CODES));
        }
        String direction = request.direction() == null ? "neutral" : request.direction();
        if (!DIRECTIONS.contains(direction)) {
            errors.add(new FieldError("/direction", "direction must be higher-is-better, lower-is-better or neutral"));
        }
        if (request.target() != null) {
            double target = request.target().doubleValue();
            if (Math.abs(target) > MAX_MAGNITUDE) {
                errors.add(new FieldError("/target", "target must lie within ±10^12"));
            } else if ((chart == ChartType.P || chart == ChartType.PP) && (target < 0 || target > 1)) {
                errors.add(new FieldError("/target", "a proportion's target is between 0 and 1 (0.85 for 85%)"));
            } else if (chart != null && chart.counted() && target < 0) {
                errors.add(new FieldError("/target", "a rate's target is not negative"));
            }
        }
        List<SpcRequest.Point> points = request.points() == null ? List.of() : request.points();
        if (points.size() < SpcRules.MIN_CHART_POINTS || points.size() > SpcRules.MAX_CHART_POINTS) {
            errors.add(new FieldError("/points", "a chart needs " + SpcRules.MIN_CHART_POINTS + " to " + SpcRules.MAX_CHART_POINTS
                    + " points; this one has " + points.size()));
        }
        List<Observation> observations = new ArrayList<>();
        List<Long> numerators = new ArrayList<>();
        List<Long> denominators = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < points.size(); i++) {
            SpcRequest.Point p = points.get(i);
            String at = "/points/" + i;
            if (p == null) {
                errors.add(new FieldError(at, "each point is an object with a label"));
                continue;
            }
            if (p.label() == null || p.label().isBlank()) {
                errors.add(new FieldError(at + "/label", "each point needs a label"));
                continue;
            }
            if (!labels.add(p.label())) {
                errors.add(new FieldError(at + "/label", "label " + p.label() + " appears twice"));
            }
            if (chart == null) {
                continue;
            }
            Observation o = observation(chart, p, at, errors);
            if (o != null) {
                observations.add(o);
                numerators.add(p.numerator());
                denominators.add(p.denominator());
            }
        }
        SpcOptions options = options(request.options(), labels, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s)", errors);
        }
        SpcAnalysis analysis = SpcAnalysis.of(chart, direction, request.target() == null ? null
                : request.target().doubleValue(), observations, options);
        return SpcChart.of(null, null, analysis, numerators, denominators);
    }

    private static Observation observation(ChartType chart, SpcRequest.Point p, String at, List<FieldError> errors) {
        if (!chart.counted()) {
            if (p.value() == null) {
                errors.add(new FieldError(at + "/value", "a " + chart.code() + " chart takes a value per point"));
                return null;
            }
            if (Math.abs(p.value().doubleValue()) > MAX_MAGNITUDE) {
                errors.add(new FieldError(at + "/value", "value must lie within ±10^12"));
                return null;
            }
            return Observation.measured(p.label(), p.value().doubleValue());
        }
        int before = errors.size();
        if (p.numerator() == null) {
            errors.add(new FieldError(at + "/numerator", "a " + chart.code() + " chart takes numerator and denominator"));
        } else if (p.numerator() < 0) {
            errors.add(new FieldError(at + "/numerator", "numerator must not be negative"));
        } else if (p.numerator() > MAX_MAGNITUDE) {
            errors.add(new FieldError(at + "/numerator", "numerator must be at most 10^12"));
        }
        if (p.denominator() == null) {
            errors.add(new FieldError(at + "/denominator", "a " + chart.code() + " chart takes numerator and denominator"));
        } else if (p.denominator() < 1) {
            errors.add(new FieldError(at + "/denominator", "denominator must be at least 1"));
        } else if (p.denominator() > MAX_MAGNITUDE) {
            errors.add(new FieldError(at + "/denominator", "denominator must be at most 10^12"));
        }
        boolean proportion = chart == ChartType.P || chart == ChartType.PP;
        if (errors.size() == before && proportion && p.numerator() > p.denominator()) {
            errors.add(new FieldError(at + "/numerator", "numerator (" + p.numerator() + ") must not exceed denominator ("
                    + p.denominator() + ")"));
        }
        return errors.size() == before ? Observation.counted(p.label(), p.numerator(), p.denominator()) : null;
    }

    private static SpcOptions options(SpcRequest.Options o, Set<String> labels, List<FieldError> errors) {
        if (o == null) {
            return SpcOptions.DEFAULTS;
        }
        SpcRules.runLength("trendLength", o.trendLength())
                .ifPresent(e -> errors.add(new FieldError("/options/trendLength", e)));
        SpcRules.runLength("shiftLength", o.shiftLength())
                .ifPresent(e -> errors.add(new FieldError("/options/shiftLength", e)));
        Optional<String> baseline = SpcRules.baseline(o.baselinePoints());
        if (baseline.isPresent()) {
            errors.add(new FieldError("/options/baselinePoints", baseline.get()));
        } else if (o.baselinePoints() != null && o.baselinePoints() > labels.size()) {
            errors.add(new FieldError("/options/baselinePoints", "baselinePoints must be at most the number of points"));
        }
        List<String> rebaseAt = o.rebaseAt() == null ? List.of() : o.rebaseAt();
        List<String> exclude = o.exclude() == null ? List.of() : o.exclude();
        knownLabels(rebaseAt, labels, "/options/rebaseAt/", errors);
        knownLabels(exclude, labels, "/options/exclude/", errors);
        if (!errors.isEmpty()) {
            return SpcOptions.DEFAULTS;
        }
        return new SpcOptions(orDefault(o.trendLength()), orDefault(o.shiftLength()),
                Boolean.TRUE.equals(o.twoOfThreeCountsBeyondThree()),
                !Boolean.FALSE.equals(o.screenMovingRanges()), o.baselinePoints(), rebaseAt, Set.copyOf(exclude));
    }

    private static int orDefault(Integer runLength) {
        return runLength == null ? SpcRules.DEFAULT_RUN_LENGTH : runLength;
    }

    private static void knownLabels(List<String> given, Set<String> labels, String pointer, List<FieldError> errors) {
        for (int i = 0; i < given.size(); i++) {
            if (!labels.contains(given.get(i))) {
                errors.add(new FieldError(pointer + i, "no point is labelled " + given.get(i)));
            }
        }
    }
}
