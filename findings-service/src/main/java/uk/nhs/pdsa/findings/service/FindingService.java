package uk.nhs.pdsa.findings.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingRaised;
import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.findings.Finding;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.mapping.FindingMapper;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.Variation;
import uk.nhs.pdsa.runtime.inbox.RejectedEventException;
import uk.nhs.pdsa.runtime.outbox.Outbox;

/**
 * Keeps each series up to date and raises a finding when its latest point shows special cause.
 * A finding's id is derived from series, period and variation, so the same situation never raises
 * two findings, whatever the order or number of deliveries.
 */
@ApplicationScoped
public class FindingService {
    private static final Logger LOG = Logger.getLogger(FindingService.class);

    private final Outbox outbox;

    public FindingService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public Optional<Finding> record(AuditResultRecorded result) {
        String seriesKey = result.seriesKey().asText();
        SeriesPoint point = SeriesPoint.findById(new SeriesPoint.Key(seriesKey, result.period()));
        if (point != null && point.revision >= result.revision()) {
            LOG.debugf("Ignoring revision %d of %s@%s: already at %d", result.revision(), seriesKey, result.period(),
                    point.revision);
            return Optional.empty();
        }
        if (point == null) {
            point = new SeriesPoint();
            point.seriesKey = seriesKey;
            point.period = result.period();
        }
        copy(result, point);
        point.persist();

        List<SeriesPoint> points = SeriesPoint.ofSeries(seriesKey);
        SpcAnalysis analysis = SeriesAnalyser.analyse(points);
        Variation variation = analysis.latestVariation().orElse(Variation.COMMON_CAUSE);
        if (!variation.isSpecialCause()) {
            return Optional.empty();
        }
        SeriesPoint latest = points.get(points.size() - 1);
        UUID findingId = findingId(seriesKey, latest.period, variation);
        if (Finding.findById(findingId) != null) {
            return Optional.empty();
        }
        FindingRaised event = FindingMapper.toEvent(findingId, latest, analysis, variation, Instant.now());
        Finding finding = FindingMapper.toEntity(event);
        finding.persist();
        outbox.publish(EventType.FINDING_RAISED, findingId, seriesKey, seriesKey + "@" + latest.period, event);
        return Optional.of(finding);
    }

    static UUID findingId(String seriesKey, String period, Variation variation) {
        return UUID.nameUUIDFromBytes((seriesKey + "@" + period + "#" + variation.code()).getBytes(StandardCharsets.UTF_8));
    }

    private static void copy(AuditResultRecorded r, SeriesPoint p) {
        Period period;
        try {
            period = Period.parse(r.period());
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException(r.resultId().toString(), e.getMessage(), e);
        }
        boolean counted = !"value".equals(r.metricType());
        if (counted ? r.numerator() == null || r.denominator() == null || r.denominator() <= 0 : r.value() == null) {
            throw new RejectedEventException(r.resultId().toString(), "measures do not fit metric type " + r.metricType());
        }
        p.periodStart = period.start();
        p.audit = r.audit();
        p.metric = r.metric();
        p.organisation = r.organisation();
        p.microsystem = r.microsystem();
        p.metricType = r.metricType();
        p.direction = r.direction();
        p.target = r.target();
        p.numerator = r.numerator();
        p.denominator = r.denominator();
        p.value = r.value();
        p.resultId = r.resultId();
        p.revision = r.revision();
        p.updatedAt = r.recordedAt();
    }
}
