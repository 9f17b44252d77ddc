package uk.nhs.pdsa.findings.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nhs.pdsa.events.FindingRaised;
import uk.nhs.pdsa.findings.Finding;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.spc.ChartPoint;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.Variation;

public final class FindingMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FindingMapper() {
    }

    public static FindingRaised toEvent(UUID findingId, SeriesPoint latest, SpcAnalysis analysis, Variation variation,
            Instant raisedAt) {
        ChartPoint point = analysis.points().get(analysis.points().size() - 1);
        List<FindingRaised.Signal> signals = analysis.signalsAtLatest().stream()
                .map(s -> new FindingRaised.Signal(s.rule().code(), analysis.points().get(s.from()).label(),
                        analysis.points().get(s.to()).label()))
                .toList();
        return new FindingRaised(findingId, latest.audit, latest.metric, latest.direction, latest.organisation,
                latest.microsystem, latest.period, analysis.chart().code(), variation.code(), point.value(),
                point.centre(), point.lowerLimit(), point.upperLimit(), signals, raisedAt);
    }

    public static Finding toEntity(FindingRaised e) {
        Finding f = new Finding();
        f.findingId = e.findingId();
        f.seriesKey = e.seriesKey().asText();
        f.audit = e.audit();
        f.metric = e.metric();
        f.organisation = e.organisation();
        f.microsystem = e.microsystem();
        f.period = e.period();
        f.chart = e.chart();
        f.variation = e.variation();
        f.value = e.value();
        f.centreLine = e.centreLine();
        f.lowerLimit = e.lowerLimit();
        f.upperLimit = e.upperLimit();
        f.signals = signalsJson(e.signals());
        f.raisedAt = e.raisedAt();
        return f;
    }

    public static List<FindingRaised.Signal> signals(Finding f) {
        try {
            return List.of(JSON.readValue(f.signals, FindingRaised.Signal[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored signals of finding " + f.findingId + " are not JSON", e);
        }
    }

    private static String signalsJson(List<FindingRaised.Signal> signals) {
        try {
            return JSON.writeValueAsString(signals);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
