package uk.nhs.pdsa.findings.funnel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

import uk.nhs.pdsa.metrics.MetricType;

/**
 * Funnel plots for comparing institutions (Spiegelhalter, "Funnel plots for comparing institutional
 * performance", <i>Statistics in Medicine</i> 24, 2005, 1185–1202; and "Handling over-dispersion of
 * performance indicators", <i>Quality and Safety in Health Care</i> 14, 2005, 347–351).
 * <ul>
 * <li>Target θ₀ = Σ numerators / Σ denominators.</li>
 * <li>Exact limits (no overdispersion): for p = 0.001, 0.025, 0.975, 0.999, rₚ is the smallest r with F(r) ≥ p
 * for Binomial(n, θ₀) (proportions) or Poisson(θ₀·n) (rates); α = (F(rₚ) − p) / (F(rₚ) − F(rₚ − 1)); the limit
 * is (rₚ − α)/n, kept within [0, 1] for proportions and ≥ 0 for rates (Appendix A.1.1 of the first paper).</li>
 * <li>Overdispersion: zᵢ = (yᵢ − θ₀)/sᵢ with sᵢ = √(θ₀(1 − θ₀)/nᵢ) or √(θ₀/nᵢ); z winsorised at its 10th and
 * 90th percentiles (linear interpolation between order statistics, R's default quantile type 7);
 * φ̂ = mean of the squared winsorised z. Multiplicative limits θ₀ ± z·√φ̂·sᵢ; additive random effects
 * τ̂² = max(0, (Iφ̂ − (I − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ)) with wᵢ = 1/sᵢ², limits θ₀ ± z·√(sᵢ² + τ̂²);
 * z = 1.959964 (95 %) and 3.090232 (99.8 %). {@code AUTO} takes additive when Iφ̂ exceeds the 95th percentile
 * of χ²(I − 1), otherwise none.</li>
 * </ul>
 */
public final class FunnelPlot {
    static final double Z_95 = 1.959964;
    static final double Z_998 = 3.090232;
    private static final double[] PROBABILITIES = {0.001, 0.025, 0.975, 0.999};
    private static final int CURVE_POINTS = 60;

    private FunnelPlot() {
    }

    /** Proportions are compared with binomial limits, rates with Poisson limits. */
    public enum Type {
        PROPORTION, RATE;

        /** The funnel of a metric type; empty for one that is not compared on funnels ({@link MetricType#funnelled()}). */
        public static Optional<Type> of(MetricType metricType) {
            return switch (metricType) {
                case PROPORTION -> Optional.of(PROPORTION);
                case RATE -> Optional.of(RATE);
                case VALUE -> Optional.empty();
            };
        }
    }

    public enum Method { NONE, MULTIPLICATIVE, ADDITIVE, AUTO }

    public enum Classification {
        WITHIN("within"), ALERT_LOW("alert-low"), ALERT_HIGH("alert-high"), ALARM_LOW("alarm-low"), ALARM_HIGH("alarm-high");

        private final String code;

        Classification(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** Whether the unit lies beyond the 95 % limits on the high side. */
        public boolean high() {
            return this == ALERT_HIGH || this == ALARM_HIGH;
        }

        public boolean low() {
            return this == ALERT_LOW || this == ALARM_LOW;
        }
    }

    /** One organisation: its numerator over its denominator (cases, or exposure for rates). */
    public record Unit(String id, long numerator, long denominator) {
        public Unit {
            if (denominator <= 0 || numerator < 0) {
                throw new IllegalArgumentException(id + ": need numerator >= 0 and denominator > 0");
            }
        }
    }

    /** The 99.8 % (alarm) and 95 % (alert) limits at one denominator. */
    public record Limits(double alarmLow, double alertLow, double alertHigh, double alarmHigh) {
    }

    public record UnitResult(Unit unit, double value, double z, Limits limits, Classification classification) {
    }

    /** The method applied (AUTO resolved) and the estimates, computed whatever the method. */
    public record Overdispersion(Method method, double phi, double tau2) {
    }

    public record CurvePoint(double denominator, Limits limits) {
    }

    public record Result(Type type, double target, Overdispersion overdispersion, List<UnitResult> units,
            List<CurvePoint> curve) {
    }

    public static Result compute(Type type, List<Unit> units, Method method) {
        return compute(type, units, method, true);
    }

    /** As {@link #compute(Type, List, Method)}, without the curve for drawing when {@code withCurve} is false. */
    public static Result compute(Type type, List<Unit> units, Method method, boolean withCurve) {
        if (units.size() < 2) {
            throw new IllegalArgumentException("a funnel plot compares at least 2 units");
        }
        long numerators = units.stream().mapToLong(Unit::numerator).sum();
        long denominators = units.stream().mapToLong(Unit::denominator).sum();
        double target = (double) numerators / denominators;
        if (type == Type.PROPORTION && units.stream().anyMatch(u -> u.numerator() > u.denominator())) {
            throw new IllegalArgumentException("a proportion's numerator cannot exceed its denominator");
        }
        int count = units.size();
        double[] z = new double[count];
        double sumW = 0;
        double sumW2 = 0;
        for (int i = 0; i < count; i++) {
            Unit u = units.get(i);
            double s = standardError(type, target, u.denominator());
            z[i] = s == 0 ? 0 : ((double) u.numerator() / u.denominator() - target) / s;
            double w = 1 / (s * s);
            sumW += w;
            sumW2 += w * w;
        }
        double phi = winsorisedPhi(z);
        double tau2 = Math.max(0, (count * phi - (count - 1)) / (sumW - sumW2 / sumW));
        Method applied = method;
        if (method == Method.AUTO) {
            double critical = ChiSquaredDistribution.of(count - 1).inverseCumulativeProbability(0.95);
            applied = count * phi > critical ? Method.ADDITIVE : Method.NONE;
        }
        Overdispersion overdispersion = new Overdispersion(applied, phi, tau2);
        List<UnitResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Unit u = units.get(i);
            double value = (double) u.numerator() / u.denominator();
            Limits limits = limits(type, target, u.denominator(), overdispersion);
            double s = standardError(type, target, u.denominator());
            double spread = switch (applied) {
                case MULTIPLICATIVE -> s * Math.sqrt(phi);
                case ADDITIVE -> Math.sqrt(s * s + tau2);
                default -> s;
            };
            double unitZ = spread == 0 ? 0 : (value - target) / spread;
            results.add(new UnitResult(u, value, unitZ, limits, classify(value, limits)));
        }
        return new Result(type, target, overdispersion, List.copyOf(results),
                withCurve ? curve(type, target, units, overdispersion) : List.of());
    }

    /** The limits at denominator {@code n} for the method already resolved in {@code overdispersion}. */
    public static Limits limits(Type type, double target, double n, Overdispersion overdispersion) {
        if (overdispersion.method() == Method.NONE || overdispersion.method() == Method.AUTO) {
            double[] l = new double[PROBABILITIES.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = exactLimit(type, target, n, PROBABILITIES[i]);
            }
            return new Limits(l[0], l[1], l[2], l[3]);
        }
        double s = standardError(type, target, n);
        double spread = overdispersion.method() == Method.MULTIPLICATIVE ? s * Math.sqrt(overdispersion.phi())
                : Math.sqrt(s * s + overdispersion.tau2());
        return new Limits(bounded(type, target - Z_998 * spread), bounded(type, target - Z_95 * spread),
                bounded(type, target + Z_95 * spread), bounded(type, target + Z_998 * spread));
    }

    /** Spiegelhalter 2005, Appendix A.1.1: the interpolated exact limit at probability {@code p}. */
    static double exactLimit(Type type, double target, double n, double p) {
        DiscreteDistribution distribution = type == Type.PROPORTION
                ? BinomialDistribution.of((int) Math.round(n), target)
                : PoissonDistribution.of(Math.max(target * n, Double.MIN_NORMAL));
        int r = distribution.inverseCumulativeProbability(p);
        double at = distribution.cumulativeProbability(r);
        double below = r > 0 ? distribution.cumulativeProbability(r - 1) : 0;
        double alpha = at == below ? 0 : (at - p) / (at - below);
        return bounded(type, (r - alpha) / n);
    }

    private static double bounded(Type type, double limit) {
        return type == Type.PROPORTION ? Math.min(1, Math.max(0, limit)) : Math.max(0, limit);
    }

    static double standardError(Type type, double target, double n) {
        return type == Type.PROPORTION ? Math.sqrt(target * (1 - target) / n) : Math.sqrt(target / n);
    }

    /** Mean of the squared z-scores winsorised at their 10th and 90th percentiles (R quantile type 7). */
    static double winsorisedPhi(double[] z) {
        double low = quantile(z, 0.1);
        double high = quantile(z, 0.9);
        double sum = 0;
        for (double value : z) {
            double w = Math.min(high, Math.max(low, value));
            sum += w * w;
        }
        return sum / z.length;
    }

    /** R's default (type 7) quantile: linear interpolation between order statistics at h = (n − 1)p. */
    static double quantile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lower = (int) Math.floor(h);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }

    static Classification classify(double value, Limits limits) {
        if (value > limits.alarmHigh()) {
            return Classification.ALARM_HIGH;
        }
        if (value > limits.alertHigh()) {
            return Classification.ALERT_HIGH;
        }
        if (value < limits.alarmLow()) {
            return Classification.ALARM_LOW;
        }
        if (value < limits.alertLow()) {
            return Classification.ALERT_LOW;
        }
        return Classification.WITHIN;
    }

    /** Limits along the denominator axis, log-spaced from half the smallest to 1.2 times the largest unit. */
    private static List<CurvePoint> curve(Type type, double target, List<Unit> units, Overdispersion overdispersion) {
        double from = Math.max(1, units.stream().mapToLong(Unit::denominator).min().orElseThrow() / 2.0);
        double to = units.stream().mapToLong(Unit::denominator).max().orElseThrow() * 1.2;
        List<CurvePoint> curve = new ArrayList<>(CURVE_POINTS);
        for (int i = 0; i < CURVE_POINTS; i++) {
            double n = from * Math.pow(to / from, i / (double) (CURVE_POINTS - 1));
            if (type == Type.PROPORTION) {
                n = Math.max(1, Math.round(n));
            }
            curve.add(new CurvePoint(n, limits(type, target, n, overdispersion)));
        }
        return List.copyOf(curve);
    }
}
