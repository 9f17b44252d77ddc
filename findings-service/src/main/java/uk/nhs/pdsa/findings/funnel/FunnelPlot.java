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
 * <li>Standardised ratios (observed O over expected E, indirectly standardised), as FunnelPlotR's {@code SR} data
 * type draws them with its default {@code sr_method = "SHMI"} (NHS Digital, SHMI methodology): the target is 1;
 * the axis is E; exact limits are the Poisson limits of {@link StandardisedRatioLimits}; z-scores are taken on the
 * log scale, zᵢ = √Eᵢ · ln(Oᵢ/Eᵢ) (sᵢ = 1/√Eᵢ; an observed 0 counts as 0.5, so it has a finite z); φ̂ is the
 * mean squared z of the units left after truncating the lowest and highest 10 % by rank (rank·10/(I + 1) floored,
 * 0 and 9 dropped); τ̂² as above over those units; multiplicative limits exp(±z·√φ̂·sᵢ), additive
 * exp(±z·√(sᵢ² + τ̂²)).</li>
 * </ul>
 */
public final class FunnelPlot {
    static final double Z_95 = 1.959964;
    static final double Z_998 = 3.090232;
    private static final double[] PROBABILITIES = {0.001, 0.025, 0.975, 0.999};
    private static final int CURVE_POINTS = 60;

    private FunnelPlot() {
    }

    /** Proportions are compared with binomial limits, rates and standardised ratios with Poisson limits. */
    public enum Type {
        PROPORTION, RATE, STANDARDISED_RATIO;

        /** The funnel of a metric type; empty for one that is not compared on funnels ({@link MetricType#funnelled()}). */
        public static Optional<Type> of(MetricType metricType) {
            return switch (metricType) {
                case PROPORTION -> Optional.of(PROPORTION);
                case RATE -> Optional.of(RATE);
                case STANDARDISED_RATIO -> Optional.of(STANDARDISED_RATIO);
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

    /**
     * One organisation: its numerator over its denominator (cases, or exposure for rates); for a standardised ratio
     * its observed count, its patients (0 when not given) and the {@code expected} count (NaN for the other types).
     */
    public record Unit(String id, long numerator, long denominator, double expected) {
        public Unit {
            if (numerator < 0 || (Double.isNaN(expected) ? denominator <= 0 : denominator < 0)) {
                throw new IllegalArgumentException(id + ": need numerator >= 0 and denominator > 0");
            }
            if (!Double.isNaN(expected) && !(expected > 0 && Double.isFinite(expected))) {
                throw new IllegalArgumentException(id + ": need expected > 0");
            }
        }

        public Unit(String id, long numerator, long denominator) {
            this(id, numerator, denominator, Double.NaN);
        }

        /** The funnel's axis: the expected count of a standardised ratio, else the denominator. */
        public double size(Type type) {
            return type == Type.STANDARDISED_RATIO ? expected : denominator;
        }

        /** What is compared: observed over expected, or numerator over denominator. */
        public double value(Type type) {
            return numerator / size(type);
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
        boolean ratio = type == Type.STANDARDISED_RATIO;
        if (ratio && units.stream().anyMatch(u -> Double.isNaN(u.expected()))) {
            throw new IllegalArgumentException("a standardised ratio needs each unit's expected count");
        }
        long numerators = units.stream().mapToLong(Unit::numerator).sum();
        long denominators = units.stream().mapToLong(Unit::denominator).sum();
        double target = ratio ? 1 : (double) numerators / denominators;
        if (type == Type.PROPORTION && units.stream().anyMatch(u -> u.numerator() > u.denominator())) {
            throw new IllegalArgumentException("a proportion's numerator cannot exceed its denominator");
        }
        int count = units.size();
        double[] z = new double[count];
        double[] s = new double[count];
        for (int i = 0; i < count; i++) {
            Unit u = units.get(i);
            s[i] = standardError(type, target, u.size(type));
            z[i] = ratio ? logZ(u) : s[i] == 0 ? 0 : (u.value(type) - target) / s[i];
        }
        boolean[] kept = ratio ? untruncated(z) : all(count);
        double[] keptZ = java.util.stream.IntStream.range(0, count).filter(i -> kept[i]).mapToDouble(i -> z[i]).toArray();
        int compared = keptZ.length;
        double phi = ratio ? meanSquare(keptZ) : winsorisedPhi(z);
        double sumW = 0;
        double sumW2 = 0;
        for (int i = 0; i < count; i++) {
            if (kept[i]) {
                double w = 1 / (s[i] * s[i]);
                sumW += w;
                sumW2 += w * w;
            }
        }
        double tau2 = Math.max(0, (compared * phi - (compared - 1)) / (sumW - sumW2 / sumW));
        Method applied = method;
        if (method == Method.AUTO) {
            double critical = ChiSquaredDistribution.of(Math.max(1, compared - 1)).inverseCumulativeProbability(0.95);
            applied = compared * phi > critical ? Method.ADDITIVE : Method.NONE;
        }
        Overdispersion overdispersion = new Overdispersion(applied, phi, tau2);
        List<UnitResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Unit u = units.get(i);
            double value = u.value(type);
            Limits limits = limits(type, target, u.size(type), overdispersion);
            double spread = switch (applied) {
                case MULTIPLICATIVE -> s[i] * Math.sqrt(phi);
                case ADDITIVE -> Math.sqrt(s[i] * s[i] + tau2);
                default -> s[i];
            };
            double unitZ = ratio ? z[i] * s[i] / spread : spread == 0 ? 0 : (value - target) / spread;
            results.add(new UnitResult(u, value, unitZ, limits, classify(value, limits)));
        }
        return new Result(type, target, overdispersion, List.copyOf(results),
                withCurve ? curve(type, target, units, overdispersion) : List.of());
    }

    /**
     * The limits at denominator {@code n} (the expected count of a standardised ratio) for the method already
     * resolved in {@code overdispersion}.
     */
    public static Limits limits(Type type, double target, double n, Overdispersion overdispersion) {
        boolean exact = overdispersion.method() == Method.NONE || overdispersion.method() == Method.AUTO;
        if (type == Type.STANDARDISED_RATIO) {
            if (exact) {
                return StandardisedRatioLimits.at(n);
            }
            double s = standardError(type, target, n);
            double spread = overdispersion.method() == Method.MULTIPLICATIVE ? s * Math.sqrt(overdispersion.phi())
                    : Math.sqrt(s * s + overdispersion.tau2());
            return new Limits(Math.exp(-Z_998 * spread), Math.exp(-Z_95 * spread), Math.exp(Z_95 * spread),
                    Math.exp(Z_998 * spread));
        }
        if (exact) {
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

    /** The standard error at {@code n}; for a standardised ratio, of ln(O/E) at expected count n: 1/√n. */
    static double standardError(Type type, double target, double n) {
        return switch (type) {
            case PROPORTION -> Math.sqrt(target * (1 - target) / n);
            case RATE -> Math.sqrt(target / n);
            case STANDARDISED_RATIO -> 1 / Math.sqrt(n);
        };
    }

    /** A standardised ratio's z-score on the log scale, √E · ln(O/E); an observed 0 counts as 0.5. */
    static double logZ(Unit u) {
        double observed = u.numerator() == 0 ? 0.5 : u.numerator();
        return Math.sqrt(u.expected()) * Math.log(observed / u.expected());
    }

    /**
     * The units whose z-scores are kept for estimating overdispersion of standardised ratios: ranked (ties
     * averaged), a unit of rank r falls in group ⌊r·10/(I + 1)⌋ and groups 0 and 9 (the lowest and highest 10 %)
     * are dropped, as SHMI truncates.
     */
    static boolean[] untruncated(double[] z) {
        int count = z.length;
        boolean[] kept = new boolean[count];
        for (int i = 0; i < count; i++) {
            double below = 0;
            double equal = 0;
            for (double other : z) {
                below += other < z[i] ? 1 : 0;
                equal += other == z[i] ? 1 : 0;
            }
            double rank = below + (equal + 1) / 2;
            int group = (int) Math.floor(rank * 10 / (count + 1));
            kept[i] = group > 0 && group < 9;
        }
        return kept;
    }

    private static boolean[] all(int count) {
        boolean[] kept = new boolean[count];
        Arrays.fill(kept, true);
        return kept;
    }

    private static double meanSquare(double[] z) {
        double sum = 0;
        for (double value : z) {
            sum += value * value;
        }
        return z.length == 0 ? 0 : sum / z.length;
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

    /**
     * Limits along the denominator (or expected count) axis, log-spaced from half the smallest to 1.2 times the
     * largest unit.
     */
    private static List<CurvePoint> curve(Type type, double target, List<Unit> units, Overdispersion overdispersion) {
        double from = Math.max(type == Type.STANDARDISED_RATIO ? 0.5 : 1,
                units.stream().mapToDouble(u -> u.size(type)).min().orElseThrow() / 2.0);
        double to = units.stream().mapToDouble(u -> u.size(type)).max().orElseThrow() * 1.2;
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
