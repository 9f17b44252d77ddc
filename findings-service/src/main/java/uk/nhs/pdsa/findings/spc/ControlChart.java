package uk.nhs.pdsa.findings.spc;

import uk.nhs.pdsa.metrics.ChartType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Centre lines and limits of the charts, per segment (a rebase starts a new one) and from each segment's
 * baseline (its first {@code baselinePoints} points, or all of them, less the excluded ones); the limits
 * then apply to every point of the segment. Near lines sit at 2σ. No state; results are immutable.
 * <ul>
 * <li>p: p̄ = Σxᵢ/Σnᵢ, σᵢ = √(p̄(1−p̄)/nᵢ), limits p̄ ± 3σᵢ clamped to [0, 1] (Montgomery, <i>Introduction to
 * Statistical Quality Control</i>, 7th ed., §7.2.1, eq. 7.8, variable nᵢ §7.2.2).</li>
 * <li>p′ (Laney): zᵢ = (pᵢ − p̄)/σᵢ, σz = mean|zᵢ − zᵢ₋₁| / 1.128, limits p̄ ± 3σᵢσz clamped to [0, 1]
 * (Laney, "Improved control charts for attributes", <i>Quality Engineering</i> 14(4), 2002, 531–537).</li>
 * <li>u: ū = Σxᵢ/Σnᵢ, σᵢ = √(ū/nᵢ), limits ū ± 3σᵢ, lower floored at 0 (Montgomery §7.3.1).</li>
 * <li>u′ (Laney): as p′ with the u chart's σᵢ, lower floored at 0.</li>
 * <li>c: c̄ the mean count, limits c̄ ± 3√c̄, lower floored at 0 (Montgomery §7.3.1, eq. 7.17).</li>
 * <li>XmR: x̄ the mean, MR̄ the mean moving range |xᵢ − xᵢ₋₁|, limits x̄ ± 2.66·MR̄ (2.66 = 3/d₂, d₂ = 1.128);
 * with screening, moving ranges at or above 3.267·MR̄ (the upper range limit, D₄ = 3.267) are dropped once and
 * MR̄ recomputed; the mean is not changed (Wheeler, <i>Understanding Variation</i>, ch. 5; NHS England,
 * <i>Making Data Count</i>, 2019).</li>
 * <li>run: the median as centre line, no limits (Anhøj and Olesen, "Run charts revisited", <i>PLoS ONE</i>
 * 9(11), 2014, e113825).</li>
 * </ul>
 */
public final class ControlChart {
    /** 3 / d₂ for moving ranges of two consecutive points. */
    static final double XMR_SCALING = 2.66;
    /** d₂ for ranges of two. */
    static final double D2 = 1.128;
    /** D₄ for ranges of two: the upper limit of the moving range chart, as a multiple of MR̄. */
    static final double MR_UPPER = 3.267;

    private ControlChart() {
    }

    public static List<ChartPoint> compute(ChartType type, List<Observation> observations) {
        return compute(type, observations, SpcOptions.DEFAULTS);
    }

    public static List<ChartPoint> compute(ChartType type, List<Observation> observations, SpcOptions options) {
        List<ChartPoint> points = new ArrayList<>(observations.size());
        int segment = 0;
        int start = 0;
        for (int i = 1; i <= observations.size(); i++) {
            if (i == observations.size() || options.rebaseAt().contains(observations.get(i).label())) {
                points.addAll(segment(type, observations.subList(start, i), segment++, options));
                start = i;
            }
        }
        return List.copyOf(points);
    }

    private static List<ChartPoint> segment(ChartType type, List<Observation> segment, int index, SpcOptions options) {
        List<Observation> baseline = new ArrayList<>();
        int limit = options.baselinePoints() == null ? segment.size() : Math.min(segment.size(), options.baselinePoints());
        for (int i = 0; i < limit; i++) {
            if (!options.exclude().contains(segment.get(i).label())) {
                baseline.add(segment.get(i));
            }
        }
        if (baseline.isEmpty()) {
            baseline = segment;
        }
        Limits limits = switch (type) {
            case P -> attributes(baseline, true, false);
            case PP -> attributes(baseline, true, true);
            case U -> attributes(baseline, false, false);
            case UP -> attributes(baseline, false, true);
            case C -> counts(baseline);
            case XMR -> individuals(baseline, options.screenMovingRanges());
            case RUN -> median(baseline);
        };
        List<ChartPoint> points = new ArrayList<>(segment.size());
        for (Observation o : segment) {
            double value = type == ChartType.C ? o.count() : o.value();
            double sigma = limits.sigma(o);
            boolean proportion = type == ChartType.P || type == ChartType.PP;
            points.add(new ChartPoint(o.label(), value, limits.centre(),
                    lower(limits.centre() - 3 * sigma, type), upper(limits.centre() + 3 * sigma, proportion),
                    lower(limits.centre() - 2 * sigma, type), upper(limits.centre() + 2 * sigma, proportion),
                    options.exclude().contains(o.label()), index));
        }
        return points;
    }

    private static double lower(double limit, ChartType type) {
        return type == ChartType.XMR || type == ChartType.RUN ? limit : Math.max(0, limit);
    }

    private static double upper(double limit, boolean proportion) {
        return proportion ? Math.min(1, limit) : limit;
    }

    /** The centre and the sigma of each point. */
    private interface Limits {
        double centre();

        double sigma(Observation o);
    }

    private record Fixed(double centre, double sigma) implements Limits {
        @Override
        public double sigma(Observation o) {
            return sigma;
        }
    }

    private static Limits attributes(List<Observation> baseline, boolean proportion, boolean laney) {
        double counts = 0;
        double sizes = 0;
        for (Observation o : baseline) {
            counts += o.count();
            sizes += o.size();
        }
        double centre = counts / sizes;
        double variance = proportion ? centre * (1 - centre) : centre;
        double sigmaZ = 1;
        if (laney && baseline.size() > 1 && variance > 0) {
            double ranges = 0;
            double previous = Double.NaN;
            for (Observation o : baseline) {
                double z = (o.value() - centre) / Math.sqrt(variance / o.size());
                if (!Double.isNaN(previous)) {
                    ranges += Math.abs(z - previous);
                }
                previous = z;
            }
            sigmaZ = ranges / (baseline.size() - 1) / D2;
        }
        double scale = sigmaZ;
        return new Limits() {
            @Override
            public double centre() {
                return centre;
            }

            @Override
            public double sigma(Observation o) {
                return Math.sqrt(variance / o.size()) * scale;
            }
        };
    }

    private static Limits counts(List<Observation> baseline) {
        double centre = baseline.stream().mapToDouble(Observation::count).average().orElseThrow();
        return new Fixed(centre, Math.sqrt(centre));
    }

    private static Limits individuals(List<Observation> baseline, boolean screen) {
        double mean = baseline.stream().mapToDouble(Observation::value).average().orElseThrow();
        double meanRange = XmR.meanMovingRange(baseline.stream().mapToDouble(Observation::value).toArray(), screen);
        return new Fixed(mean, XMR_SCALING * meanRange / 3);
    }

    private static Limits median(List<Observation> baseline) {
        double[] values = baseline.stream().mapToDouble(Observation::value).sorted().toArray();
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Fixed(median, Double.NaN);
    }

    /** Moving ranges of an individuals chart. */
    static final class XmR {
        private XmR() {
        }

        /** MR̄ of consecutive values; with screening, ranges at or above 3.267·MR̄ are dropped once. */
        static double meanMovingRange(double[] values, boolean screen) {
            if (values.length < 2) {
                return 0;
            }
            double[] ranges = new double[values.length - 1];
            for (int i = 1; i < values.length; i++) {
                ranges[i - 1] = Math.abs(values[i] - values[i - 1]);
            }
            double mean = Arrays.stream(ranges).average().orElseThrow();
            if (!screen) {
                return mean;
            }
            double ceiling = MR_UPPER * mean;
            return Arrays.stream(ranges).filter(r -> r < ceiling).average().orElse(mean);
        }
    }
}
