package uk.nhs.pdsa.ingest.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Reference;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Reads {@code application/fhir+json} submissions: one FHIR R4 {@code MeasureReport} or a {@code Bundle} of
 * them. Mapping: {@code measure} (canonical URL, any {@code |version} ignored) → audit and metric through the
 * catalogue's {@code fhirMeasure}; {@code reporter} → organisation (identifier value, or the id of an
 * {@code Organization/<ODS>} reference); {@code subject} → microsystem (likewise, optional); {@code period} →
 * one calendar month, quarter or year; {@code group[0].population} counts coded {@code numerator} and
 * {@code denominator} (system {@value #POPULATION_SYSTEM}), or {@code group[0].measureScore} for value metrics;
 * for a standardised ratio, the risk model's expected count in the group extension {@value #EXPECTED_EXTENSION}
 * ({@code valueDecimal}).
 * Only {@code status = complete} reports are results. Pointers name the report (for a Bundle
 * {@code /entry/i/resource}) and the FHIR element.
 */
public final class FhirSubmissionReader {
    static final String POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";
    /** The group extension carrying a standardised ratio's expected count (valueDecimal). */
    public static final String EXPECTED_EXTENSION = "https://pdsa.nhs.uk/fhir/StructureDefinition/expected-count";

    private FhirSubmissionReader() {
    }

    /** Building the R4 context reads the whole model once (about a second): done on first use. */
    private static final class Holder {
        static final FhirContext R4 = FhirContext.forR4();
    }

    public static List<SubmissionReader.Read> read(String text, CatalogueLookup catalogue) {
        IParser parser = Holder.R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        IBaseResource resource;
        try {
            resource = parser.parseResource(text);
        } catch (DataFormatException e) {
            // HAPI's message quotes its own codes and Java exceptions: not for the caller.
            throw ProblemException.malformed("the body is not a valid FHIR R4 resource: check that it is JSON with a"
                    + " resourceType, and that each element has the type FHIR R4 gives it (a count is a whole number)",
                    List.of());
        }
        List<SubmissionReader.Read> reads = new ArrayList<>();
        if (resource instanceof MeasureReport report) {
            reads.add(read(report, "", catalogue));
        } else if (resource instanceof Bundle bundle) {
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                String pointer = "/entry/" + i + "/resource";
                if (bundle.getEntry().get(i).getResource() instanceof MeasureReport report) {
                    reads.add(read(report, pointer, catalogue));
                } else {
                    reads.add(new SubmissionReader.Read(pointer, null,
                            List.of(new FieldError(pointer, "each Bundle entry must be a MeasureReport"))));
                }
            }
            if (reads.isEmpty()) {
                throw ProblemException.validation("the Bundle has no entries", List.of(new FieldError("/entry", "empty")));
            }
        } else {
            String detail = "a FHIR submission is a MeasureReport or a Bundle of them, not a " + resource.fhirType();
            throw ProblemException.validation(detail, List.of(new FieldError("/resourceType", detail)));
        }
        return reads;
    }

    static SubmissionReader.Read read(MeasureReport report, String at, CatalogueLookup catalogue) {
        List<FieldError> errors = new ArrayList<>();
        if (report.getStatus() != MeasureReport.MeasureReportStatus.COMPLETE) {
            errors.add(new FieldError(at + "/status", "only a complete MeasureReport is a result; this one is "
                    + (report.getStatus() == null ? "without status" : report.getStatus().toCode())));
        }
        String audit = null;
        String metric = null;
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
            }
        }
        String organisation = code(report.getReporter());
        if (organisation == null) {
            errors.add(new FieldError(at + "/reporter", "reporter must identify the trust: an identifier with its"
                    + " ODS code, or a reference Organization/<ODS code>"));
        }
        String microsystem = report.hasSubject() ? code(report.getSubject()) : null;
        if (report.hasSubject() && microsystem == null) {
            errors.add(new FieldError(at + "/subject", "subject must identify the microsystem by identifier or reference"));
        }
        String period = period(report, at, errors);
        Long numerator = null;
        Long denominator = null;
        java.math.BigDecimal value = null;
        java.math.BigDecimal expected = null;
        if (report.getGroup().size() != 1) {
            errors.add(new FieldError(at + "/group", "exactly one group is expected, found " + report.getGroup().size()));
        } else {
            MeasureReport.MeasureReportGroupComponent group = report.getGroupFirstRep();
            for (int i = 0; i < group.getPopulation().size(); i++) {
                var population = group.getPopulation().get(i);
                String code = population.getCode().getCoding().stream()
                        .filter(c -> c.getSystem() == null || POPULATION_SYSTEM.equals(c.getSystem()))
                        .map(c -> c.getCode()).findFirst().orElse(null);
                if ("numerator".equals(code)) {
                    numerator = population.hasCount() ? (long) population.getCount() : null;
                } else if ("denominator".equals(code)) {
                    denominator = population.hasCount() ? (long) population.getCount() : null;
                }
            }
            if (group.hasMeasureScore() && group.getMeasureScore().hasValue()) {
                value = group.getMeasureScore().getValue();
            }
            var extension = group.getExtensionByUrl(EXPECTED_EXTENSION);
            if (extension != null) {
                if (extension.getValue() instanceof org.hl7.fhir.r4.model.DecimalType decimal && decimal.hasValue()) {
                    expected = decimal.getValue();
                } else {
                    errors.add(new FieldError(at + "/group/0/extension", "the expected-count extension takes a"
                            + " valueDecimal"));
                }
            }
        }
        ResultSubmission submission = new ResultSubmission(audit, metric, organisation, microsystem, period,
                numerator, denominator, value, expected);
        return new SubmissionReader.Read(at, errors.isEmpty() ? submission : null, errors);
    }

    private static String code(Reference reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        if (reference.hasIdentifier() && reference.getIdentifier().hasValue()) {
            return reference.getIdentifier().getValue();
        }
        if (reference.hasReference()) {
            String[] parts = reference.getReference().split("/");
            return parts.length >= 2 ? parts[parts.length - 1] : null;
        }
        return null;
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
