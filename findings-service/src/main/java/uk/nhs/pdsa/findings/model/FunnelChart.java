package uk.nhs.pdsa.findings.model;

import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pdsa.findings.funnel.FunnelPlot;

/** A funnel plot as the API answers it. */
@Schema(name = "FunnelPlot", example = """
        {"type": "proportion", "target": 0.0834, "overdispersion": {"method": "none", "phi": 1.18, "tau2": 0.00014},
         "units": [{"id": "RXH", "numerator": 39, "denominator": 300, "value": 0.13, "z": 2.94,
                    "limits": {"alarmLow": 0.0368, "alertLow": 0.0517, "alertHigh": 0.1144, "alarmHigh": 0.1350},
                    "classification": "alert-high"}],
         "curve": [{"denominator": 100, "limits": {"alarmLow": 0.01, "alertLow": 0.03, "alertHigh": 0.14, "alarmHigh": 0.18}}]}""")
public record FunnelChart(String title, @Schema(description = "The metric's title in the catalogue (absent for posted data)") String metricTitle, String type, double target, Overdispersion overdispersion, List<Unit> units,
        List<CurvePoint> curve) implements uk.nhs.pdsa.runtime.rest.CsvTable {

    /** As CSV, a funnel is its trusts: one row each with its value, z-score, limits at its size and classification. */
    @Override
    public List<?> csvRows() {
        return units;
    }

    @Override
    public Class<?> csvRowType() {
        return Unit.class;
    }

    @Schema(name = "FunnelOverdispersion", example = """
            {"method": "additive", "phi": 2.4, "tau2": 0.0011}""")
    public record Overdispersion(String method, double phi, double tau2) {
    }

    @Schema(name = "FunnelLimits", example = """
            {"alarmLow": 0.0368, "alertLow": 0.0517, "alertHigh": 0.1144, "alarmHigh": 0.1350}""")
    public record Limits(double alarmLow, double alertLow, double alertHigh, double alarmHigh) {
        static Limits of(FunnelPlot.Limits l) {
            return new Limits(l.alarmLow(), l.alertLow(), l.alertHigh(), l.alarmHigh());
        }
    }

    @Schema(name = "FunnelUnit", description = "For a standardised ratio, numerator is the observed count, expected"
            + " the risk model's expected count (the funnel's axis) and value observed over expected", example = """
            {"id": "RXH", "numerator": 39, "denominator": 300, "value": 0.13, "z": 2.94,
             "limits": {"alarmLow": 0.0368, "alertLow": 0.0517, "alertHigh": 0.1144, "alarmHigh": 0.1350},
             "classification": "alert-high"}""")
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Unit(String id, long numerator, long denominator, Double expected, double value, double z,
            Limits limits, String classification) {
    }

    @Schema(name = "FunnelCurvePoint", description = "denominator: the expected count for a standardised ratio",
            example = """
            {"denominator": 100, "limits": {"alarmLow": 0.01, "alertLow": 0.03, "alertHigh": 0.14, "alarmHigh": 0.18}}""")
    public record CurvePoint(double denominator, Limits limits) {
    }

    public static FunnelChart of(String title, String metricTitle, FunnelPlot.Result r) {
        return new FunnelChart(title, metricTitle, r.type().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.target(),
                new Overdispersion(r.overdispersion().method().name().toLowerCase(Locale.ROOT), r.overdispersion().phi(),
                        r.overdispersion().tau2()),
                r.units().stream().map(u -> new Unit(u.unit().id(), u.unit().numerator(), u.unit().denominator(),
                        Double.isNaN(u.unit().expected()) ? null : u.unit().expected(), u.value(), u.z(), Limits.of(u.limits()), u.classification().code())).toList(),
                r.curve().stream().map(c -> new CurvePoint(c.denominator(), Limits.of(c.limits()))).toList());
    }
}
