package uk.nhs.pdsa.ingest.rest;

import java.math.BigDecimal;
import java.util.List;

import uk.nhs.pdsa.ingest.Audit;

/** An audit as the catalogue API reads and writes it. {@code code} is taken from the path on PUT. */
public record AuditDefinition(String code, String title, String specialty, List<MetricDefinition> metrics) {

    public record MetricDefinition(String code, String title, String type, String direction, BigDecimal target,
            String unit) {
    }

    public static AuditDefinition of(Audit audit) {
        return new AuditDefinition(audit.code, audit.title, audit.specialty, audit.metrics.stream()
                .map(m -> new MetricDefinition(m.code, m.title, m.type, m.direction, m.target, m.unit))
                .toList());
    }
}
