package uk.nhs.pdsa.ingest.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Reads FHIR R4 submissions ({@code application/fhir+json}, {@code application/json+fhir} or
 * {@code application/fhir+xml}): one {@code MeasureReport} or a {@code Bundle} of them. Mapping:
 * <ul>
 * <li>{@code measure} (canonical URL, any {@code |version} ignored) → audit and metric through the catalogue's
 * {@code fhirMeasure};</li>
 * <li>{@code reporter} → the trust, resolved the way FHIR resolves references: a contained resource ({@code #id}),
 * a Bundle entry (by {@code fullUrl} or {@code Organization/<id>}), or an identifier; an organisation is named by its
 * ODS code (identifier system {@value #ODS_SYSTEM}; another system is refused), and a bare
 * {@code Organization/<ODS code>} reference is read as that code;</li>
 * <li>{@code subject} → the microsystem ({@code Location/<id>}, a resolved Location's identifier or id, or an
 * identifier), or the trust itself (an Organization equal to the reporter: a trust-level result); absent is
 * trust-level too;</li>
 * <li>{@code period} → one calendar month, quarter or year;</li>
 * <li>{@code group[0].population} (system {@value #POPULATION_SYSTEM}) → the counts, with the measure-population
 * rules applied: numerator − numerator-exclusion over denominator − denominator-exclusion − denominator-exception;
 * {@code group[0].measureScore} → a value metric's value, and for counted metrics a check that it agrees with the
 * counts;</li>
 * <li>for a standardised ratio, the group extension {@value #EXPECTED_EXTENSION} ({@code valueDecimal}) → the
 * expected count.</li>
 * </ul>
 * Only {@code status = complete} reports of {@code type} summary or subject-list are results. Pointers name the
 * report (for a Bundle {@code /entry/i/resource}) and the FHIR element.
 */
public final class FhirSubmissionReader {
    static final String POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";
    /** The group extension carrying a standardised ratio's expected count (valueDecimal). */
    public static final String EXPECTED_EXTENSION = "https://pdsa.nhs.uk/fhir/StructureDefinition/expected-count";
    /** NHS England's Organisation Data Service codes. */
    public static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    /** How far a reported measureScore may differ from the counts' own ratio (rounding to 3 decimals). */
    static final double SCORE_TOLERANCE = 0.0005;

    private FhirSubmissionReader() {
    }

    /** Building the R4 context reads the whole model once (about a second): done on first use. */
    private static final class Holder {
        static final FhirContext R4 = FhirContext.forR4();
    }

    /** The R4 context (for writing FHIR answers). */
    public static FhirContext context() {
        return Holder.R4;
    }

    /** Reads FHIR JSON. */
    public static List<SubmissionReader.Read> read(String text, CatalogueLookup catalogue) {
        return read(parse(text, false), catalogue);
    }

    /**
     * Parses FHIR JSON or XML strictly (unknown elements and wrong types are errors).
     *
     * @throws ProblemException malformed-body, in words that name no parser internals
     */
    public static IBaseResource parse(String text, boolean xml) {
        IParser parser = (xml ? Holder.R4.newXmlParser() : Holder.R4.newJsonParser())
                .setParserErrorHandler(new StrictErrorHandler());
        try {
            return parser.parseResource(text);
        } catch (RuntimeException e) {
            // HAPI's message quotes its own codes and Java exceptions (HAPI-1821 … NumberFormatException): not for
            // the caller. Say what to check instead.
            throw ProblemException.malformed("the body is not a valid FHIR R4 resource in " + (xml ? "XML" : "JSON")
                    + ": check that it names a resourceType, uses only R4 elements, and gives each element its R4"
                    + " type (a count is a whole number such as 4, not 4.0 or \"4\")", List.of());
        }
    }

    /** The results of a MeasureReport or a Bundle of them. */
    public static List<SubmissionReader.Read> read(IBaseResource resource, CatalogueLookup catalogue) {
        List<SubmissionReader.Read> reads = new ArrayList<>();
        if (resource instanceof MeasureReport report) {
            reads.add(read(report, "", catalogue, Map.of()));
        } else if (resource instanceof Bundle bundle) {
            Map<String, Resource> entries = entries(bundle);
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                String pointer = "/entry/" + i + "/resource";
                Resource entry = bundle.getEntry().get(i).getResource();
                if (entry instanceof MeasureReport report) {
                    reads.add(read(report, pointer, catalogue, entries));
                } else if (!(entry instanceof Organization) && !(entry instanceof Location)) {
                    reads.add(new SubmissionReader.Read(pointer, null, List.of(new FieldError(pointer,
                            "each Bundle entry must be a MeasureReport, or the Organization or Location a report"
                                    + " refers to; not a " + (entry == null ? "missing resource" : entry.fhirType())))));
                }
            }
            if (reads.isEmpty()) {
                throw ProblemException.validation("the Bundle has no MeasureReport",
                        List.of(new FieldError("/entry", "no MeasureReport")));
            }
        } else {
            String detail = "a FHIR submission is a MeasureReport or a Bundle of them, not a " + resource.fhirType();
            throw ProblemException.validation(detail, List.of(new FieldError("/resourceType", detail)));
        }
        return reads;
    }

    /** A Bundle's resources by fullUrl and by Type/id, as references within the Bundle name them. */
    private static Map<String, Resource> entries(Bundle bundle) {
        Map<String, Resource> byReference = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource r = entry.getResource();
            if (r == null) {
                continue;
            }
            if (entry.hasFullUrl()) {
                byReference.put(entry.getFullUrl(), r);
            }
            if (r.hasIdElement() && r.getIdElement().hasIdPart()) {
                byReference.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        }
        return byReference;
    }

    static SubmissionReader.Read read(MeasureReport report, String at, CatalogueLookup catalogue) {
        return read(report, at, catalogue, Map.of());
    }

    static SubmissionReader.Read read(MeasureReport report, String at, CatalogueLookup catalogue,
            Map<String, Resource> bundle) {
        List<FieldError> errors = new ArrayList<>();
        if (report.getStatus() != MeasureReport.MeasureReportStatus.COMPLETE) {
            errors.add(new FieldError(at + "/status", "only a complete MeasureReport is a result; this one is "
                    + (report.getStatus() == null ? "without status" : report.getStatus().toCode())));
        }
        MeasureReport.MeasureReportType type = report.getType();
        if (type == MeasureReport.MeasureReportType.INDIVIDUAL || type == MeasureReport.MeasureReportType.DATACOLLECTION) {
            errors.add(new FieldError(at + "/type", "a " + type.toCode() + " report is not an audit result: send"
                    + " the summary (type summary or subject-list) with the counts for the trust or microsystem"));
        } else if (type == null || type == MeasureReport.MeasureReportType.NULL) {
            errors.add(new FieldError(at + "/type", "type is required: summary or subject-list"));
        }
        String audit = null;
        String metric = null;
        Metric known = null;
        if (!report.hasMeasure()) {
            errors.add(new FieldError(at + "/measure", "measure is required"));
        } else {
            String url = report.getMeasure().split("\\|", 2)[0];
            Optional<CatalogueLookup.MeasureRef> measure = catalogue.measure(url);
            if (measure.isEmpty()) {
                errors.add(new FieldError(at + "/measure", "no metric in the catalogue has FHIR Measure " + url));
            } else {
                audit = measure.get().audit();
                metric = measure.get().metric();
                known = catalogue.audit(audit).flatMap(a -> a.metric(measure.get().metric())).orElse(null);
            }
        }
        References references = new References(report, bundle);
        String organisation = references.organisation(report.getReporter(), at + "/reporter", errors);
        if (organisation == null && errors.stream().noneMatch(e -> e.pointer().startsWith(at + "/reporter"))) {
            errors.add(new FieldError(at + "/reporter", "reporter must identify the trust: an identifier with system "
                    + ODS_SYSTEM + ", a reference Organization/<ODS code>, or a contained or Bundle Organization"));
        }
        String microsystem = report.hasSubject()
                ? references.microsystem(report.getSubject(), organisation, at + "/subject", errors) : null;
        String period = period(report, at, errors);
        Counts counts = report.getGroup().size() == 1 ? counts(report.getGroupFirstRep(), known, at + "/group/0", errors)
                : null;
        if (report.getGroup().size() != 1) {
            errors.add(new FieldError(at + "/group", "exactly one group is expected, found " + report.getGroup().size()));
        }
        ResultSubmission submission = new ResultSubmission(audit, metric, organisation, microsystem, period,
                counts == null ? null : counts.numerator(), counts == null ? null : counts.denominator(),
                counts == null ? null : counts.value(), counts == null ? null : counts.expected());
        return new SubmissionReader.Read(at, errors.isEmpty() ? submission : null, errors);
    }

    /** What one group says: counts after the measure-population rules, a value, an expected count. */
    private record Counts(Long numerator, Long denominator, BigDecimal value, BigDecimal expected) {
    }

    private static Counts counts(MeasureReport.MeasureReportGroupComponent group, Metric metric, String at,
            List<FieldError> errors) {
        Map<String, Long> populations = new HashMap<>();
        Map<String, Integer> places = new HashMap<>();
        for (int i = 0; i < group.getPopulation().size(); i++) {
            var population = group.getPopulation().get(i);
            String code = population.getCode().getCoding().stream()
                    .filter(c -> !c.hasSystem() || POPULATION_SYSTEM.equals(c.getSystem()))
                    .map(c -> c.getCode()).findFirst().orElse(null);
            if (code != null && population.hasCount()) {
                populations.put(code, (long) population.getCount());
                places.put(code, i);
            }
        }
        Long numerator = net(populations, places, "numerator", List.of("numerator-exclusion"), at, errors);
        Long denominator = net(populations, places, "denominator", List.of("denominator-exclusion",
                "denominator-exception"), at, errors);
        BigDecimal score = group.hasMeasureScore() && group.getMeasureScore().hasValue()
                ? group.getMeasureScore().getValue() : null;
        BigDecimal expected = null;
        var extension = group.getExtensionByUrl(EXPECTED_EXTENSION);
        if (extension != null) {
            if (extension.getValue() instanceof DecimalType decimal && decimal.hasValue()) {
                expected = decimal.getValue();
            } else {
                errors.add(new FieldError(at + "/extension", "the expected-count extension takes a valueDecimal"));
            }
        }
        if (metric == null || !metric.isCounted()) {
            return new Counts(numerator, denominator, score, expected);
        }
        // A counted metric's score is the counts' own ratio (HAPI and CQL evaluators always send it): check it.
        if (score != null && numerator != null && denominator != null && denominator > 0) {
            double base = metric.type.standardised() && expected != null && expected.signum() > 0
                    ? expected.doubleValue() : denominator;
            double ratio = numerator / base;
            if (Math.abs(score.doubleValue() - ratio) > SCORE_TOLERANCE) {
                errors.add(new FieldError(at + "/measureScore", "measureScore (" + score.toPlainString() + ") does not"
                        + " agree with the counts: " + numerator + " / " + (base == denominator ? denominator
                        : expected.toPlainString()) + " = " + String.format(java.util.Locale.UK, "%.4f", ratio)
                        + " (after exclusions and exceptions)"));
            }
        }
        return new Counts(numerator, denominator, null, expected);
    }

    /**
     * A population's count less its exclusions and exceptions (FHIR measure-population rules), or null when it is
     * not reported; an exclusion larger than its population is an error.
     */
    private static Long net(Map<String, Long> populations, Map<String, Integer> places, String population,
            List<String> removed, String at, List<FieldError> errors) {
        Long count = populations.get(population);
        if (count == null) {
            return null;
        }
        long net = count;
        for (String code : removed) {
            Long less = populations.get(code);
            if (less != null) {
                net -= less;
                if (less < 0 || net < 0) {
                    errors.add(new FieldError(at + "/population/" + places.get(code) + "/count", code + " (" + less
                            + ") cannot be more than what remains of the " + population + " (" + (net + less) + ")"));
                    return null;
                }
            }
        }
        return net;
    }

    /** Resolves a report's references the way FHIR does: contained, in the Bundle, by identifier. */
    private record References(MeasureReport report, Map<String, Resource> bundle) {
        /** The ODS code an organisation reference names, or null (with an error when it names one wrongly). */
        String organisation(Reference reference, String at, List<FieldError> errors) {
            if (reference == null || reference.isEmpty()) {
                return null;
            }
            Resource resolved = resolve(reference);
            if (resolved instanceof Organization org) {
                return odsCode(org.getIdentifier(), at, errors);
            }
            if (resolved != null) {
                errors.add(new FieldError(at, "names a " + resolved.fhirType() + ", not an Organization"));
                return null;
            }
            if (reference.hasIdentifier()) {
                return odsCode(List.of(reference.getIdentifier()), at + "/identifier", errors);
            }
            String literal = reference.getReference();
            if (literal != null && literal.startsWith("Organization/") && literal.split("/").length == 2) {
                return literal.substring("Organization/".length());
            }
            if (literal != null) {
                errors.add(new FieldError(at + "/reference", "cannot resolve " + literal + ": name the trust as"
                        + " Organization/<ODS code>, by identifier, or include the Organization in the Bundle"));
            }
            return null;
        }

        /** The microsystem a subject names, or null for the trust itself (a trust-level result). */
        String microsystem(Reference subject, String organisation, String at, List<FieldError> errors) {
            Resource resolved = resolve(subject);
            if (resolved instanceof Location location) {
                return location.getIdentifier().stream().filter(i -> i.hasValue()).map(i -> i.getValue()).findFirst()
                        .orElse(location.getIdElement().getIdPart());
            }
            if (resolved instanceof Organization || isOrganisation(subject)) {
                String trust = organisation(subject, at, errors);
                if (trust != null && organisation != null && !trust.equals(organisation)) {
                    errors.add(new FieldError(at, "an Organization subject must be the reporting trust itself ("
                            + organisation + "), not " + trust));
                }
                return null;
            }
            if (resolved != null) {
                errors.add(new FieldError(at, "a subject is a Location (a ward or team) or the trust itself, not a "
                        + resolved.fhirType()));
                return null;
            }
            if (subject.hasReference()) {
                String[] parts = subject.getReference().split("/");
                if (parts.length == 2 && parts[0].equals("Location")) {
                    return parts[1];
                }
                errors.add(new FieldError(at + "/reference", "a subject is Location/<microsystem code> or the trust"
                        + " itself, not " + subject.getReference()));
                return null;
            }
            if (subject.hasIdentifier() && subject.getIdentifier().hasValue()) {
                return subject.getIdentifier().getValue();
            }
            errors.add(new FieldError(at, "subject must identify the microsystem by identifier or reference"));
            return null;
        }

        private boolean isOrganisation(Reference reference) {
            return reference.hasReference() && reference.getReference().startsWith("Organization/")
                    || "Organization".equals(reference.getType())
                    || reference.hasIdentifier() && ODS_SYSTEM.equals(reference.getIdentifier().getSystem());
        }

        /** A contained ({@code #id}) or in-Bundle resource, or null when the reference points outside. */
        private Resource resolve(Reference reference) {
            if (!reference.hasReference()) {
                return null;
            }
            String literal = reference.getReference();
            if (literal.startsWith("#")) {
                return report.getContained().stream()
                        .filter(r -> literal.substring(1).equals(r.getIdElement().getIdPart())).findFirst().orElse(null);
            }
            Resource inBundle = bundle.get(literal);
            if (inBundle != null) {
                return inBundle;
            }
            return bundle.entrySet().stream().filter(e -> e.getKey().endsWith("/" + literal)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        /** The ODS code among identifiers; another system is refused. */
        private static String odsCode(List<Identifier> identifiers, String at, List<FieldError> errors) {
            for (Identifier identifier : identifiers) {
                if (ODS_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
                    return identifier.getValue();
                }
            }
            Identifier other = identifiers.stream().filter(Identifier::hasSystem).findFirst().orElse(null);
            if (other != null) {
                errors.add(new FieldError(at, "the trust is named by its ODS code (identifier system " + ODS_SYSTEM
                        + "), not by " + other.getSystem()));
                return null;
            }
            return identifiers.stream().filter(Identifier::hasValue).map(Identifier::getValue).findFirst().orElse(null);
        }
    }

    /** The month, quarter or year a FHIR period spans exactly; anything else is an error. */
    static String period(MeasureReport report, String at, List<FieldError> errors) {
        if (!report.hasPeriod() || !report.getPeriod().hasStart() || !report.getPeriod().hasEnd()) {
            errors.add(new FieldError(at + "/period", "period with start and end is required"));
            return null;
        }
        LocalDate start = first(report.getPeriod().getStartElement().getValueAsString());
        LocalDate end = last(report.getPeriod().getEndElement().getValueAsString());
        String found = period(start, end);
        if (found == null) {
            errors.add(new FieldError(at + "/period", "period must span one calendar month, quarter or year; "
                    + start + " to " + end + " does not"));
        }
        return found;
    }

    static String period(LocalDate start, LocalDate end) {
        if (start.getDayOfMonth() != 1 || end.plusDays(1).getDayOfMonth() != 1 || end.isBefore(start)) {
            return null;
        }
        YearMonth from = YearMonth.from(start);
        YearMonth to = YearMonth.from(end);
        if (from.equals(to)) {
            return from.toString();
        }
        if (from.getYear() == to.getYear() && from.getMonthValue() == 1 && to.getMonthValue() == 12) {
            return String.valueOf(from.getYear());
        }
        if (from.getYear() == to.getYear() && (from.getMonthValue() - 1) % 3 == 0
                && to.getMonthValue() == from.getMonthValue() + 2) {
            return from.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
        }
        return null;
    }

    /** The first day of a FHIR date or dateTime of any precision (2025, 2025-03, 2025-03-01, 2025-03-01T00:00:00Z). */
    private static LocalDate first(String value) {
        String date = value.length() > 10 ? value.substring(0, 10) : value;
        return switch (date.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(date), 1, 1);
            case 7 -> YearMonth.parse(date).atDay(1);
            default -> LocalDate.parse(date);
        };
    }

    /** The last day of a FHIR date or dateTime of any precision. */
    private static LocalDate last(String value) {
        String date = value.length() > 10 ? value.substring(0, 10) : value;
        return switch (date.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(date), 12, 31);
            case 7 -> YearMonth.parse(date).atEndOfMonth();
            default -> LocalDate.parse(date);
        };
    }
}
