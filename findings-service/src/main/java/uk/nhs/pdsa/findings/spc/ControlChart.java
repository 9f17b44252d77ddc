package uk.nhs.pdsa.findings.spc;

import java.util.ArrayList;
import java.util.List;

/**
 * Centre lines and limits of Shewhart charts.
 * <ul>
 * <li>p chart: p̄ = Σxᵢ / Σnᵢ, limits p̄ ± 3·√(p̄(1−p̄)/nᵢ) clamped to [0, 1]
 * (Montgomery, <i>Introduction to Statistical Quality Control</i>, 7th ed., §7.2, eq. 7.8 with variable nᵢ).</li>
 * <li>u chart: ū = Σxᵢ / Σnᵢ, limits ū ± 3·√(ū/nᵢ), lower floored at 0 (Montgomery §7.3.1).</li>
 * <li>XmR chart: x̄ the mean, MR̄ the mean moving range |xᵢ − xᵢ₋₁|, limits x̄ ± 2.66·MR̄
 * (2.66 = 3/d₂, d₂ = 1.128 for ranges of two; Wheeler, <i>Understanding Variation</i>, ch. 5;
 * NHS England, <i>Making Data Count</i>, 2019).</li>
 * </ul>
 * The near lines sit at 2 sigma. This class has no state; results are immutable.
 */
public final class ControlChart {
    /** 3 / d₂ for moving ranges of two consecutive points. */
    static final double XMR_SCALING = 2.66;

    private ControlChart() {
    }

    public static List<ChartPoint> compute(ChartType type, List<Observation> observations) {
        if (observations.isEmpty()) {
            return List.of();
        }
        return switch (type) {
            case P -> attributes(observations, true);
            case U -> attributes(observations, false);
            case XMR -> individuals(observations);
        };
    }

    private static List<ChartPoint> attributes(List<Observation> observations, boolean proportion) {
        double counts = 0;
        double sizes = 0;
        for (Observation o : observations) {
            counts += o.count();
            sizes += o.size();
        }
        double centre = counts / sizes;
        double variance = proportion ? centre * (1 - centre) : centre;
        List<ChartPoint> points = new ArrayList<>(observations.size());
        for (Observation o : observations) {
            double sigma = Math.sqrt(variance / o.size());
            double upper3 = centre + 3 * sigma;
            double upper2 = centre + 2 * sigma;
            points.add(new ChartPoint(o.label(), o.value(), centre,
                    Math.max(0, centre - 3 * sigma), proportion ? Math.min(1, upper3) : upper3,
                    Math.max(0, centre - 2 * sigma), proportion ? Math.min(1, upper2) : upper2));
        }
        return points;
    }

    private static List<ChartPoint> individuals(List<Observation> observations) {
        double mean = observations.stream().mapToDouble(Observation::value).average().orElseThrow();
        double movingRange = 0;
        for (int i = 1; i < observations.size(); i++) {
            movingRange += Math.abs(observations.get(i).value() - observations.get(i - 1).value());
        }
        double meanMovingRange = observations.size() > 1 ? movingRange / (observations.size() - 1) : 0;
        double sigma = XMR_SCALING * meanMovingRange / 3;
        List<ChartPoint> points = new ArrayList<>(observations.size());
        for (Observation o : observations) {
            points.add(new ChartPoint(o.label(), o.value(), mean, mean - 3 * sigma, mean + 3 * sigma,
                    mean - 2 * sigma, mean + 2 * sigma));
        }
        return points;
    }
}
