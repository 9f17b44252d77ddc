package uk.nhs.pdsa.ingest.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.metrics.AnalysisPeriod;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.metrics.OutlierPolicy;
import uk.nhs.pdsa.metrics.OrganisationCode;
import uk.nhs.pdsa.metrics.SpcRules;
import uk.nhs.pdsa.ingest.Organisation;
import uk.nhs.pdsa.ingest.model.AuditDefinition;
import uk.nhs.pdsa.ingest.model.OrganisationDefinition;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;

/** What makes a catalogue entry acceptable; pure, so every rule is tested without a database. */
public final class CatalogueRules {
    static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    static final Pattern MICROSYSTEM = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$");
    private static final int MAX_TEXT = 300;
    private static final Set<String> DIRECTIONS = Set.of("higher-is-better", "lower-is-better", "neutral");
    private static final Set<String> ORGANISATION_TYPES = Set.of(Organisation.TRUST, Organisation.COLLEGE,
            Organisation.PATIENT_GROUP, Organisation.REGULATOR, Organisation.COMMISSIONER);

    private CatalogueRules() {
    }

    /** The FHIR Measure URL a metric gets when its definition names none. */
    public static String defaultFhirMeasure(String audit, String metric) {
        return "https://pdsa.nhs.uk/fhir/Measure/" + audit + "-" + metric;
    }

    public static List<FieldError> checkAudit(String code, AuditDefinition d) {
        List<FieldError> errors = pathAndBody(code, CODE, "audit code must be lower-case letters, digits and hyphens (at most 64)",
                d, d == null ? null : d.code());
        if (d == null) {
            return errors;
        }
        text(d.title(), "/title", "title", errors);
        if (d.specialty() == null || !CODE.matcher(d.specialty()).matches()) {
            errors.add(new FieldError("/specialty", "specialty is required: lower-case letters, digits and hyphens"
                    + " (for example orthopaedics)"));
        }
        if (d.metrics() == null || d.metrics().isEmpty()) {
            errors.add(new FieldError("/metrics", "at least one metric is required"));
            return errors;
        }
        Set<String> seen = new HashSet<>();
        Set<String> measures = new HashSet<>();
        for (int i = 0; i < d.metrics().size(); i++) {
            AuditDefined.Metric m = d.metrics().get(i);
            String at = "/metrics/" + i;
            if (m == null) {
                errors.add(new FieldError(at, "each metric must be an object"));
                continue;
            }
            if (m.code() == null || !CODE.matcher(m.code()).matches()) {
                errors.add(new FieldError(at + "/code", "metric code must be lower-case letters, digits and hyphens"));
            } else if (!seen.add(m.code())) {
                errors.add(new FieldError(at + "/code", "metric " + m.code() + " appears twice"));
            }
            text(m.title(), at + "/title", "title", errors);
            if (m.type() == null) {
                errors.add(new FieldError(at + "/type", "type must be one of "
                        + Arrays.stream(MetricType.values()).map(MetricType::code).sorted().toList()));
            }
            if (m.direction() == null || !DIRECTIONS.contains(m.direction())) {
                errors.add(new FieldError(at + "/direction", "direction must be one of " + new TreeSet<>(DIRECTIONS)));
            }
            if (m.target() != null && m.type() == MetricType.PROPORTION
                    && (m.target().signum() < 0 || m.target().compareTo(BigDecimal.ONE) > 0)) {
                errors.add(new FieldError(at + "/target", "a proportion's target is between 0 and 1 (0.85 for 85%)"));
            }
            if (m.unit() != null && (m.unit().isBlank() || m.unit().length() > 50)) {
                errors.add(new FieldError(at + "/unit", "unit must be 1 to 50 characters"));
            }
            if (m.fhirMeasure() != null) {
                if (!m.fhirMeasure().matches("^https?://\\S{1,490}$")) {
                    errors.add(new FieldError(at + "/fhirMeasure", "fhirMeasure must be an http(s) canonical URL"));
                } else if (!measures.add(m.fhirMeasure())) {
                    errors.add(new FieldError(at + "/fhirMeasure", "two metrics name the same FHIR Measure"));
                }
            }
            if (m.spc() != null) {
                checkSpc(m.spc(), m.type(), at + "/spc", errors);
            }
            if (m.granularity() != null && !AuditDefined.Metric.GRANULARITIES.contains(m.granularity())) {
                errors.add(new FieldError(at + "/granularity", "granularity must be one of "
                        + AuditDefined.Metric.GRANULARITIES + " (the periods the metric's results are for)"));
            }
        }
        if (d.outliers() != null) {
            checkOutliers(d.outliers(), d.metrics(), errors);
        }
        return errors;
    }

    /** An outlier policy names a known analysis period, when submissions close, and funnelled metrics of the audit. */
    static void checkOutliers(AuditDefined.Outliers o, List<AuditDefined.Metric> metrics, List<FieldError> errors) {
        try {
            AnalysisPeriod.Kind.of(o.analysisPeriod());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("/outliers/analysisPeriod", e.getMessage()));
        }
        if (o.submissionsCloseAfter() == null || o.submissionsCloseAfter() < 0
                || o.submissionsCloseAfter() > OutlierPolicy.MAX_CLOSE_AFTER) {
            errors.add(new FieldError("/outliers/submissionsCloseAfter", "working days after a period's last day until its"
                    + " submissions close: 0 to " + OutlierPolicy.MAX_CLOSE_AFTER));
        }
        if (o.metrics() == null || o.metrics().isEmpty()) {
            errors.add(new FieldError("/outliers/metrics", "name at least one metric of the audit to compare providers on"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < o.metrics().size(); i++) {
                String code = o.metrics().get(i);
                AuditDefined.Metric metric = metrics.stream().filter(m -> m != null && m.code() != null
                        && m.code().equals(code)).findFirst().orElse(null);
                if (metric == null) {
                    errors.add(new FieldError("/outliers/metrics/" + i, code + " is not a metric of this audit"));
                } else if (metric.type() != null && !metric.type().funnelled()) {
                    errors.add(new FieldError("/outliers/metrics/" + i, code + " is a " + metric.type().code()
                            + ": providers are compared on proportions, rates and standardised ratios only"));
                } else if (!seen.add(code)) {
                    errors.add(new FieldError("/outliers/metrics/" + i, code + " appears twice"));
                }
            }
        }
        AuditDefined.Timescales t = o.timescales();
        if (t != null) {
            Object[][] stages = {{"providerAnalysis", t.providerAnalysis()}, {"dataReview", t.dataReview()},
                {"inform", t.inform()}, {"response", t.response()}, {"escalation", t.escalation()}};
            for (Object[] stage : stages) {
                Integer days = (Integer) stage[1];
                if (days != null && (days < 1 || days > OutlierPolicy.MAX_STAGE_DAYS)) {
                    errors.add(new FieldError("/outliers/timescales/" + stage[0], "a stage has 1 to "
                            + OutlierPolicy.MAX_STAGE_DAYS + " working days"));
                }
            }
        }
    }

    static void checkSpc(AuditDefined.SpcSettings spc, MetricType type, String at, List<FieldError> errors) {
        SpcRules.chart(type, spc.chart()).ifPresent(e -> errors.add(new FieldError(at + "/chart", e)));
        SpcRules.runLength("trendLength", spc.trendLength()).ifPresent(e -> errors.add(new FieldError(at + "/trendLength", e)));
        SpcRules.runLength("shiftLength", spc.shiftLength()).ifPresent(e -> errors.add(new FieldError(at + "/shiftLength", e)));
        SpcRules.baseline(spc.baselinePoints()).ifPresent(e -> errors.add(new FieldError(at + "/baselinePoints", e)));
        if (spc.rebaseAt() != null) {
            Set<String> periods = new HashSet<>();
            for (int j = 0; j < spc.rebaseAt().size(); j++) {
                String period = spc.rebaseAt().get(j);
                try {
                    Period.parse(period);
                    if (!periods.add(period)) {
                        errors.add(new FieldError(at + "/rebaseAt/" + j, period + " appears twice"));
                    }
                } catch (IllegalArgumentException | NullPointerException e) {
                    errors.add(new FieldError(at + "/rebaseAt/" + j, "not a period: use 2025-03, 2025-Q1 or 2025"));
                }
            }
        }
    }

    public static List<FieldError> checkOrganisation(String code, OrganisationDefinition d) {
        List<FieldError> errors = pathAndBody(code, OrganisationCode.PATTERN,
                "organisation code must be " + OrganisationCode.RULE, d, d == null ? null : d.code());
        if (d == null) {
            return errors;
        }
        text(d.name(), "/name", "name", errors);
        if (d.type() == null || !ORGANISATION_TYPES.contains(d.type())) {
            errors.add(new FieldError("/type", "type must be one of " + new TreeSet<>(ORGANISATION_TYPES)));
        }
        List<String> specialties = d.specialties() == null ? List.of() : d.specialties();
        if (Organisation.COLLEGE.equals(d.type()) && specialties.isEmpty()) {
            errors.add(new FieldError("/specialties", "a college lists the specialties it covers (for example orthopaedics)"));
        }
        if (!Organisation.COLLEGE.equals(d.type()) && !specialties.isEmpty()) {
            errors.add(new FieldError("/specialties", "only a college covers specialties"));
        }
        for (int i = 0; i < specialties.size(); i++) {
            if (specialties.get(i) == null || !CODE.matcher(specialties.get(i)).matches()) {
                errors.add(new FieldError("/specialties/" + i, "a specialty is lower-case letters, digits and hyphens"));
            }
        }
        List<String> members = d.members() == null ? List.of() : d.members();
        if (Organisation.COMMISSIONER.equals(d.type()) && members.isEmpty()) {
            errors.add(new FieldError("/members", "a commissioner lists the trusts it commissions (their ODS codes)"));
        }
        if (!Organisation.COMMISSIONER.equals(d.type()) && !members.isEmpty()) {
            errors.add(new FieldError("/members", "only a commissioner has member trusts"));
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i) == null || !OrganisationCode.PATTERN.matcher(members.get(i)).matches()) {
                errors.add(new FieldError("/members/" + i, "a member is a trust's code: " + OrganisationCode.RULE));
            } else if (members.indexOf(members.get(i)) != i) {
                errors.add(new FieldError("/members/" + i, members.get(i) + " is listed twice"));
            }
        }
        return errors;
    }

    public static List<FieldError> checkMicrosystem(String code, OrganisationDefinition.MicrosystemDefinition d) {
        List<FieldError> errors = pathAndBody(code, MICROSYSTEM,
                "microsystem code must be letters, digits and hyphens, at most 64", d, d == null ? null : d.code());
        if (d == null) {
            return errors;
        }
        text(d.name(), "/name", "name", errors);
        return errors;
    }

    /** The checks every PUT shares: the code in the path, a body, and a code in the body (if any) equal to the path's. */
    private static List<FieldError> pathAndBody(String code, Pattern pattern, String codeRule, Object body,
            String bodyCode) {
        List<FieldError> errors = new ArrayList<>();
        if (!pattern.matcher(code).matches()) {
            errors.add(new FieldError("/code", codeRule));
        }
        if (body == null) {
            errors.add(new FieldError("/", "body is required"));
        } else if (bodyCode != null && !bodyCode.equals(code)) {
            errors.add(new FieldError("/code", "code in the body (" + bodyCode + ") differs from the path (" + code + ")"));
        }
        return errors;
    }

    private static void text(String value, String pointer, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(pointer, field + " is required"));
        } else if (value.length() > MAX_TEXT) {
            errors.add(new FieldError(pointer, field + " must be at most " + MAX_TEXT + " characters"));
        }
    }
}
