package uk.nhs.pdsa.findings.service;

import java.util.List;

import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.spc.ChartType;
import uk.nhs.pdsa.findings.spc.Observation;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;

/** Reads a stored series with the chart its metric type calls for. */
public final class SeriesAnalyser {
    private SeriesAnalyser() {
    }

    /** @param points one series in period order, all of one metric */
    public static SpcAnalysis analyse(List<SeriesPoint> points) {
        SeriesPoint latest = points.get(points.size() - 1);
        ChartType chart = ChartType.forMetricType(latest.metricType);
        List<Observation> observations = points.stream()
                .map(p -> chart == ChartType.XMR
                        ? Observation.measured(p.period, p.value.doubleValue())
                        : Observation.counted(p.period, p.numerator, p.denominator))
                .toList();
        return SpcAnalysis.of(chart, latest.direction, observations);
    }
}
