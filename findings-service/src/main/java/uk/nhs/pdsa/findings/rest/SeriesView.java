package uk.nhs.pdsa.findings.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.spc.ChartPoint;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.Variation;

/** How series and charts look over the API. */
public final class SeriesView {
    private SeriesView() {
    }

    public record Summary(String seriesKey, String audit, String metric, String organisation, String microsystem,
            int points, String latestPeriod, String variation, boolean provisional) {
    }

    public record Chart(String seriesKey, String audit, String metric, String organisation, String microsystem,
            String chart, String direction, BigDecimal target, boolean provisional, String variation,
            List<Point> points, List<SignalView> signals) {
    }

    public record Point(String period, Long numerator, Long denominator, double value, double centre,
            double lowerLimit, double upperLimit, double lowerNear, double upperNear, String variation) {
    }

    public record SignalView(String rule, String fromPeriod, String toPeriod, String side) {
    }

    static Summary summary(List<SeriesPoint> points, SpcAnalysis analysis) {
        SeriesPoint latest = points.get(points.size() - 1);
        return new Summary(latest.seriesKey, latest.audit, latest.metric, latest.organisation, latest.microsystem,
                points.size(), latest.period, analysis.latestVariation().map(Variation::code).orElse(null),
                analysis.provisional());
    }

    static Chart chart(List<SeriesPoint> stored, SpcAnalysis analysis) {
        SeriesPoint latest = stored.get(stored.size() - 1);
        List<Point> points = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            ChartPoint c = analysis.points().get(i);
            SeriesPoint s = stored.get(i);
            points.add(new Point(s.period, s.numerator, s.denominator, c.value(), c.centre(), c.lowerLimit(),
                    c.upperLimit(), c.lowerNear(), c.upperNear(), analysis.variations().get(i).code()));
        }
        List<SignalView> signals = analysis.signals().stream()
                .map(s -> new SignalView(s.rule().code(), stored.get(s.from()).period, stored.get(s.to()).period,
                        s.side().name().toLowerCase()))
                .toList();
        return new Chart(latest.seriesKey, latest.audit, latest.metric, latest.organisation, latest.microsystem,
                analysis.chart().code(), latest.direction, latest.target, analysis.provisional(),
                analysis.latestVariation().map(Variation::code).orElse(null), points, signals);
    }
}
