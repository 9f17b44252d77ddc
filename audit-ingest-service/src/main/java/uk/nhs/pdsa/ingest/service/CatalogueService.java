package uk.nhs.pdsa.ingest.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.ingest.rest.AuditDefinition;
import uk.nhs.pdsa.ingest.rest.AuditDefinition.MetricDefinition;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/** The audit catalogue that results are validated against. */
@ApplicationScoped
public class CatalogueService {
    private static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    private static final Set<String> TYPES = Set.of(Metric.PROPORTION, Metric.RATE, Metric.VALUE);
    private static final Set<String> DIRECTIONS = Set.of("higher-is-better", "lower-is-better", "neutral");

    @Transactional
    public Audit put(String code, AuditDefinition definition) {
        List<FieldError> errors = check(code, definition);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s); the catalogue is unchanged", errors);
        }
        Audit audit = Audit.<Audit>findByIdOptional(code).orElseGet(() -> {
            Audit created = new Audit();
            created.code = code;
            return created;
        });
        audit.title = definition.title();
        audit.specialty = definition.specialty();
        audit.updatedAt = Instant.now();
        audit.metrics.clear();
        for (MetricDefinition d : definition.metrics()) {
            Metric m = new Metric();
            m.code = d.code();
            m.title = d.title();
            m.type = d.type();
            m.direction = d.direction();
            m.target = d.target();
            m.unit = d.unit();
            audit.metrics.add(m);
        }
        audit.persist();
        return audit;
    }

    private static List<FieldError> check(String code, AuditDefinition d) {
        List<FieldError> errors = new ArrayList<>();
        if (!CODE.matcher(code).matches()) {
            errors.add(new FieldError("/code", "audit code must be lower-case letters, digits and hyphens"));
        }
        if (d == null) {
            errors.add(new FieldError("/", "body is required"));
            return errors;
        }
        if (d.code() != null && !d.code().equals(code)) {
            errors.add(new FieldError("/code", "code in the body (" + d.code() + ") differs from the path (" + code + ")"));
        }
        if (d.title() == null || d.title().isBlank()) {
            errors.add(new FieldError("/title", "title is required"));
        }
        if (d.specialty() == null || d.specialty().isBlank()) {
            errors.add(new FieldError("/specialty", "specialty is required (for example orthopaedics)"));
        }
        if (d.metrics() == null || d.metrics().isEmpty()) {
            errors.add(new FieldError("/metrics", "at least one metric is required"));
            return errors;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.metrics().size(); i++) {
            MetricDefinition m = d.metrics().get(i);
            String at = "/metrics/" + i;
            if (m.code() == null || !CODE.matcher(m.code()).matches()) {
                errors.add(new FieldError(at + "/code", "metric code must be lower-case letters, digits and hyphens"));
            } else if (!seen.add(m.code())) {
                errors.add(new FieldError(at + "/code", "metric " + m.code() + " appears twice"));
            }
            if (m.title() == null || m.title().isBlank()) {
                errors.add(new FieldError(at + "/title", "title is required"));
            }
            if (!TYPES.contains(m.type())) {
                errors.add(new FieldError(at + "/type", "type must be one of " + new java.util.TreeSet<>(TYPES)));
            }
            if (!DIRECTIONS.contains(m.direction())) {
                errors.add(new FieldError(at + "/direction", "direction must be one of " + new java.util.TreeSet<>(DIRECTIONS)));
            }
        }
        return errors;
    }
}
